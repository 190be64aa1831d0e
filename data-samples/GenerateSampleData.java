/*
 * Deterministic synthetic CRM sample data for crm-affinity.
 *
 * Run with the JDK only (single-file source launcher, Java 17+):
 *
 *     java data-samples/GenerateSampleData.java data-samples
 *
 * Writes customers.csv, products.csv, orders.csv, order_items.csv, opportunities.csv, contracts.csv and
 * support_cases.csv
 * into the given folder (default: the current folder), following shared/crm-input-contract.md:
 * UTF-8, header row, comma separated, RFC 4180 quoting, ISO-8601 dates, empty field = null, LF line ends.
 *
 * Everything comes from one java.util.Random with a fixed seed (and, for churners and support cases, a second
 * one drawn only after the first is done) and only ordered collections are iterated, so two runs produce
 * byte-identical files. The planted association rules and the planted bad rows are
 * described in README.md next to this file; the program prints the keys of the bad rows it planted.
 * If you change this program, re-run it and update README.md (keys and measured rates).
 */

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

public class GenerateSampleData {

    static final long SEED = 20251231L;
    static final LocalDate ORDERS_FROM = LocalDate.of(2024, 1, 1);
    static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);

    static final int N_CUSTOMERS = 400;
    static final int N_ORDERS = 5000;
    static final int N_OPPORTUNITIES = 300;
    static final int N_LEGACY_CONTRACTS = 55;

    static final Random RND = new Random(SEED);

    // ------------------------------------------------------------------------------------------ model

    static final String[] CATEGORIES = {
        "LAPTOPS", "ACCESSORIES", "PHONES", "SOFTWARE", "SERVICES", "PRINTERS", "NETWORKING", "SUPPLIES"};
    /** Category popularity per basket draw, same order as CATEGORIES. */
    static final double[] CAT_W_INDIVIDUAL = {13, 24, 20, 8, 5, 6, 7, 12};
    static final double[] CAT_W_BUSINESS = {15, 15, 8, 20, 13, 6, 12, 9};

    record Product(String id, String name, String category, long priceCents, double wInd, double wBus) {}

    static final class Customer {
        String id, name, type, segment, region;
        LocalDate created;
        boolean showCreated = true;
        double activity;
        LocalDate churnDate; // stops buying from this date (applyChurn); null for most customers
        final List<Order> orders = new ArrayList<>();
        final List<Opportunity> opportunities = new ArrayList<>();
        final List<Contract> contracts = new ArrayList<>();
        boolean business() { return "BUSINESS".equals(type); }
    }

    static final class Opportunity {
        String id;
        Customer customer;
        Product product;
        String stage;
        long amountCents;
        Double probability;
        LocalDate created, expectedClose, closed;
        boolean hasContract;
    }

    static final class Contract {
        String id;
        Customer customer;
        Product product;
        Opportunity opportunity;
        LocalDate start, end;
        int termMonths;
        long valueCents;
        String status;
        Contract renewalOf;
        boolean renewed;
        int linkedOrders;
    }

    static final class Item {
        final Product product;
        final int quantity;
        final Long unitPriceCents; // null = empty (product price)
        Item(Product product, int quantity, Long unitPriceCents) {
            this.product = product; this.quantity = quantity; this.unitPriceCents = unitPriceCents;
        }
    }

    static final class Order {
        String id;
        Customer customer;
        LocalDate date;
        String channel, status;
        Opportunity opportunity;
        Contract contract;
        final List<Item> items = new ArrayList<>();
        boolean reserved; // already used for a planted bad row or a planted duplicate line
    }

    static final List<Product> PRODUCTS = new ArrayList<>();
    static final TreeMap<String, Product> PRODUCT_BY_ID = new TreeMap<>();

    static void product(String id, String name, String category, String price, double wInd, double wBus) {
        Product p = new Product(id, name, category, cents(price), wInd, wBus);
        PRODUCTS.add(p);
        PRODUCT_BY_ID.put(id, p);
    }

    static {
        product("P001", "ProBook 14 Laptop", "LAPTOPS", "899.00", 5, 8);
        product("P002", "ProBook 16 Laptop", "LAPTOPS", "1199.00", 3, 6);
        product("P003", "UltraLite 13 Laptop", "LAPTOPS", "1349.00", 3, 4);
        product("P004", "WorkStation X15 Laptop", "LAPTOPS", "2249.00", 0.5, 2);
        product("P005", "StudentBook 14 Laptop", "LAPTOPS", "549.00", 5, 1);
        product("P006", "Chromebook 11 Laptop", "LAPTOPS", "329.00", 4, 1);
        product("P007", "GamerPro 17 Laptop", "LAPTOPS", "1799.00", 3, 0.3);
        product("P008", "ConvertiFlex 14 2-in-1 Laptop", "LAPTOPS", "999.00", 2, 2);

        product("P009", "USB-C Docking Station", "ACCESSORIES", "189.00", 2, 4);
        product("P010", "Wireless Mouse", "ACCESSORIES", "29.99", 6, 5);
        product("P011", "Wireless Keyboard", "ACCESSORIES", "49.99", 4, 4);
        product("P012", "Laptop Sleeve 14\"", "ACCESSORIES", "24.99", 4, 1);
        product("P013", "Noise-Cancelling Headset", "ACCESSORIES", "149.00", 3, 3);
        product("P014", "HD Webcam 1080p", "ACCESSORIES", "79.00", 2, 3);
        product("P015", "27\" 4K Monitor", "ACCESSORIES", "399.00", 2, 4);
        product("P016", "USB-C Charger 65W", "ACCESSORIES", "49.00", 4, 2);
        product("P017", "Phone Case", "ACCESSORIES", "24.99", 3, 1);
        product("P018", "Screen Protector", "ACCESSORIES", "14.99", 3, 1);
        product("P019", "Wireless Earbuds", "ACCESSORIES", "129.00", 5, 1);
        product("P020", "Laptop Backpack", "ACCESSORIES", "59.00", 3, 1);

        product("P021", "Nova X Smartphone", "PHONES", "999.00", 5, 4);
        product("P022", "Nova Lite Smartphone", "PHONES", "449.00", 6, 3);
        product("P023", "Pixelon 8 Smartphone", "PHONES", "699.00", 5, 2);
        product("P024", "Rugged Pro Smartphone", "PHONES", "549.00", 1, 3);
        product("P025", "Fold Z Smartphone", "PHONES", "1599.00", 2, 1);
        product("P026", "Basic Feature Phone", "PHONES", "59.00", 2, 1);
        product("P027", "Nova Tab 11 Tablet", "PHONES", "599.00", 4, 2);

        product("P028", "CRM Professional Licence", "SOFTWARE", "1200.00", 0.1, 5);
        product("P029", "CRM Enterprise Licence", "SOFTWARE", "3600.00", 0.02, 1.5);
        product("P030", "Office Suite Licence", "SOFTWARE", "99.00", 5, 5);
        product("P031", "Antivirus Premium 1-Year", "SOFTWARE", "39.99", 6, 2);
        product("P032", "Cloud Backup 1TB Subscription", "SOFTWARE", "89.00", 3, 3);
        product("P033", "Accounting Suite, Small Business", "SOFTWARE", "399.00", 0.5, 3);
        product("P034", "Photo Editor Pro", "SOFTWARE", "149.00", 3, 0.5);
        product("P035", "VPN Business Licence", "SOFTWARE", "79.00", 0.5, 3);
        product("P036", "Design Studio Licence", "SOFTWARE", "599.00", 1, 1.5);

        product("P037", "CRM Onboarding Service", "SERVICES", "1500.00", 0.05, 1);
        product("P038", "Network Installation Service", "SERVICES", "450.00", 0.5, 2);
        product("P039", "Extended Warranty 3-Year", "SERVICES", "199.00", 5, 3);
        product("P040", "On-Site Support Plan", "SERVICES", "999.00", 0.2, 3);
        product("P041", "Data Migration Service", "SERVICES", "750.00", 0.5, 2);
        product("P042", "Device Setup Service", "SERVICES", "49.00", 5, 2);
        product("P043", "IT Training Day", "SERVICES", "690.00", 0.3, 2);

        product("P044", "LaserJet 4000 Printer", "PRINTERS", "249.00", 4, 4);
        product("P045", "LaserPro M200 Printer", "PRINTERS", "399.00", 2, 5);
        product("P046", "Colour Laser MFP 700 Printer", "PRINTERS", "899.00", 0.5, 3);
        product("P047", "Toner Cartridge Black", "PRINTERS", "89.00", 2, 3);
        product("P048", "Toner Cartridge Colour Pack", "PRINTERS", "229.00", 1, 2);
        product("P049", "Compact Photo Printer", "PRINTERS", "149.00", 4, 0.5);

        product("P050", "AX3000 Wi-Fi Router", "NETWORKING", "179.00", 5, 5);
        product("P051", "24-Port Network Switch", "NETWORKING", "329.00", 0.2, 3);
        product("P052", "8-Port Network Switch", "NETWORKING", "69.00", 1, 2);
        product("P053", "Mesh Wi-Fi Kit (3-Pack)", "NETWORKING", "299.00", 4, 1);
        product("P054", "Firewall Appliance FX100", "NETWORKING", "1190.00", 0.1, 2);
        product("P055", "Cat6 Patch Cable 10-Pack", "NETWORKING", "24.99", 2, 3);

        product("P056", "Copy Paper A4, 5 Reams", "SUPPLIES", "29.99", 3, 5);
        product("P057", "Ink Cartridge Multipack", "SUPPLIES", "59.99", 4, 1);
        product("P058", "Label Tape 12mm", "SUPPLIES", "19.99", 1, 3);
        product("P059", "Screen Cleaning Kit", "SUPPLIES", "14.99", 3, 2);
        product("P060", "USB Flash Drive 64GB", "SUPPLIES", "17.99", 4, 3);
    }

    static Product p(String id) { return PRODUCT_BY_ID.get(id); }

    // Planted affinities (see README.md).
    static final double R_LAPTOP_DOCK = 0.60;
    static final double R_LAPTOP_DOCK_MOUSE = 0.55;
    static final double R_SMARTPHONE_CASE = 0.65;
    static final double R_SMARTPHONE_PROTECTOR = 0.50;
    static final double R_CRM_ONBOARDING = 0.70;
    static final double R_PRINTER_TONER = 0.55;
    static final double R_ROUTER_SWITCH = 0.50;
    static final double R_ROUTER_INSTALL = 0.40;

    static final Set<String> SMARTPHONES = new LinkedHashSet<>(List.of("P021", "P022", "P023", "P024", "P025"));
    static final Set<String> LASER_PRINTERS = new LinkedHashSet<>(List.of("P044", "P045", "P046"));

    // ------------------------------------------------------------------------------------------ names

    static final String[] FIRST = {
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra", "Paul", "Ashley",
        "Steven", "Emily", "Andrew", "Donna", "Kevin", "Michelle", "Brian", "Carol", "George", "Amanda",
        "Aisha", "Wei", "Priya", "Mateo", "Olga", "Kenji", "Fatima", "Liam", "Chloe", "Noah",
        "Jos\u00e9", "Zo\u00eb", "S\u00f8ren", "Ren\u00e9e", "Bj\u00f6rn", "In\u00e9s", "Fran\u00e7ois", "Ana", "Luca", "Mia"};
    static final String[] LAST = {
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        "O'Brien", "M\u00fcller", "\u00c1lvarez", "Kowalski", "Novak", "Tanaka", "Okafor", "Singh", "Larsen", "Dubois"};
    static final String[] WORD = {
        "Acme", "Blue River", "Summit", "Northwind", "Redwood", "Silverline", "Brightpath", "Keystone", "Pioneer",
        "Harbor", "Evergreen", "Granite", "Lighthouse", "Orbit", "Pinnacle", "Quantum", "Riverside", "Sterling",
        "Trident", "Vanguard", "Willow", "Apex", "Beacon", "Cobalt", "Delta", "Falcon", "Horizon", "Juniper",
        "Meridian", "Nimbus", "Oakridge", "Prairie", "Crescent", "Titan", "Union", "Vertex", "Westgate", "Zenith"};
    static final String[] ACTIVITY = {
        "Logistics", "Consulting", "Manufacturing", "Dental", "Legal", "Architects", "Foods", "Retail", "Media",
        "Engineering", "Health", "Analytics", "Construction", "Hospitality", "Travel", "Energy", "Insurance",
        "Accounting", "Design", "Education"};
    static final String[] SUFFIX = {"Ltd", "Inc.", "LLC", "GmbH", "Group", "Partners", "Co."};
    static final String[] PUBLIC_BODIES = {
        "City of %s Council", "%s County Library Service", "%s Regional Hospital Trust", "%s School District",
        "%s Water Authority", "Department of Transport, %s Office", "%s Fire and Rescue Service"};

    static String individualName() {
        String n = pick(FIRST) + " " + pick(LAST);
        double u = RND.nextDouble();
        if (u < 0.03) n = n + ", Jr.";
        else if (u < 0.05) n = pick(LAST) + ", " + pick(FIRST);
        return n;
    }

    static String businessName(String segment) {
        if ("PUBLIC_SECTOR".equals(segment)) {
            return String.format(Locale.ROOT, pick(PUBLIC_BODIES), pick(WORD));
        }
        double u = RND.nextDouble();
        if (u < 0.12) return pick(LAST) + ", " + pick(LAST) + " & Co";
        if (u < 0.20) return pick(LAST) + " & " + pick(LAST) + " LLP";
        if (u < 0.23) return "\"" + pick(WORD) + "\" " + pick(ACTIVITY) + " " + pick(SUFFIX);
        if (u < 0.60) return pick(WORD) + " " + pick(ACTIVITY) + " " + pick(SUFFIX);
        return pick(WORD) + " " + pick(ACTIVITY);
    }

    // ------------------------------------------------------------------------------------------ random helpers

    static <T> T pick(T[] a) { return a[RND.nextInt(a.length)]; }

    static int pickIndex(double[] w) {
        double sum = 0;
        for (double x : w) sum += x;
        double t = RND.nextDouble() * sum;
        for (int i = 0; i < w.length; i++) {
            t -= w[i];
            if (t < 0) return i;
        }
        return w.length - 1;
    }

    static <T> T pickWeighted(T[] values, double[] w) { return values[pickIndex(w)]; }

    static LocalDate randomDate(LocalDate from, LocalDate to) {
        long span = ChronoUnit.DAYS.between(from, to);
        if (span <= 0) return from;
        return from.plusDays((long) RND.nextInt((int) span + 1));
    }

    static LocalDate max(LocalDate a, LocalDate b) { return a.isAfter(b) ? a : b; }
    static LocalDate min(LocalDate a, LocalDate b) { return a.isBefore(b) ? a : b; }

    static int geometric(double pStop, int max) {
        int n = 1;
        while (n < max && RND.nextDouble() > pStop) n++;
        return n;
    }

    // ------------------------------------------------------------------------------------------ money

    static long cents(String decimal) {
        boolean neg = decimal.startsWith("-");
        String s = neg ? decimal.substring(1) : decimal;
        int dot = s.indexOf('.');
        long whole = Long.parseLong(dot < 0 ? s : s.substring(0, dot));
        String frac = dot < 0 ? "00" : (s.substring(dot + 1) + "00").substring(0, 2);
        long v = whole * 100 + Long.parseLong(frac);
        return neg ? -v : v;
    }

    static String money(long c) {
        String sign = c < 0 ? "-" : "";
        long a = Math.abs(c);
        return sign + (a / 100) + "." + String.format(Locale.ROOT, "%02d", a % 100);
    }

    /** price * factor, rounded half up to cents. */
    static long scale(long priceCents, double factor) { return Math.round(priceCents * factor); }

    // ------------------------------------------------------------------------------------------ generation

    static final List<Customer> CUSTOMERS = new ArrayList<>();
    static final List<Opportunity> OPPS = new ArrayList<>();
    static final List<Contract> CONTRACTS = new ArrayList<>();
    static final List<Order> ORDERS = new ArrayList<>();

    static void generateCustomers() {
        String[] regions = {"NORTH", "SOUTH", "EAST", "WEST", "CENTRAL"};
        double[] regionW = {22, 20, 18, 25, 15};
        String[] busSegments = {"SMB", "ENTERPRISE", "PUBLIC_SECTOR"};
        double[] busSegW = {55, 25, 20};
        Set<String> usedNames = new LinkedHashSet<>();
        List<String> types = new ArrayList<>();
        for (int i = 0; i < N_CUSTOMERS; i++) types.add(i < N_CUSTOMERS * 6 / 10 ? "INDIVIDUAL" : "BUSINESS");
        Collections.shuffle(types, RND);
        for (int i = 1; i <= N_CUSTOMERS; i++) {
            Customer c = new Customer();
            c.id = String.format(Locale.ROOT, "C%04d", i);
            c.type = types.get(i - 1);
            if (c.business()) {
                c.segment = pickWeighted(busSegments, busSegW);
            } else {
                c.segment = RND.nextDouble() < 0.04 ? null : "CONSUMER";
            }
            c.region = RND.nextDouble() < 0.03 ? null : pickWeighted(regions, regionW);
            String name;
            do {
                name = c.business() ? businessName(c.segment) : individualName();
            } while (!usedNames.add(name));
            c.name = name;
            c.created = RND.nextDouble() < 0.85
                ? randomDate(LocalDate.of(2015, 1, 1), LocalDate.of(2023, 12, 31))
                : randomDate(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 10, 31));
            c.showCreated = RND.nextDouble() >= 0.02;
            // heavy-tailed purchase frequency: a few customers buy often, many rarely
            double g = RND.nextGaussian();
            c.activity = Math.min(12.0, Math.exp(0.95 * g)) * (c.business() ? 1.3 : 1.0);
            CUSTOMERS.add(c);
        }
    }

    // Opportunities and contracts draw from their own stream, so that changing their model moves the rest of
    // the data as little as possible.
    static Random OC_RND = new Random(20240701L);
    static final LocalDate OPPS_FROM = LocalDate.of(2023, 7, 1);
    /** Mean new opportunities per day (before growth and season). */
    static double OPP_RATE = 0.8;

    static final String[] OPEN_STAGES = {"PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION"};
    /** Chance that a deal leaves each open stage forwards (from NEGOTIATION: won); the rest are lost there. */
    static final double[] STAGE_ADVANCE = {0.70, 0.72, 0.75, 0.68};
    /** Mean days spent in each open stage. */
    static final double[] STAGE_DAYS = {14, 21, 24, 18};
    /** Chance, per stage, that a deal stalls there for months and is then closed lost. */
    static final double STALL = 0.04;

    static int ocIndex(double[] w) {
        double sum = 0;
        for (double x : w) sum += x;
        double t = OC_RND.nextDouble() * sum;
        for (int i = 0; i < w.length; i++) {
            t -= w[i];
            if (t < 0) return i;
        }
        return w.length - 1;
    }

    static <T> T ocWeighted(T[] values, double[] w) { return values[ocIndex(w)]; }

    static LocalDate ocDate(LocalDate from, LocalDate to) {
        long span = ChronoUnit.DAYS.between(from, to);
        if (span <= 0) return from;
        return from.plusDays((long) OC_RND.nextInt((int) span + 1));
    }

    static int ocPoisson(double mean) {
        double l = Math.exp(-mean), p = 1.0;
        int k = 0;
        do {
            k++;
            p *= OC_RND.nextDouble();
        } while (p > l);
        return k - 1;
    }

    static long ocExpDays(double mean) { return Math.max(1, Math.round(-mean * Math.log(1.0 - OC_RND.nextDouble()))); }

    static Product opportunityProduct() {
        String[] cats = {"SOFTWARE", "SERVICES", "NETWORKING", "LAPTOPS", "PRINTERS", "PHONES"};
        double[] w = {35, 20, 15, 15, 8, 7};
        String cat = ocWeighted(cats, w);
        List<Product> ps = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        for (Product p : PRODUCTS) {
            if (p.category().equals(cat) && p.priceCents() >= 6000) {
                ps.add(p);
                ws.add(p.wBus() * Math.sqrt(p.priceCents() / 100.0));
            }
        }
        double[] wa = ws.stream().mapToDouble(Double::doubleValue).toArray();
        return ps.get(ocIndex(wa));
    }

    /** Categories sell differently: services and software close more often than hardware. */
    static double categoryFactor(Product p) {
        switch (p.category()) {
            case "SERVICES": return 1.08;
            case "SOFTWARE": return 1.04;
            case "LAPTOPS": return 0.93;
            case "PHONES": return 0.90;
            case "NETWORKING": return 0.97;
            default: return 1.0;
        }
    }

    static int dealQuantity(Product p) {
        switch (p.category()) {
            case "SOFTWARE": return 5 + OC_RND.nextInt(146);
            case "SERVICES": return 1 + OC_RND.nextInt(8);
            case "LAPTOPS": return 5 + OC_RND.nextInt(76);
            case "PHONES": return 10 + OC_RND.nextInt(141);
            case "NETWORKING": return 1 + OC_RND.nextInt(20);
            default: return 2 + OC_RND.nextInt(19);
        }
    }

    static double stageProbability(String stage) {
        switch (stage) {
            case "PROSPECTING": return 0.10;
            case "QUALIFICATION": return 0.25;
            case "PROPOSAL": return 0.50;
            case "NEGOTIATION": return 0.75;
            case "CLOSED_WON": return 1.0;
            default: return 0.0;
        }
    }

    static Customer weightedBusinessCustomer(LocalDate notBefore) {
        List<Customer> bus = new ArrayList<>();
        for (Customer c : CUSTOMERS) if (c.business() && !c.created.isAfter(notBefore)) bus.add(c);
        double[] w = new double[bus.size()];
        for (int i = 0; i < w.length; i++) w[i] = Math.sqrt(bus.get(i).activity) + 0.3;
        return bus.get(ocIndex(w));
    }

    /**
     * Two and a half years of deals. Each day brings a Poisson number of new opportunities (slowly growing, busier
     * before the year end). A deal walks through the four open stages, spending an exponential time in each; at the
     * end of each stage it moves on (from NEGOTIATION: won) or is lost, with chances that depend on the stage and
     * the product category; a few deals stall for months and are then closed lost. What a deal looks like on
     * 2025-12-31 is where that walk has got to by then.
     */
    static void generateOpportunities() {
        List<Opportunity> tmp = new ArrayList<>();
        for (LocalDate d = OPPS_FROM; !d.isAfter(AS_OF); d = d.plusDays(1)) {
            double years = ChronoUnit.DAYS.between(OPPS_FROM, d) / 365.0;
            double season = MONTH_W[d.getMonthValue() - 1];
            int n = ocPoisson(OPP_RATE * (0.85 + 0.12 * years) * season);
            for (int i = 0; i < n; i++) {
                Opportunity o = new Opportunity();
                o.customer = weightedBusinessCustomer(d);
                o.product = opportunityProduct();
                o.created = d;
                int qty = dealQuantity(o.product);
                o.amountCents = Math.round(o.product.priceCents() * qty * (0.80 + 0.20 * OC_RND.nextDouble()) / 100.0) * 100;
                // bigger deals take longer
                double slow = 0.7 + 0.6 * Math.min(1.0, o.amountCents / 2_000_000.0) + 0.3 * OC_RND.nextDouble();
                LocalDate t = d;
                String stageNow = null;
                String outcome = null;
                LocalDate closed = null;
                for (int s = 0; s < OPEN_STAGES.length && outcome == null; s++) {
                    LocalDate leave = t.plusDays(ocExpDays(STAGE_DAYS[s] * slow));
                    boolean stall = OC_RND.nextDouble() < STALL;
                    if (stall) leave = leave.plusDays(90 + OC_RND.nextInt(240));
                    boolean forward = !stall && OC_RND.nextDouble() < Math.min(0.95, STAGE_ADVANCE[s] * categoryFactor(o.product));
                    if (leave.isAfter(AS_OF)) {
                        stageNow = OPEN_STAGES[s];
                        break;
                    }
                    t = leave;
                    if (!forward) {
                        outcome = "CLOSED_LOST";
                        closed = leave;
                    } else if (s == OPEN_STAGES.length - 1) {
                        outcome = "CLOSED_WON";
                        closed = leave;
                    }
                }
                o.stage = outcome != null ? outcome : stageNow;
                o.closed = closed;
                // the rep's guess when the deal is created: optimistic, and never updated
                o.expectedClose = OC_RND.nextDouble() < 0.12 ? null : d.plusDays(20 + OC_RND.nextInt(90));
                if (OC_RND.nextDouble() < 0.08) {
                    o.probability = null;
                } else {
                    double base = stageProbability(o.stage);
                    if (!o.stage.startsWith("CLOSED_")) {
                        base = Math.max(0.05, Math.min(0.95, base + 0.05 * (OC_RND.nextInt(3) - 1)));
                    }
                    o.probability = base;
                }
                tmp.add(o);
            }
        }
        tmp.sort(Comparator.comparing((Opportunity o) -> o.created).thenComparing(o -> o.customer.id));
        int n = 1;
        for (Opportunity o : tmp) {
            o.id = String.format(Locale.ROOT, "OPP%04d", n++);
            o.customer.opportunities.add(o);
            OPPS.add(o);
        }
    }

    static boolean subscription(Product p) {
        return p.category().equals("SOFTWARE") || p.id().equals("P040") || p.id().equals("P039");
    }

    static int term() { return ocWeighted(new Integer[] {12, 24, 36}, new double[] {50, 30, 20}); }

    /** Chance that a contract is renewed when it ends: software renews more than services and hardware care. */
    static double renewalChance(Contract k) {
        double base = k.product.category().equals("SOFTWARE") ? 0.75 : subscription(k.product) ? 0.65 : 0.45;
        return "ENTERPRISE".equals(k.customer.segment) || "PUBLIC_SECTOR".equals(k.customer.segment) ? base + 0.1 : base;
    }

    static void setStatus(Contract k) {
        if (k.status != null && k.status.equals("TERMINATED")) return;
        k.status = k.end.isBefore(AS_OF) ? "EXPIRED" : "ACTIVE";
    }

    static void generateContracts() {
        List<Contract> tmp = new ArrayList<>();
        // 1. contracts signed after won opportunities
        for (Opportunity o : OPPS) {
            if (!o.stage.equals("CLOSED_WON") || OC_RND.nextDouble() >= 0.80) continue;
            Contract k = new Contract();
            k.customer = o.customer;
            k.product = o.product;
            k.opportunity = o;
            k.start = o.closed.plusDays(OC_RND.nextInt(22));
            if (k.start.isAfter(AS_OF)) continue;
            k.termMonths = subscription(o.product) ? term() : 12;
            k.end = k.start.plusMonths(k.termMonths).minusDays(1);
            k.valueCents = subscription(o.product) ? o.amountCents * (k.termMonths / 12) : o.amountCents;
            o.hasContract = true;
            tmp.add(k);
        }
        // 2. legacy contracts without an opportunity (the installed base)
        Product[] subs = {p("P028"), p("P029"), p("P030"), p("P032"), p("P035"), p("P040"), p("P039"), p("P033")};
        double[] subsW = {6, 2, 4, 3, 2, 4, 2, 2};
        for (int i = 0; i < N_LEGACY_CONTRACTS; i++) {
            Contract k = new Contract();
            k.customer = weightedBusinessCustomer(AS_OF);
            k.product = ocWeighted(subs, subsW);
            k.start = ocDate(max(LocalDate.of(2022, 1, 1), k.customer.created), AS_OF);
            k.termMonths = term();
            k.end = k.start.plusMonths(k.termMonths).minusDays(1);
            int seats = k.product.category().equals("SOFTWARE") ? 5 + OC_RND.nextInt(96) : 1 + OC_RND.nextInt(4);
            k.valueCents = Math.round(k.product.priceCents() * seats * (k.termMonths / 12) * (0.85 + 0.15 * OC_RND.nextDouble()) / 100.0) * 100;
            tmp.add(k);
        }
        // 3. renewals (which can renew again) and lapses: when a contract ends, it is renewed by a new contract of
        // the same customer and product starting 1-30 days later, or it lapses; a few end early (terminated).
        for (int i = 0; i < tmp.size(); i++) {
            Contract prev = tmp.get(i);
            if (OC_RND.nextDouble() < 0.05) {
                LocalDate cut = prev.start.plusDays(60 + OC_RND.nextInt(Math.max(1, (int) ChronoUnit.DAYS.between(prev.start, prev.end) - 60)));
                if (cut.isBefore(AS_OF) && cut.isBefore(prev.end)) {
                    prev.end = cut;
                    prev.status = "TERMINATED";
                }
            }
            setStatus(prev);
            if (!prev.status.equals("EXPIRED") || OC_RND.nextDouble() >= renewalChance(prev)) continue;
            LocalDate start = prev.end.plusDays(OC_RND.nextDouble() < 0.6 ? 1 : 1 + OC_RND.nextInt(30));
            if (start.isAfter(AS_OF)) continue;
            Contract k = new Contract();
            k.customer = prev.customer;
            k.product = prev.product;
            k.renewalOf = prev;
            k.start = start;
            k.termMonths = OC_RND.nextDouble() < 0.7 ? prev.termMonths : 12;
            k.end = k.start.plusMonths(k.termMonths).minusDays(1);
            k.valueCents = Math.round(prev.valueCents / (double) prev.termMonths * k.termMonths
                * (1.0 + 0.08 * OC_RND.nextDouble()) / 100.0) * 100;
            prev.renewed = true;
            tmp.add(k);
        }
        tmp.sort(Comparator.comparing((Contract k) -> k.start).thenComparing(k -> k.customer.id));
        int n = 1;
        for (Contract k : tmp) {
            k.id = String.format(Locale.ROOT, "CT%04d", n++);
            k.customer.contracts.add(k);
            CONTRACTS.add(k);
        }
    }

    static final double[] MONTH_W = {0.9, 0.85, 1.0, 0.95, 1.0, 0.95, 0.9, 0.95, 1.05, 1.05, 1.3, 1.5};

    static LocalDate orderDate(Customer c) {
        LocalDate from = max(ORDERS_FROM, c.created);
        while (true) {
            LocalDate d = randomDate(from, AS_OF);
            double w = MONTH_W[d.getMonthValue() - 1] * (d.getYear() == 2025 ? 1.1 : 1.0);
            if (RND.nextDouble() * 1.65 < w) return d;
        }
    }

    static Product drawProduct(Customer c) {
        String cat = CATEGORIES[pickIndex(c.business() ? CAT_W_BUSINESS : CAT_W_INDIVIDUAL)];
        List<Product> ps = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        for (Product p : PRODUCTS) {
            if (p.category().equals(cat)) {
                ps.add(p);
                ws.add(c.business() ? p.wBus() : p.wInd());
            }
        }
        return ps.get(pickIndex(ws.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    static final int MAX_ITEMS = 8;

    static void add(LinkedHashSet<Product> basket, Product p) {
        if (basket.size() >= MAX_ITEMS || basket.contains(p)) return;
        basket.add(p);
        String id = p.id();
        if (p.category().equals("LAPTOPS") && RND.nextDouble() < R_LAPTOP_DOCK) add(basket, p("P009"));
        if (SMARTPHONES.contains(id)) {
            if (RND.nextDouble() < R_SMARTPHONE_CASE) add(basket, p("P017"));
            if (RND.nextDouble() < R_SMARTPHONE_PROTECTOR) add(basket, p("P018"));
        }
        if (id.equals("P028") && RND.nextDouble() < R_CRM_ONBOARDING) add(basket, p("P037"));
        if (LASER_PRINTERS.contains(id) && RND.nextDouble() < R_PRINTER_TONER) add(basket, p("P047"));
        if (id.equals("P050")) {
            if (RND.nextDouble() < R_ROUTER_SWITCH) add(basket, p("P052"));
            if (RND.nextDouble() < R_ROUTER_INSTALL) add(basket, p("P038"));
        }
    }

    static boolean hasCategory(Set<Product> basket, String cat) {
        for (Product p : basket) if (p.category().equals(cat)) return true;
        return false;
    }

    static int itemQuantity(Customer c, Product p) {
        if (!c.business()) {
            double u = RND.nextDouble();
            if (p.category().equals("SUPPLIES")) return u < 0.6 ? 1 : u < 0.9 ? 2 : 3 + RND.nextInt(3);
            return u < 0.86 ? 1 : u < 0.97 ? 2 : 3;
        }
        switch (p.category()) {
            case "SERVICES": return geometric(0.7, 5);
            case "SOFTWARE": return geometric(0.18, 50);
            case "SUPPLIES": return geometric(0.15, 40);
            case "ACCESSORIES": return geometric(0.3, 20);
            default: return geometric(0.45, 15);
        }
    }

    static void generateOrders() {
        double[] w = new double[CUSTOMERS.size()];
        for (int i = 0; i < w.length; i++) w[i] = CUSTOMERS.get(i).activity;
        String[] indChannels = {"ONLINE", "STORE", "PHONE", "SOCIAL"};
        double[] indChW = {50, 30, 5, 15};
        String[] busChannels = {"ONLINE", "PHONE", "PARTNER", "STORE"};
        double[] busChW = {35, 25, 30, 10};
        List<Order> tmp = new ArrayList<>();
        for (int i = 0; i < N_ORDERS; i++) {
            Order o = new Order();
            o.customer = CUSTOMERS.get(pickIndex(w));
            o.date = orderDate(o.customer);
            o.channel = RND.nextDouble() < 0.02 ? null
                : o.customer.business() ? pickWeighted(busChannels, busChW) : pickWeighted(indChannels, indChW);
            long age = ChronoUnit.DAYS.between(o.date, AS_OF);
            double u = RND.nextDouble();
            double pPending = age < 21 ? 0.35 : 0.005;
            o.status = u < pPending ? "PENDING" : u < pPending + 0.045 ? "CANCELLED" : u < pPending + 0.085 ? "RETURNED" : "COMPLETED";
            tmp.add(o);
        }
        tmp.sort(Comparator.comparing((Order o) -> o.date).thenComparing(o -> o.customer.id));

        double[] sizeW = {36, 28, 16, 10, 5, 3, 1.5, 0.5};
        int n = 1;
        for (Order o : tmp) {
            o.id = String.format(Locale.ROOT, "O%05d", n++);
            Customer c = o.customer;
            Product anchor = null;
            if (c.business()) {
                // link to a recently won opportunity of the same customer, or to an active contract
                Opportunity won = null;
                for (Opportunity op : c.opportunities) {
                    if (op.stage.equals("CLOSED_WON") && !op.closed.isAfter(o.date)
                        && ChronoUnit.DAYS.between(op.closed, o.date) <= 120) won = op;
                }
                if (won != null && RND.nextDouble() < 0.35) {
                    o.opportunity = won;
                    anchor = won.product;
                } else {
                    Contract active = null;
                    for (Contract k : c.contracts) {
                        if (!k.start.isAfter(o.date) && !k.end.isBefore(o.date)) active = k;
                    }
                    if (active != null && RND.nextDouble() < 0.10) {
                        o.contract = active;
                        active.linkedOrders++;
                        anchor = active.product;
                    }
                }
            }
            // "draws" independent picks; items added by the planted rules come on top of them (up to 8 in all),
            // so that the planted rules do not crowd out, and thereby anti-correlate, the background purchases
            int draws = 1 + pickIndex(sizeW);
            LinkedHashSet<Product> basket = new LinkedHashSet<>();
            add(basket, anchor != null ? anchor : drawProduct(c));
            for (int k = 1; k < draws && basket.size() < MAX_ITEMS; k++) {
                Product next = drawProduct(c);
                for (int guard = 0; basket.contains(next) && guard < 20; guard++) next = drawProduct(c);
                add(basket, next);
            }
            if (basket.contains(p("P009")) && hasCategory(basket, "LAPTOPS") && RND.nextDouble() < R_LAPTOP_DOCK_MOUSE) {
                add(basket, p("P010"));
            }
            for (Product p : basket) {
                int qty = itemQuantity(c, p);
                Long price;
                double u = RND.nextDouble();
                double pDisc = c.business() ? 0.25 : 0.10;
                if (u < 0.55) price = null;
                else if (u < 1.0 - pDisc) price = p.priceCents();
                else price = scale(p.priceCents(), 1.0 - 0.05 * (1 + RND.nextInt(4)));
                o.items.add(new Item(p, qty, price));
            }
            c.orders.add(o);
            ORDERS.add(o);
        }
    }

    // ------------------------------------------------------------------------------------------ rows and bad rows

    static final String[] H_CUSTOMERS = {"customer_id", "name", "customer_type", "segment", "region", "created_date"};
    static final String[] H_PRODUCTS = {"product_id", "name", "category", "unit_price"};
    static final String[] H_ORDERS = {"order_id", "customer_id", "order_date", "channel", "status", "opportunity_id", "contract_id"};
    static final String[] H_ITEMS = {"order_id", "product_id", "quantity", "unit_price"};
    static final String[] H_OPPS = {"opportunity_id", "customer_id", "product_id", "stage", "amount", "probability",
        "created_date", "expected_close_date", "closed_date"};
    static final String[] H_CONTRACTS = {"contract_id", "customer_id", "product_id", "opportunity_id", "start_date",
        "end_date", "value", "status"};

    static String s(Object o) { return o == null ? null : o.toString(); }

    static String[] row(Customer c) {
        return new String[] {c.id, c.name, c.type, c.segment, c.region, c.showCreated ? s(c.created) : null};
    }

    static String[] row(Product p) { return new String[] {p.id(), p.name(), p.category(), money(p.priceCents())}; }

    static String[] row(Order o) {
        return new String[] {o.id, o.customer.id, s(o.date), o.channel, o.status,
            o.opportunity == null ? null : o.opportunity.id, o.contract == null ? null : o.contract.id};
    }

    static String[] row(Order o, Item it) {
        return new String[] {o.id, it.product.id(), Integer.toString(it.quantity),
            it.unitPriceCents == null ? null : money(it.unitPriceCents)};
    }

    static String[] row(Opportunity o) {
        return new String[] {o.id, o.customer.id, o.product.id(), o.stage, money(o.amountCents),
            o.probability == null ? null : String.format(Locale.ROOT, "%.2f", o.probability),
            s(o.created), s(o.expectedClose), s(o.closed)};
    }

    static String[] row(Contract k) {
        return new String[] {k.id, k.customer.id, k.product.id(), k.opportunity == null ? null : k.opportunity.id,
            s(k.start), s(k.end), money(k.valueCents), k.status};
    }

    /** Log of planted bad rows, printed at the end (README.md lists the same). */
    static final List<String> PLANTED = new ArrayList<>();

    static void planted(String table, String key, String rule, String cascade) {
        PLANTED.add(String.format(Locale.ROOT, "%-13s %-8s %-55s %s", table, key, rule, cascade));
    }

    static String itemKeys(Order o) {
        StringBuilder b = new StringBuilder();
        for (Item it : o.items) b.append(b.length() == 0 ? "" : ",").append(it.product.id());
        return o.items.size() + " item line(s) of " + o.id + " (" + b + ")";
    }

    static int findOrderIndex(int from, Predicate<Order> pred) {
        for (int i = from; i < ORDERS.size(); i++) {
            Order o = ORDERS.get(i);
            if (!o.reserved && pred.test(o)) return i;
        }
        throw new IllegalStateException("no order matches from index " + from);
    }

    /**
     * The first individual from index 150 on with exactly one plain order (of {@code lines} lines; any number
     * when negative) and no opportunity or contract, or null.
     */
    static Customer loneIndividual(int lines) {
        for (int j = 150; j < 150 + CUSTOMERS.size(); j++) {
            Customer c = CUSTOMERS.get(j % CUSTOMERS.size());
            if (!c.business() && c.orders.size() == 1 && (lines < 0 || c.orders.get(0).items.size() == lines)
                && plain(c.orders.get(0)) && c.opportunities.isEmpty() && c.contracts.isEmpty()) return c;
        }
        return null;
    }

    static boolean plain(Order o) {
        return o.opportunity == null && o.contract == null && o.status.equals("COMPLETED");
    }

    static boolean holds(Order o, String productId) {
        for (Item it : o.items) if (it.product.id().equals(productId)) return true;
        return false;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : ".");
        Files.createDirectories(dir);
        // Other opportunity and contract streams, for the forecast benchmark (jobs/bench-forecast.sh samples):
        // --opportunity-seed N draws them from new Random(N), --opportunity-rate R creates R a day on average.
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--opportunity-seed" -> OC_RND = new Random(Long.parseLong(args[i + 1]));
                case "--opportunity-rate" -> OPP_RATE = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }

        generateCustomers();
        generateOpportunities();
        generateContracts();
        generateOrders();

        // ---- choose the rows to corrupt (from the valid data, deterministically) ----

        // Customer with customer_type ALIEN: an individual with exactly one order of two lines and nothing else.
        // (with another opportunity stream there may be no such customer: then any plain one-order individual)
        Customer alien = loneIndividual(2);
        if (alien == null) alien = loneIndividual(-1);
        Order alienOrder = alien.orders.get(0);
        alienOrder.reserved = true;

        Order badDate = ORDERS.get(findOrderIndex(700, o -> plain(o) && o.items.size() == 3));
        badDate.reserved = true;
        Order unknownCustomer = ORDERS.get(findOrderIndex(1500, o -> plain(o) && o.items.size() == 2));
        unknownCustomer.reserved = true;
        Order shipped = ORDERS.get(findOrderIndex(2300, o -> plain(o) && o.items.size() == 1));
        shipped.reserved = true;
        Order dupFirst = ORDERS.get(findOrderIndex(3100, o -> plain(o) && o.items.size() == 2));
        dupFirst.reserved = true;

        // Opportunity with probability 1.5: an open NEGOTIATION deal, referenced by one later order of its customer.
        Opportunity badOpp = null;
        Order badOppOrder = null;
        for (Opportunity op : OPPS) {
            if (!op.stage.equals("NEGOTIATION") || op.probability == null) continue;
            for (Order o : op.customer.orders) {
                if (!o.reserved && plain(o) && o.date.isAfter(op.created) && o.items.size() == 2) { badOppOrder = o; break; }
            }
            if (badOppOrder != null) { badOpp = op; break; }
        }
        badOppOrder.reserved = true;
        badOppOrder.opportunity = badOpp;

        // Contract with end_date before start_date (dates swapped): a legacy, never-renewed, unreferenced contract,
        // then referenced by one order of its customer.
        Contract badContract = null;
        Order badContractOrder = null;
        for (Contract k : CONTRACTS) {
            if (k.opportunity != null || k.renewalOf != null || k.renewed || k.linkedOrders > 0 || !k.status.equals("ACTIVE")) continue;
            for (Order o : k.customer.orders) {
                if (!o.reserved && plain(o) && !o.date.isBefore(k.start) && o.items.size() == 1) { badContractOrder = o; break; }
            }
            if (badContractOrder != null) { badContract = k; break; }
        }
        badContractOrder.reserved = true;
        badContractOrder.contract = badContract;

        // Order lines added to valid orders: quantity 0, quantity "two", unknown product P999, bad product P061 (x2).
        Order qtyZero = ORDERS.get(findOrderIndex(400, o -> plain(o) && o.items.size() == 2 && !holds(o, "P059")));
        qtyZero.reserved = true;
        Order qtyText = ORDERS.get(findOrderIndex(1200, o -> plain(o) && o.items.size() == 3 && !holds(o, "P060")));
        qtyText.reserved = true;
        Order unknownProduct = ORDERS.get(findOrderIndex(2000, o -> plain(o) && o.items.size() == 2));
        unknownProduct.reserved = true;
        Order negProd1 = ORDERS.get(findOrderIndex(2600, o -> plain(o) && o.items.size() == 2));
        negProd1.reserved = true;
        Order negProd2 = ORDERS.get(findOrderIndex(4200, o -> plain(o) && o.items.size() == 3));
        negProd2.reserved = true;

        // Valid but tricky: the same product on two lines of one order (counts once in the basket).
        List<Order> splitLines = new ArrayList<>();
        int[] starts = {250, 1000, 1750, 2500, 3300, 4000};
        for (int st : starts) {
            Order o = ORDERS.get(findOrderIndex(st, x -> plain(x) && x.items.size() >= 2));
            o.reserved = true;
            splitLines.add(o);
        }

        // ---- churners and support cases: their own Random, after every draw above (see applyChurn) ----
        applyChurn(alien);
        generateSupportCases(alien);

        // ---- write customers ----
        List<String[]> customers = new ArrayList<>();
        for (Customer c : CUSTOMERS) {
            String[] r = row(c);
            if (c == alien) r[2] = "ALIEN";
            customers.add(r);
            if (c.id.equals("C0222")) {
                customers.add(new String[] {null, "Nameless Trading, Inc.", "BUSINESS", "SMB", "EAST", "2021-05-17"});
            }
        }
        planted("customers", "(none)", "customer_id missing (row after C0222, name \"Nameless Trading, Inc.\")",
            "no cascade (nothing can reference it)");
        planted("customers", alien.id, "customer_type = ALIEN (not INDIVIDUAL|BUSINESS)",
            "order " + alienOrder.id + " (customer rejected) and then " + itemKeys(alienOrder));

        // ---- products ----
        List<String[]> products = new ArrayList<>();
        for (Product pr : PRODUCTS) products.add(row(pr));
        products.add(new String[] {"P061", "Refurbished Docking Station", "ACCESSORIES", "-15.00"});
        planted("products", "P061", "unit_price = -15.00 (< 0)",
            "order_items lines (" + negProd1.id + ",P061) and (" + negProd2.id + ",P061); the orders stay");

        // ---- orders and order_items ----
        List<String[]> orders = new ArrayList<>();
        List<String[]> items = new ArrayList<>();
        String[] dupRow = null;
        for (Order o : ORDERS) {
            String[] r = row(o);
            if (o == badDate) r[2] = "2025-13-45";
            if (o == unknownCustomer) r[1] = "C9999";
            if (o == shipped) r[4] = "SHIPPED";
            if (o == dupFirst) {
                Customer other = CUSTOMERS.get(17);
                dupRow = new String[] {o.id, other.id, s(o.date.plusDays(3)), "PHONE", "PENDING", null, null};
            }
            orders.add(r);
            if (dupRow != null && o.id.equals(String.format(Locale.ROOT, "O%05d", Integer.parseInt(dupFirst.id.substring(1)) + 240))) {
                orders.add(dupRow);
            }
            for (Item it : o.items) items.add(row(o, it));
            if (splitLines.contains(o)) {
                Item first = o.items.get(0);
                items.add(new String[] {o.id, first.product.id(), "1", null});
            }
            if (o == qtyZero) items.add(new String[] {o.id, "P059", "0", null});
            if (o == qtyText) items.add(new String[] {o.id, "P060", "two", "17.99"});
            if (o == unknownProduct) items.add(new String[] {o.id, "P999", "1", "49.00"});
            if (o == negProd1 || o == negProd2) items.add(new String[] {o.id, "P061", "1", null});
            if (o.id.equals("O02750")) items.add(new String[] {"O99999", "P010", "1", null});
        }
        planted("orders", badDate.id, "order_date = 2025-13-45 (unparsable date)", itemKeys(badDate));
        planted("orders", unknownCustomer.id, "customer_id = C9999 (not in customers)", itemKeys(unknownCustomer));
        planted("orders", shipped.id, "status = SHIPPED (bad enum)", itemKeys(shipped));
        planted("orders", dupFirst.id + "#2", "duplicate order_id (2nd occurrence, 240 rows later: " + dupRow[1] + ", " + dupRow[2] + ", PENDING)",
            "the 2nd row only; the 1st row and its " + dupFirst.items.size() + " items stay");
        planted("orders", badOppOrder.id, "(cascade) opportunity_id " + badOpp.id + " is rejected", itemKeys(badOppOrder));
        planted("orders", badContractOrder.id, "(cascade) contract_id " + badContract.id + " is rejected", itemKeys(badContractOrder));
        planted("order_items", qtyZero.id + "/P059", "quantity = 0 (must be > 0)", "none; the order keeps its other lines");
        planted("order_items", qtyText.id + "/P060", "quantity = two (not an int)", "none; the order keeps its other lines");
        planted("order_items", unknownProduct.id + "/P999", "product_id P999 not in products", "none; the order keeps its other lines");
        planted("order_items", "O99999/P010", "order_id O99999 not in orders (line after O02750's)", "none");
        StringBuilder split = new StringBuilder();
        for (Order o : splitLines) split.append(split.length() == 0 ? "" : ", ").append(o.id).append('/').append(o.items.get(0).product.id());
        PLANTED.add("valid, not bad: same product on two lines (count once): " + split);

        // ---- opportunities ----
        List<String[]> opps = new ArrayList<>();
        for (Opportunity op : OPPS) {
            String[] r = row(op);
            if (op == badOpp) r[5] = "1.5";
            opps.add(r);
        }
        planted("opportunities", badOpp.id, "probability = 1.5 (not in [0,1])", "order " + badOppOrder.id + " and its items");

        // ---- contracts ----
        List<String[]> contracts = new ArrayList<>();
        for (Contract k : CONTRACTS) {
            String[] r = row(k);
            if (k == badContract) { r[4] = s(k.end); r[5] = s(k.start); }
            contracts.add(r);
        }
        planted("contracts", badContract.id, "end_date " + badContract.start + " < start_date " + badContract.end + " (swapped)",
            "order " + badContractOrder.id + " and its items");

        write(dir.resolve("customers.csv"), H_CUSTOMERS, customers);
        write(dir.resolve("products.csv"), H_PRODUCTS, products);
        write(dir.resolve("orders.csv"), H_ORDERS, orders);
        write(dir.resolve("order_items.csv"), H_ITEMS, items);
        write(dir.resolve("opportunities.csv"), H_OPPS, opps);
        write(dir.resolve("contracts.csv"), H_CONTRACTS, contracts);
        write(dir.resolve("support_cases.csv"), H_CASES, supportCaseRows());

        System.out.printf(Locale.ROOT, "customers=%d products=%d orders=%d order_items=%d opportunities=%d contracts=%d support_cases=%d%n",
            customers.size(), products.size(), orders.size(), items.size(), opps.size(), contracts.size(), CASES.size());
        System.out.println("churners (order moved away after the churn date; case cluster before it): " + CHURNED);
        System.out.println("planted bad rows:");
        for (String line : PLANTED) System.out.println("  " + line);
    }

    // ------------------------------------------------------------------------------------------ churn and support cases
    // Owned by the customer value and health work. Everything here draws from CASE_RND (its own seed), after every
    // draw of RND, so the tables above keep their rows: churn only re-assigns orders to other customers.

    static final Random CASE_RND = new Random(20251101L);
    static final int N_CHURNERS = 32;
    static final List<String> CHURNED = new ArrayList<>();
    static final List<SupportCase> CASES = new ArrayList<>();
    static final String[] H_CASES = {"case_id", "customer_id", "product_id", "order_id", "opened_date", "closed_date",
        "status", "priority", "category", "channel", "satisfaction"};

    static final class SupportCase {
        String id, status, priority, category, channel;
        Customer customer;
        Product product;
        Order order;
        LocalDate opened, closed;
        Integer satisfaction;
    }

    /** Whether an order can change hands: nothing links it to its customer's other rows or to a planted bad row. */
    static boolean movable(Order o) {
        return !o.reserved && o.opportunity == null && o.contract == null;
    }

    /**
     * Churners: 32 customers with at least 5 orders before a churn date drawn in 2025-02-01..2025-11-15 stop
     * buying then. Their later orders are re-assigned to another customer of the same type (created by the order
     * date), so orders, items, dates and statuses stay exactly as generated: only customer_id changes.
     */
    static void applyChurn(Customer alien) {
        List<Customer> pool = new ArrayList<>();
        for (Customer c : CUSTOMERS) {
            if (c != alien && c.orders.size() >= 6) pool.add(c);
        }
        Collections.shuffle(pool, CASE_RND);
        LocalDate from = LocalDate.of(2025, 2, 1);
        for (Customer c : pool) {
            if (CHURNED.size() >= N_CHURNERS) break;
            LocalDate churn = from.plusDays(CASE_RND.nextInt(288));
            int before = 0;
            boolean ok = true;
            for (Order o : c.orders) {
                if (o.date.isBefore(churn)) before++;
                else if (!movable(o)) ok = false;
            }
            if (!ok || before < 5) continue;
            c.churnDate = churn;
            CHURNED.add(c.id + "@" + churn);
        }
        for (Customer c : CUSTOMERS) {
            if (c.churnDate == null) continue;
            for (Order o : new ArrayList<>(c.orders)) {
                if (o.date.isBefore(c.churnDate)) continue;
                Customer to = recipient(c, o.date, alien);
                c.orders.remove(o);
                o.customer = to;
                to.orders.add(o);
            }
        }
    }

    static Customer recipient(Customer from, LocalDate date, Customer alien) {
        List<Customer> cs = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        for (Customer c : CUSTOMERS) {
            if (c == from || c == alien || c.churnDate != null || !c.type.equals(from.type) || c.created.isAfter(date)) continue;
            cs.add(c);
            ws.add(c.activity);
        }
        double[] w = ws.stream().mapToDouble(Double::doubleValue).toArray();
        double sum = 0;
        for (double x : w) sum += x;
        double t = CASE_RND.nextDouble() * sum;
        for (int i = 0; i < w.length; i++) {
            t -= w[i];
            if (t < 0) return cs.get(i);
        }
        return cs.get(cs.size() - 1);
    }

    static int caseIndex(double[] w) {
        double sum = 0;
        for (double x : w) sum += x;
        double t = CASE_RND.nextDouble() * sum;
        for (int i = 0; i < w.length; i++) {
            t -= w[i];
            if (t < 0) return i;
        }
        return w.length - 1;
    }

    static final String[] PRIORITIES = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};
    static final String[] CASE_CHANNELS = {"EMAIL", "PHONE", "CHAT", "PORTAL"};

    static SupportCase newCase(Customer c, Order o, Product p, String category, LocalDate opened, String priority) {
        SupportCase k = new SupportCase();
        k.customer = c;
        k.order = o;
        k.product = p;
        k.category = category;
        k.opened = opened;
        k.priority = priority;
        k.channel = CASE_RND.nextDouble() < 0.05 ? null : CASE_CHANNELS[caseIndex(new double[] {35, 30, 25, 10})];
        CASES.add(k);
        return k;
    }

    /** Closes a case after a priority-dependent time, with a satisfaction that falls as resolution drags on. */
    static void resolve(SupportCase k) {
        int[] maxDays = {30, 20, 10, 5};
        int pr = Arrays.asList(PRIORITIES).indexOf(k.priority);
        if (CASE_RND.nextDouble() < 0.03) return; // forgotten: stays open
        int days = 1 + (int) Math.floor(maxDays[pr] * Math.pow(CASE_RND.nextDouble(), 1.5));
        LocalDate closed = k.opened.plusDays(days);
        if (closed.isAfter(AS_OF)) return;
        k.closed = closed;
        if (CASE_RND.nextDouble() < 0.75) {
            double sat = 5.2 - days / 6.0 - 1.2 * CASE_RND.nextDouble();
            k.satisfaction = (int) Math.max(1, Math.min(5, Math.round(sat)));
        }
    }

    static Product anyItem(Order o) { return o.items.get(CASE_RND.nextInt(o.items.size())).product; }

    /**
     * Background cases tied to orders (delivery problems, returns, technical faults; two products planted to cause
     * more of them: P053 Mesh Wi-Fi Kit TECHNICAL, P025 Fold Z Smartphone RETURN), a few billing/account questions
     * without an order, and for every churner a cluster of 2-4 HIGH/CRITICAL cases in the 10-70 days before the
     * churn date, most never resolved. Orders and customers of planted bad rows get no case.
     */
    static void generateSupportCases(Customer alien) {
        for (Order o : ORDERS) {
            Customer c = o.customer;
            if (o.reserved || c == alien || o.items.isEmpty()) continue;
            List<String[]> reasons = new ArrayList<>(); // {category, product id or ""}
            if (o.status.equals("RETURNED") && CASE_RND.nextDouble() < 0.55) reasons.add(new String[] {"RETURN", anyItem(o).id()});
            if (o.status.equals("COMPLETED")) {
                if (holds(o, "P053") && CASE_RND.nextDouble() < 0.45) reasons.add(new String[] {"TECHNICAL", "P053"});
                if (holds(o, "P025") && CASE_RND.nextDouble() < 0.35) reasons.add(new String[] {"RETURN", "P025"});
                if (CASE_RND.nextDouble() < 0.03 + 0.01 * o.items.size()) reasons.add(new String[] {"DELIVERY", ""});
                if (CASE_RND.nextDouble() < 0.03) reasons.add(new String[] {"TECHNICAL", anyItem(o).id()});
                if (c.business() && CASE_RND.nextDouble() < 0.02) reasons.add(new String[] {"BILLING", ""});
            }
            for (String[] r : reasons) {
                LocalDate opened = o.date.plusDays(1 + CASE_RND.nextInt(20));
                if (opened.isAfter(AS_OF) || (c.churnDate != null && !opened.isBefore(c.churnDate))) continue;
                String priority = PRIORITIES[caseIndex(c.business() ? new double[] {25, 40, 27, 8} : new double[] {40, 40, 16, 4})];
                SupportCase k = newCase(c, o, r[1].isEmpty() ? null : p(r[1]), r[0], opened, priority);
                resolve(k);
            }
        }
        for (Customer c : CUSTOMERS) {
            if (c == alien) continue;
            if (CASE_RND.nextDouble() < 0.12) {
                LocalDate opened = randomCaseDate(max(ORDERS_FROM, c.created), c.churnDate == null ? AS_OF : c.churnDate.minusDays(1));
                if (opened != null) {
                    SupportCase k = newCase(c, null, null, c.business() ? "BILLING" : "ACCOUNT", opened,
                        PRIORITIES[caseIndex(new double[] {60, 35, 5, 0})]);
                    resolve(k);
                }
            }
            if (c.churnDate == null) continue;
            // The cluster before churning: problems with recent orders, escalated and left unresolved.
            List<Order> recent = new ArrayList<>();
            for (Order o : c.orders) {
                if (!o.reserved && o.date.isBefore(c.churnDate) && !o.date.isBefore(c.churnDate.minusDays(150))) recent.add(o);
            }
            int n = 2 + CASE_RND.nextInt(3);
            for (int i = 0; i < n; i++) {
                LocalDate opened = c.churnDate.minusDays(10 + CASE_RND.nextInt(61));
                Order o = null;
                for (Order x : recent) if (!x.date.isAfter(opened)) o = x;
                String[] cats = {"TECHNICAL", "DELIVERY", "RETURN", "BILLING"};
                SupportCase k = newCase(c, o, o == null ? null : anyItem(o), cats[caseIndex(new double[] {40, 25, 20, 15})],
                    opened, CASE_RND.nextDouble() < 0.45 ? "CRITICAL" : "HIGH");
                if (CASE_RND.nextDouble() < 0.25) {
                    // resolved late, and the customer says so
                    k.closed = min(AS_OF, opened.plusDays(25 + CASE_RND.nextInt(40)));
                    k.satisfaction = 1 + CASE_RND.nextInt(2);
                }
            }
        }
        CASES.sort(Comparator.comparing((SupportCase k) -> k.opened).thenComparing(k -> k.customer.id)
            .thenComparing(k -> k.category));
        int n = 1;
        for (SupportCase k : CASES) {
            k.id = String.format(Locale.ROOT, "CS%05d", n++);
            if (k.closed == null) k.status = CASE_RND.nextDouble() < 0.6 ? "OPEN" : "PENDING";
            else k.status = CASE_RND.nextDouble() < 0.7 ? "RESOLVED" : "CLOSED";
        }
    }

    static LocalDate randomCaseDate(LocalDate from, LocalDate to) {
        long span = ChronoUnit.DAYS.between(from, to);
        if (span < 0) return null;
        return from.plusDays(CASE_RND.nextInt((int) span + 1));
    }

    /** Rows of support_cases.csv, with the two planted bad rows (see README.md). */
    static List<String[]> supportCaseRows() {
        List<String[]> rows = new ArrayList<>();
        SupportCase badSatisfaction = null;
        SupportCase badDates = null;
        for (SupportCase k : CASES) {
            if (k.closed != null && k.satisfaction != null && k.order != null) {
                if (badSatisfaction == null && k.id.compareTo("CS00100") >= 0) badSatisfaction = k;
                else if (badDates == null && k.id.compareTo("CS00500") >= 0) badDates = k;
            }
        }
        for (SupportCase k : CASES) {
            String[] r = {k.id, k.customer.id, k.product == null ? null : k.product.id(), k.order == null ? null : k.order.id,
                s(k.opened), s(k.closed), k.status, k.priority, k.category, k.channel,
                k.satisfaction == null ? null : Integer.toString(k.satisfaction)};
            if (k == badSatisfaction) r[10] = "7";
            if (k == badDates) r[5] = s(k.opened.minusDays(3));
            rows.add(r);
        }
        planted("support_cases", badSatisfaction.id, "satisfaction = 7 (must be 1 to 5)", "none");
        planted("support_cases", badDates.id, "closed_date " + k(badDates.opened.minusDays(3)) + " < opened_date " + badDates.opened,
            "none");
        return rows;
    }

    static String k(LocalDate d) { return d.toString(); }

    // ------------------------------------------------------------------------------------------ CSV

    static String csv(String v) {
        if (v == null) return "";
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    static void write(Path file, String[] header, List<String[]> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", header));
            w.write('\n');
            for (String[] r : rows) {
                if (r.length != header.length) throw new IllegalStateException("bad width in " + file + ": " + Arrays.toString(r));
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    if (i > 0) b.append(',');
                    b.append(csv(r[i]));
                }
                w.write(b.toString());
                w.write('\n');
            }
        }
    }
}
