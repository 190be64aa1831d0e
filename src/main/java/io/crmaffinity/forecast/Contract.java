package io.crmaffinity.forecast;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** One contract row as the forecast reads it. */
public record Contract(String id, String customerId, String productId, String opportunityId, LocalDate start,
    LocalDate end, double value) {

  /** Days of the term, both ends included. */
  public long termDays() {
    return ChronoUnit.DAYS.between(start, end) + 1;
  }

  /** The value earned from {@code from} to {@code to} (both included), spread evenly over the term's days. */
  public double valueBetween(LocalDate from, LocalDate to) {
    return value * Months.overlapDays(start, end, from, to) / termDays();
  }

  /** Whether {@code next} renews this contract: same customer and product, starting within the grace days. */
  public boolean renewedBy(Contract next, int graceDays) {
    return !next.id.equals(id) && next.customerId.equals(customerId) && next.productId.equals(productId)
        && !next.start.isBefore(end.plusDays(1)) && !next.start.isAfter(end.plusDays(1 + graceDays));
  }
}
