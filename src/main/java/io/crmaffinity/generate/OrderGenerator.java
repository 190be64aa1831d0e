package io.crmaffinity.generate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A block's orders over 2024-2025: customers drawn by activity, dates by season, channels by customer type,
 * statuses (PENDING mostly in the last three weeks); business orders can follow a won deal or fall under an
 * active contract; baskets come from {@link Baskets}.
 */
final class OrderGenerator {
  private static final String[] INDIVIDUAL_CHANNELS = {"ONLINE", "STORE", "PHONE", "SOCIAL"};
  private static final double[] INDIVIDUAL_CHANNEL_WEIGHTS = {50, 30, 5, 15};
  private static final String[] BUSINESS_CHANNELS = {"ONLINE", "PHONE", "PARTNER", "STORE"};
  private static final double[] BUSINESS_CHANNEL_WEIGHTS = {35, 25, 30, 10};
  /** Relative frequency of 1..8 independent picks per basket. */
  private static final double[] PICK_WEIGHTS = {36, 28, 16, 10, 5, 3, 1.5, 0.5};

  private OrderGenerator() {}

  /** The block's orders sorted by date, numbered, with their lines, and added to their customers. */
  static List<Order> generate(Block block, List<Customer> customers, Ids ids, Draws draws) {
    double[] activity = new double[customers.size()];
    for (int i = 0; i < activity.length; i++) {
      activity[i] = customers.get(i).activity;
    }
    List<Order> orders = new ArrayList<>(block.orders());
    for (int i = 0; i < block.orders(); i++) {
      Order o = new Order();
      o.customer = customers.get(draws.index(activity));
      o.date = date(o.customer, draws);
      o.channel = draws.uniform() < 0.02 ? null
          : o.customer.business() ? draws.weighted(BUSINESS_CHANNELS, BUSINESS_CHANNEL_WEIGHTS)
              : draws.weighted(INDIVIDUAL_CHANNELS, INDIVIDUAL_CHANNEL_WEIGHTS);
      long age = ChronoUnit.DAYS.between(o.date, Dates.AS_OF);
      double u = draws.uniform();
      double pending = age < 21 ? 0.35 : 0.005;
      o.status = u < pending ? "PENDING" : u < pending + 0.045 ? "CANCELLED"
          : u < pending + 0.085 ? "RETURNED" : "COMPLETED";
      orders.add(o);
    }
    orders.sort(Comparator.comparing((Order o) -> o.date).thenComparing(o -> o.customer.id));
    long number = block.firstOrder() + 1;
    for (Order o : orders) {
      o.id = ids.order(number++);
      Product anchor = o.customer.business() ? link(o, draws) : null;
      fill(o, anchor, draws);
      o.customer.orders.add(o);
    }
    return orders;
  }

  /** A day from the customer's creation (or 2024) on, more likely in busy months and in 2025. */
  private static LocalDate date(Customer c, Draws draws) {
    LocalDate from = Dates.max(Dates.ORDERS_FROM, c.created);
    while (true) {
      LocalDate d = draws.date(from, Dates.AS_OF);
      double w = Dates.monthWeight(d) * (d.getYear() == 2025 ? 1.1 : 1.0);
      if (draws.uniform() * 1.65 < w) {
        return d;
      }
    }
  }

  /**
   * Links a business order to a deal of the customer won in the 120 days before it (35 %), or else to a
   * contract active on its date (10 %); the linked product then anchors the basket.
   */
  private static Product link(Order o, Draws draws) {
    Opportunity won = null;
    for (Opportunity op : o.customer.opportunities) {
      if (op.stage.equals("CLOSED_WON") && !op.closed.isAfter(o.date)
          && ChronoUnit.DAYS.between(op.closed, o.date) <= 120) {
        won = op;
      }
    }
    if (won != null && draws.uniform() < 0.35) {
      o.opportunity = won;
      return won.product;
    }
    Contract active = null;
    for (Contract k : o.customer.contracts) {
      if (!k.start.isAfter(o.date) && !k.end.isBefore(o.date)) {
        active = k;
      }
    }
    if (active != null && draws.uniform() < 0.10) {
      o.contract = active;
      active.linkedOrders++;
      return active.product;
    }
    return null;
  }

  /**
   * The basket, then a quantity and price per line. Items added by the planted rules come on top of the
   * independent picks (up to 8 in all), so the rules do not crowd out, and thereby anti-correlate, the
   * background purchases.
   */
  private static void fill(Order o, Product anchor, Draws draws) {
    Customer c = o.customer;
    int picks = 1 + draws.index(PICK_WEIGHTS);
    LinkedHashSet<Product> basket = new LinkedHashSet<>();
    Baskets.add(basket, anchor != null ? anchor : Baskets.draw(c, draws), draws);
    for (int k = 1; k < picks && basket.size() < Baskets.MAX_ITEMS; k++) {
      Product next = Baskets.draw(c, draws);
      for (int guard = 0; basket.contains(next) && guard < 20; guard++) {
        next = Baskets.draw(c, draws);
      }
      Baskets.add(basket, next, draws);
    }
    Baskets.addMouseToLaptopAndDock(basket, draws);
    for (Product p : basket) {
      int qty = quantity(c, p, draws);
      Long price;
      double u = draws.uniform();
      double discounted = c.business() ? 0.25 : 0.10;
      if (u < 0.55) {
        price = null;
      } else if (u < 1.0 - discounted) {
        price = p.priceCents();
      } else {
        price = Money.scale(p.priceCents(), 1.0 - 0.05 * (1 + draws.below(4)));
      }
      o.items.add(new Item(p, qty, price));
    }
  }

  private static int quantity(Customer c, Product p, Draws draws) {
    if (!c.business()) {
      double u = draws.uniform();
      if (p.category().equals("SUPPLIES")) {
        return u < 0.6 ? 1 : u < 0.9 ? 2 : 3 + draws.below(3);
      }
      return u < 0.86 ? 1 : u < 0.97 ? 2 : 3;
    }
    return switch (p.category()) {
      case "SERVICES" -> draws.geometric(0.7, 5);
      case "SOFTWARE" -> draws.geometric(0.18, 50);
      case "SUPPLIES" -> draws.geometric(0.15, 40);
      case "ACCESSORIES" -> draws.geometric(0.3, 20);
      default -> draws.geometric(0.45, 15);
    };
  }
}
