package io.crmaffinity.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Churners: customers with at least 6 orders, 5 of them before a churn date drawn in 2025-02-01..2025-11-15,
 * stop buying on that date. Their later orders are re-assigned to another customer of the same type (drawn by
 * activity, created by the order date, not a churner), so order ids, dates, statuses and items stay exactly as
 * generated: only customer_id changes. Orders linked to an opportunity or contract, and planted bad rows,
 * never move.
 */
final class Churn {
  private static final LocalDate FROM = LocalDate.of(2025, 2, 1);

  private Churn() {}

  /**
   * Picks the block's churners and moves their later orders away.
   *
   * @param alien the customer planted with a bad type (never a churner nor a recipient), or null
   * @return the churners as "id@churn-date", in the order they were picked
   */
  static List<String> apply(List<Customer> customers, Customer alien, int churners, Draws draws) {
    List<Customer> pool = new ArrayList<>();
    for (Customer c : customers) {
      if (c != alien && c.orders.size() >= 6) {
        pool.add(c);
      }
    }
    draws.shuffle(pool);
    List<String> churned = new ArrayList<>();
    for (Customer c : pool) {
      if (churned.size() >= churners) {
        break;
      }
      LocalDate churn = FROM.plusDays(draws.below(288));
      int before = 0;
      boolean movable = true;
      for (Order o : c.orders) {
        if (o.date.isBefore(churn)) {
          before++;
        } else if (!movable(o)) {
          movable = false;
        }
      }
      if (!movable || before < 5) {
        continue;
      }
      c.churnDate = churn;
      churned.add(c.id + "@" + churn);
    }
    for (Customer c : customers) {
      if (c.churnDate == null) {
        continue;
      }
      for (Order o : new ArrayList<>(c.orders)) {
        if (o.date.isBefore(c.churnDate)) {
          continue;
        }
        Customer to = recipient(customers, c, o.date, alien, draws);
        if (to == null) {
          continue; // nobody to take it over (only in a very small block): the order stays
        }
        c.orders.remove(o);
        o.customer = to;
        to.orders.add(o);
      }
    }
    return churned;
  }

  /** Whether an order can change hands: nothing links it to its customer's other rows or to a planted bad row. */
  private static boolean movable(Order o) {
    return !o.reserved && o.opportunity == null && o.contract == null;
  }

  private static Customer recipient(List<Customer> customers, Customer from, LocalDate date, Customer alien,
      Draws draws) {
    List<Customer> candidates = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (Customer c : customers) {
      if (c == from || c == alien || c.churnDate != null || !c.type.equals(from.type) || c.created.isAfter(date)) {
        continue;
      }
      candidates.add(c);
      weights.add(c.activity);
    }
    if (candidates.isEmpty()) {
      return null;
    }
    return candidates.get(draws.index(weights.stream().mapToDouble(Double::doubleValue).toArray()));
  }
}
