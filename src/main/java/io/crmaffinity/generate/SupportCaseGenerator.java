package io.crmaffinity.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A block's support cases: background cases tied to orders (returns, deliveries, technical faults; two products
 * planted to cause more of them: P053 Mesh Wi-Fi Kit TECHNICAL, P025 Fold Z Smartphone RETURN), a few billing
 * or account questions without an order, and for every churner a cluster of 2-4 HIGH/CRITICAL cases in the
 * 10-70 days before the churn date, most never resolved. Orders and customers of planted bad rows get no case.
 */
final class SupportCaseGenerator {
  private static final List<String> PRIORITIES = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
  private static final double[] PRIORITY_WEIGHTS_INDIVIDUAL = {40, 40, 16, 4};
  private static final double[] PRIORITY_WEIGHTS_BUSINESS = {25, 40, 27, 8};
  private static final double[] PRIORITY_WEIGHTS_QUESTION = {60, 35, 5, 0};
  /** Longest resolution in days per priority, LOW to CRITICAL. */
  private static final int[] MAX_DAYS = {30, 20, 10, 5};
  private static final String[] CHANNELS = {"EMAIL", "PHONE", "CHAT", "PORTAL"};
  private static final double[] CHANNEL_WEIGHTS = {35, 30, 25, 10};
  private static final String[] CHURN_CATEGORIES = {"TECHNICAL", "DELIVERY", "RETURN", "BILLING"};
  private static final double[] CHURN_CATEGORY_WEIGHTS = {40, 25, 20, 15};

  private final Draws draws;
  private final List<SupportCase> cases = new ArrayList<>();

  private SupportCaseGenerator(Draws draws) {
    this.draws = draws;
  }

  /**
   * The block's cases sorted by opening day (then customer and category), numbered, with their status.
   *
   * @param alien the customer planted with a bad type (gets no case), or null
   */
  static List<SupportCase> generate(Block block, List<Customer> customers, List<Order> orders, Customer alien,
      Ids ids, Draws draws) {
    SupportCaseGenerator g = new SupportCaseGenerator(draws);
    g.aboutOrders(orders, alien);
    g.questionsAndChurnClusters(customers, alien);
    List<SupportCase> cases = g.cases;
    cases.sort(Comparator.comparing((SupportCase k) -> k.opened).thenComparing(k -> k.customer.id)
        .thenComparing(k -> k.category));
    int number = 1;
    for (SupportCase k : cases) {
      k.id = ids.supportCase(block.index(), number++);
      if (k.closed == null) {
        k.status = draws.uniform() < 0.6 ? "OPEN" : "PENDING";
      } else {
        k.status = draws.uniform() < 0.7 ? "RESOLVED" : "CLOSED";
      }
    }
    return cases;
  }

  private void aboutOrders(List<Order> orders, Customer alien) {
    for (Order o : orders) {
      Customer c = o.customer;
      if (o.reserved || c == alien || o.items.isEmpty()) {
        continue;
      }
      List<String[]> reasons = new ArrayList<>(); // {category, product id or ""}
      if (o.status.equals("RETURNED") && draws.uniform() < 0.55) {
        reasons.add(new String[] {"RETURN", anyItem(o).id()});
      }
      if (o.status.equals("COMPLETED")) {
        if (o.holds("P053") && draws.uniform() < 0.45) {
          reasons.add(new String[] {"TECHNICAL", "P053"});
        }
        if (o.holds("P025") && draws.uniform() < 0.35) {
          reasons.add(new String[] {"RETURN", "P025"});
        }
        if (draws.uniform() < 0.03 + 0.01 * o.items.size()) {
          reasons.add(new String[] {"DELIVERY", ""});
        }
        if (draws.uniform() < 0.03) {
          reasons.add(new String[] {"TECHNICAL", anyItem(o).id()});
        }
        if (c.business() && draws.uniform() < 0.02) {
          reasons.add(new String[] {"BILLING", ""});
        }
      }
      for (String[] r : reasons) {
        LocalDate opened = o.date.plusDays(1 + draws.below(20));
        if (opened.isAfter(Dates.AS_OF) || (c.churnDate != null && !opened.isBefore(c.churnDate))) {
          continue;
        }
        String priority = PRIORITIES.get(draws.index(c.business() ? PRIORITY_WEIGHTS_BUSINESS
            : PRIORITY_WEIGHTS_INDIVIDUAL));
        SupportCase k = open(c, o, r[1].isEmpty() ? null : Catalogue.get(r[1]), r[0], opened, priority);
        resolve(k);
      }
    }
  }

