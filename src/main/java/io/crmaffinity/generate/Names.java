package io.crmaffinity.generate;

import java.util.Locale;

/** Invented names of people, companies and public bodies; some with commas, quotes or accents on purpose. */
final class Names {
  private static final String[] FIRST = {
      "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
      "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
      "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra", "Paul", "Ashley",
      "Steven", "Emily", "Andrew", "Donna", "Kevin", "Michelle", "Brian", "Carol", "George", "Amanda",
      "Aisha", "Wei", "Priya", "Mateo", "Olga", "Kenji", "Fatima", "Liam", "Chloe", "Noah",
      "Jos\u00e9", "Zo\u00eb", "S\u00f8ren", "Ren\u00e9e", "Bj\u00f6rn", "In\u00e9s", "Fran\u00e7ois", "Ana", "Luca",
      "Mia"};
  private static final String[] LAST = {
      "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
      "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
      "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
      "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
      "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
      "O'Brien", "M\u00fcller", "\u00c1lvarez", "Kowalski", "Novak", "Tanaka", "Okafor", "Singh", "Larsen", "Dubois"};
  private static final String[] WORD = {
      "Acme", "Blue River", "Summit", "Northwind", "Redwood", "Silverline", "Brightpath", "Keystone", "Pioneer",
      "Harbor", "Evergreen", "Granite", "Lighthouse", "Orbit", "Pinnacle", "Quantum", "Riverside", "Sterling",
      "Trident", "Vanguard", "Willow", "Apex", "Beacon", "Cobalt", "Delta", "Falcon", "Horizon", "Juniper",
      "Meridian", "Nimbus", "Oakridge", "Prairie", "Crescent", "Titan", "Union", "Vertex", "Westgate", "Zenith"};
  private static final String[] ACTIVITY = {
      "Logistics", "Consulting", "Manufacturing", "Dental", "Legal", "Architects", "Foods", "Retail", "Media",
      "Engineering", "Health", "Analytics", "Construction", "Hospitality", "Travel", "Energy", "Insurance",
      "Accounting", "Design", "Education"};
  private static final String[] SUFFIX = {"Ltd", "Inc.", "LLC", "GmbH", "Group", "Partners", "Co."};
  private static final String[] PUBLIC_BODIES = {
      "City of %s Council", "%s County Library Service", "%s Regional Hospital Trust", "%s School District",
      "%s Water Authority", "Department of Transport, %s Office", "%s Fire and Rescue Service"};

  private Names() {}

  static String individual(Draws draws) {
    String n = draws.pick(FIRST) + " " + draws.pick(LAST);
    double u = draws.uniform();
    if (u < 0.03) {
      n = n + ", Jr.";
    } else if (u < 0.05) {
      n = draws.pick(LAST) + ", " + draws.pick(FIRST);
    }
    return n;
  }

  static String business(Draws draws, String segment) {
    if ("PUBLIC_SECTOR".equals(segment)) {
      return String.format(Locale.ROOT, draws.pick(PUBLIC_BODIES), draws.pick(WORD));
    }
    double u = draws.uniform();
    if (u < 0.12) {
      return draws.pick(LAST) + ", " + draws.pick(LAST) + " & Co";
    }
    if (u < 0.20) {
      return draws.pick(LAST) + " & " + draws.pick(LAST) + " LLP";
    }
    if (u < 0.23) {
      return "\"" + draws.pick(WORD) + "\" " + draws.pick(ACTIVITY) + " " + draws.pick(SUFFIX);
    }
    if (u < 0.60) {
      return draws.pick(WORD) + " " + draws.pick(ACTIVITY) + " " + draws.pick(SUFFIX);
    }
    return draws.pick(WORD) + " " + draws.pick(ACTIVITY);
  }
}
