package io.crmaffinity.basket;

import java.time.LocalDate;
import java.util.List;

/**
 * How orders become baskets.
 *
 * @param granularity {@code order} (one basket per order) or {@code customer} (all of a customer's orders)
 * @param itemLevel {@code product} (items are product ids) or {@code category}
 * @param statuses order statuses that count
 * @param runDate orders after this date are never used
 */
public record BasketOptions(String granularity, String itemLevel, List<String> statuses, LocalDate runDate) {
  public BasketOptions {
    statuses = List.copyOf(statuses);
  }
}