  private void questionsAndChurnClusters(List<Customer> customers, Customer alien) {
    for (Customer c : customers) {
      if (c == alien) {
        continue;
      }
      if (draws.uniform() < 0.12) {
        LocalDate opened = draws.dateOrNull(Dates.max(Dates.ORDERS_FROM, c.created),
            c.churnDate == null ? Dates.AS_OF : c.churnDate.minusDays(1));
        if (opened != null) {
          SupportCase k = open(c, null, null, c.business() ? "BILLING" : "ACCOUNT", opened,
              PRIORITIES.get(draws.index(PRIORITY_WEIGHTS_QUESTION)));
          resolve(k);
        }
      }
      if (c.churnDate != null) {
        churnCluster(c);
      }
    }
  }

  /** The cluster before churning: problems with recent orders, escalated and left unresolved. */
  private void churnCluster(Customer c) {
    List<Order> recent = new ArrayList<>();
    for (Order o : c.orders) {
      if (!o.reserved && o.date.isBefore(c.churnDate) && !o.date.isBefore(c.churnDate.minusDays(150))) {
        recent.add(o);
      }
    }
    int n = 2 + draws.below(3);
    for (int i = 0; i < n; i++) {
      LocalDate opened = c.churnDate.minusDays(10 + draws.below(61));
      Order o = null;
      for (Order x : recent) {
        if (!x.date.isAfter(opened)) {
          o = x;
        }
      }
      Product product = o == null ? null : anyItem(o);
      String category = CHURN_CATEGORIES[draws.index(CHURN_CATEGORY_WEIGHTS)];
      String priority = draws.uniform() < 0.45 ? "CRITICAL" : "HIGH";
      SupportCase k = open(c, o, product, category, opened, priority);
      if (draws.uniform() < 0.25) {
        // Resolved late, and the customer says so.
        k.closed = Dates.min(Dates.AS_OF, opened.plusDays(25 + draws.below(40)));
        k.satisfaction = 1 + draws.below(2);
      }
    }
  }

  private SupportCase open(Customer c, Order o, Product p, String category, LocalDate opened, String priority) {
    SupportCase k = new SupportCase();
    k.customer = c;
    k.order = o;
    k.product = p;
    k.category = category;
    k.opened = opened;
    k.priority = priority;
    k.channel = draws.uniform() < 0.05 ? null : draws.weighted(CHANNELS, CHANNEL_WEIGHTS);
    cases.add(k);
    return k;
  }

  /** Closes a case after a priority-dependent time, with a satisfaction that falls as resolution drags on. */
  private void resolve(SupportCase k) {
    int priority = PRIORITIES.indexOf(k.priority);
    if (draws.uniform() < 0.03) {
      return; // forgotten: stays open
    }
    int days = 1 + (int) Math.floor(MAX_DAYS[priority] * Math.pow(draws.uniform(), 1.5));
    LocalDate closed = k.opened.plusDays(days);
    if (closed.isAfter(Dates.AS_OF)) {
      return;
    }
    k.closed = closed;
    if (draws.uniform() < 0.75) {
      double sat = 5.2 - days / 6.0 - 1.2 * draws.uniform();
      k.satisfaction = (int) Math.max(1, Math.min(5, Math.round(sat)));
    }
  }

  private Product anyItem(Order o) {
    return o.items.get(draws.below(o.items.size())).product();
  }
}
