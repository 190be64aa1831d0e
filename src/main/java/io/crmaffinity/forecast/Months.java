package io.crmaffinity.forecast;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Calendar-month arithmetic of the forecast horizon. */
public final class Months {
  private Months() {}

  /** First days of the {@code n} months after {@code runDate}'s month. */
  public static List<LocalDate> horizon(LocalDate runDate, int n) {
    LocalDate first = runDate.withDayOfMonth(1).plusMonths(1);
    List<LocalDate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(first.plusMonths(i));
    }
    return out;
  }

  public static LocalDate end(LocalDate monthStart) {
    return monthStart.plusMonths(1).minusDays(1);
  }

  /** Days in both [a1, a2] and [b1, b2], ends included; 0 when they do not meet. */
  public static long overlapDays(LocalDate a1, LocalDate a2, LocalDate b1, LocalDate b2) {
    LocalDate from = a1.isAfter(b1) ? a1 : b1;
    LocalDate to = a2.isBefore(b2) ? a2 : b2;
    return to.isBefore(from) ? 0 : ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** Index of the horizon month holding {@code d}, or -1. */
  public static int indexOf(List<LocalDate> months, LocalDate d) {
    for (int i = 0; i < months.size(); i++) {
      if (!d.isBefore(months.get(i)) && !d.isAfter(end(months.get(i)))) {
        return i;
      }
    }
    return -1;
  }
}
