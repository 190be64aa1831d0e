package io.crmaffinity.basket;

import java.time.LocalDate;
import java.util.List;

/**
 * How orders (and, for customer baskets, contracts and won opportunities) become baskets.
 *
 * @param granularity {@code order} (one basket per order) or {@code customer} (all of a customer's
 *     purchases in the window)
 * @param itemLevel {@code product} (items are product ids) or {@code category}
 * @param statuses order statuses that count
 * @param runDate nothing after this date is used
 * @param lookbackDays the window is (runDate − lookbackDays, runDate]; 0 = all history up to runDate
 * @param includeContracts customer baskets also hold the products of contracts active in the window
 * @param includeWonOpportunities customer baskets also hold the products of opportunities won in the window
 * @param segmentBy {@code none}, {@code customer_type}, {@code segment}, {@code region} or {@code channel}
 * @param includeCaseCategories customer baskets of the SERVICE segment also hold {@code CASE:<CATEGORY>} items
 *     for the support cases opened in the window ({@link BasketBuilder#serviceBaskets})
 */
public record BasketOptions(String granularity, String itemLevel, List<String> statuses, LocalDate runDate,
    int lookbackDays, boolean includeContracts, boolean includeWonOpportunities, String segmentBy,
    boolean includeCaseCategories) {

  public BasketOptions {
    statuses = List.copyOf(statuses);
  }

  /** Without case categories. */
  public BasketOptions(String granularity, String itemLevel, List<String> statuses, LocalDate runDate,
      int lookbackDays, boolean includeContracts, boolean includeWonOpportunities, String segmentBy) {
    this(granularity, itemLevel, statuses, runDate, lookbackDays, includeContracts, includeWonOpportunities,
        segmentBy, false);
  }

  /** Order baskets of products, all history, no segments. */
  public static BasketOptions simple(String granularity, String itemLevel, List<String> statuses, LocalDate runDate) {
    return new BasketOptions(granularity, itemLevel, statuses, runDate, 0, false, false, "none", false);
  }

  /** First day of the window, or null for all history. */
  public LocalDate windowStart() {
    return lookbackDays == 0 ? null : runDate.minusDays(lookbackDays - 1L);
  }
}
