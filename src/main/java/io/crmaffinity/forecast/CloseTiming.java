package io.crmaffinity.forecast;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * When an open opportunity, if it is won, closes: in its expected close month when that date is after the run
 * date; otherwise by the learned time-to-win distribution (days from created to closed of the won
 * opportunities) conditional on the deal still being open at its current age: the share of those wins that
 * took longer than its age and would land in each month. A deal older than every past win is spread evenly
 * over the horizon. Probability mass that falls after the horizon is simply not in it.
 */
public final class CloseTiming {
  private final int[] wonDays;

  /** @param wonDays days from created to closed of the won opportunities, sorted */
  public CloseTiming(int[] wonDays) {
    this.wonDays = wonDays.clone();
    java.util.Arrays.sort(this.wonDays);
  }

  /** Share of a win of {@code o} falling in each horizon month. */
  public double[] spread(Opportunity o, LocalDate runDate, List<LocalDate> months) {
    double[] q = new double[months.size()];
    if (o.expectedClose() != null && o.expectedClose().isAfter(runDate)) {
      int i = Months.indexOf(months, o.expectedClose());
      if (i >= 0) {
        q[i] = 1;
      }
      return q;
    }
    return byAge(o, runDate, months);
  }

  /**
   * Share of a win of {@code o} falling in each horizon month by the time to win alone, given its age (its
   * expected close date ignored): the share of past wins that took longer than its age and would land in each
   * month; spread evenly when it is older than every past win.
   */
  public double[] byAge(Opportunity o, LocalDate runDate, List<LocalDate> months) {
    double[] q = new double[months.size()];
    long age = ChronoUnit.DAYS.between(o.created(), runDate);
    int first = wonDays.length - WinRates.countAbove(wonDays, age);
    int n = wonDays.length - first;
    if (n == 0) {
      java.util.Arrays.fill(q, 1.0 / months.size());
      return q;
    }
    // The wins landing in month i took between lo and hi days (the month's first and last day, counted from
    // the deal's creation): found by binary search in the sorted days, not by walking every past win.
    double share = 1.0 / n;
    for (int i = 0; i < q.length; i++) {
      long lo = ChronoUnit.DAYS.between(o.created(), months.get(i));
      long hi = ChronoUnit.DAYS.between(o.created(), Months.end(months.get(i)));
      int from = Math.max(first, wonDays.length - WinRates.countAbove(wonDays, lo - 1));
      int to = wonDays.length - WinRates.countAbove(wonDays, hi);
      // Added one share at a time, as a walk over the wins would: the same sum to the last bit.
      for (int k = from; k < to; k++) {
        q[i] += share;
      }
    }
    return q;
  }

  public int count() {
    return wonDays.length;
  }

  /** The q-quantile of the time to win in days (lower empirical quantile); 0 without wins. */
  public double quantile(double q) {
    if (wonDays.length == 0) {
      return 0;
    }
    int k = (int) Math.ceil(q * wonDays.length) - 1;
    return wonDays[Math.max(0, Math.min(wonDays.length - 1, k))];
  }

  public double mean() {
    return java.util.Arrays.stream(wonDays).average().orElse(0);
  }
}
