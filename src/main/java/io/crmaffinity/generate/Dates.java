package io.crmaffinity.generate;

import java.time.LocalDate;

/** The generated data's calendar: "today" is 2025-12-31, orders run from 2024, the pipeline from 2023-07. */
final class Dates {
  static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);
  static final LocalDate ORDERS_FROM = LocalDate.of(2024, 1, 1);
  static final LocalDate OPPORTUNITIES_FROM = LocalDate.of(2023, 7, 1);

  /** Relative activity per calendar month (January first): busier before the year end. */
  private static final double[] MONTH_WEIGHTS = {0.9, 0.85, 1.0, 0.95, 1.0, 0.95, 0.9, 0.95, 1.05, 1.05, 1.3, 1.5};

  private Dates() {}

  static double monthWeight(LocalDate d) {
    return MONTH_WEIGHTS[d.getMonthValue() - 1];
  }

  static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
