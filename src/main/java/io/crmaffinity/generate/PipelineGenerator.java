package io.crmaffinity.generate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A block's opportunities, two and a half years of deals. Each day brings a Poisson number of new ones (slowly
 * growing, busier before the year end). A deal walks through the four open stages, spending an exponential
 * time in each; at the end of each stage it moves on (from NEGOTIATION: won) or is lost, with chances that
 * depend on the stage and the product category; a few deals stall for months and are then closed lost. What a
 * deal looks like on {@link Dates#AS_OF} is where that walk has got to by then.
 */
final class PipelineGenerator {
  private static final String[] OPEN_STAGES = {"PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION"};
  /** Chance that a deal leaves each open stage forwards (from NEGOTIATION: won); the rest are lost there. */
  private static final double[] STAGE_ADVANCE = {0.70, 0.72, 0.75, 0.68};
  /** Mean days spent in each open stage. */
  private static final double[] STAGE_DAYS = {14, 21, 24, 18};
  /** Chance, per stage, that a deal stalls there for months and is then closed lost. */
  private static final double STALL = 0.04;
  private static final String[] DEAL_CATEGORIES = {"SOFTWARE", "SERVICES", "NETWORKING", "LAPTOPS", "PRINTERS",
      "PHONES"};
  private static final double[] DEAL_CATEGORY_WEIGHTS = {35, 20, 15, 15, 8, 7};

  private PipelineGenerator() {}

  /** The block's opportunities sorted by creation, numbered, and added to their customers. */
  static List<Opportunity> generate(Block block, List<Customer> customers, Ids ids, Draws draws) {
    List<Opportunity> all = new ArrayList<>();
    for (LocalDate d = Dates.OPPORTUNITIES_FROM; !d.isAfter(Dates.AS_OF); d = d.plusDays(1)) {
      double years = ChronoUnit.DAYS.between(Dates.OPPORTUNITIES_FROM, d) / 365.0;
      int n = draws.poisson(block.opportunityRate() * (0.85 + 0.12 * years) * Dates.monthWeight(d));
      for (int i = 0; i < n; i++) {
        Customer customer = weightedBusinessCustomer(customers, d, draws);
        if (customer == null) {
          break; // no business customer existed yet (only in very small blocks)
        }
        all.add(deal(customer, d, draws));
      }
    }
    all.sort(Comparator.comparing((Opportunity o) -> o.created).thenComparing(o -> o.customer.id));
    int number = 1;
    for (Opportunity o : all) {
      o.id = ids.opportunity(block.index(), number++);
      o.customer.opportunities.add(o);
    }
    return all;
  }

  private static Opportunity deal(Customer customer, LocalDate d, Draws draws) {
    Opportunity o = new Opportunity();
    o.customer = customer;
    o.product = product(draws);
    o.created = d;
    int qty = quantity(o.product, draws);
    o.amountCents = Math.round(o.product.priceCents() * qty * (0.80 + 0.20 * draws.uniform()) / 100.0) * 100;
    // Bigger deals take longer.
    double slow = 0.7 + 0.6 * Math.min(1.0, o.amountCents / 2_000_000.0) + 0.3 * draws.uniform();
    LocalDate t = d;
    String stageNow = null;
    String outcome = null;
    LocalDate closed = null;
    for (int s = 0; s < OPEN_STAGES.length && outcome == null; s++) {
      LocalDate leave = t.plusDays(draws.exponentialDays(STAGE_DAYS[s] * slow));
      boolean stall = draws.uniform() < STALL;
      if (stall) {
        leave = leave.plusDays(90 + draws.below(240));
      }
      boolean forward = !stall && draws.uniform() < Math.min(0.95, STAGE_ADVANCE[s] * categoryFactor(o.product));
      if (leave.isAfter(Dates.AS_OF)) {
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
    // The rep's guess when the deal is created: optimistic, and never updated.
    o.expectedClose = draws.uniform() < 0.12 ? null : d.plusDays(20 + draws.below(90));
    if (draws.uniform() < 0.08) {
      o.probability = null;
    } else {
      double base = stageProbability(o.stage);
      if (!o.stage.startsWith("CLOSED_")) {
        base = Math.max(0.05, Math.min(0.95, base + 0.05 * (draws.below(3) - 1)));
      }
      o.probability = base;
    }
    return o;
  }

  /**
   * A business customer created by {@code notAfter}, drawn by the square root of its activity; null when there
   * is none.
   */
  static Customer weightedBusinessCustomer(List<Customer> customers, LocalDate notAfter, Draws draws) {
    List<Customer> eligible = new ArrayList<>();
    for (Customer c : customers) {
      if (c.business() && !c.created.isAfter(notAfter)) {
        eligible.add(c);
      }
    }
    if (eligible.isEmpty()) {
      return null;
    }
    double[] w = new double[eligible.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.sqrt(eligible.get(i).activity) + 0.3;
    }
    return eligible.get(draws.index(w));
  }

  /** Deals are mostly software and services, and never about a product under 60.00. */
  private static Product product(Draws draws) {
    String category = draws.weighted(DEAL_CATEGORIES, DEAL_CATEGORY_WEIGHTS);
    List<Product> products = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (Product p : Catalogue.PRODUCTS) {
      if (p.category().equals(category) && p.priceCents() >= 6000) {
        products.add(p);
        weights.add(p.weightBusiness() * Math.sqrt(p.priceCents() / 100.0));
      }
    }
    return products.get(draws.index(weights.stream().mapToDouble(Double::doubleValue).toArray()));
  }

  /** Services and software close more often than hardware. */
  private static double categoryFactor(Product p) {
    return switch (p.category()) {
      case "SERVICES" -> 1.08;
      case "SOFTWARE" -> 1.04;
      case "LAPTOPS" -> 0.93;
      case "PHONES" -> 0.90;
      case "NETWORKING" -> 0.97;
      default -> 1.0;
    };
  }

  private static int quantity(Product p, Draws draws) {
    return switch (p.category()) {
      case "SOFTWARE" -> 5 + draws.below(146);
      case "SERVICES" -> 1 + draws.below(8);
      case "LAPTOPS" -> 5 + draws.below(76);
      case "PHONES" -> 10 + draws.below(141);
      case "NETWORKING" -> 1 + draws.below(20);
      default -> 2 + draws.below(19);
    };
  }

  static double stageProbability(String stage) {
    return switch (stage) {
      case "PROSPECTING" -> 0.10;
      case "QUALIFICATION" -> 0.25;
      case "PROPOSAL" -> 0.50;
      case "NEGOTIATION" -> 0.75;
      case "CLOSED_WON" -> 1.0;
      default -> 0.0;
    };
  }
}
