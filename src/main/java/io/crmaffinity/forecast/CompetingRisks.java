package io.crmaffinity.forecast;

import java.util.Arrays;

/**
 * Won / lost as competing outcomes of an opportunity's age, with the opportunities still open on the run date
 * as censored observations (Aalen-Johansen estimator). A closed deal ends at its duration (created to closed,
 * in days) won or lost; an open deal is known to have lasted at least its age. At each duration t with
 * n(t) deals still open just before t (duration or age >= t), w(t) won and l(t) lost, the share still open
 * after t is S(t) = prod over s <= t of (1 - (w(s) + l(s)) / n(s)) and the chance to be won at t is
 * S(t-) w(t) / n(t). The chance that a deal still open at age a is eventually won is the sum of the latter
 * over t > a, divided by S(a). Counting only closed deals would overstate it for old deals: the long ones are
 * the ones still open, and most of them end lost.
 */
public final class CompetingRisks {
  private final int[] times;
  private final double[] winMass; // chance to be won at times[k]
  private final double[] survival; // S after times[k]
  private final int[] durations; // all durations and ages, sorted, for the number still open after an age

  /**
   * @param wonDays durations of the won deals
   * @param lostDays durations of the lost deals
   * @param openAges ages of the deals still open (censored)
   */
  public CompetingRisks(int[] wonDays, int[] lostDays, int[] openAges) {
    int[] w = wonDays.clone();
    int[] l = lostDays.clone();
    Arrays.sort(w);
    Arrays.sort(l);
    int n = w.length + l.length + openAges.length;
    durations = new int[n];
    System.arraycopy(w, 0, durations, 0, w.length);
    System.arraycopy(l, 0, durations, w.length, l.length);
    System.arraycopy(openAges, 0, durations, w.length + l.length, openAges.length);
    Arrays.sort(durations);
    int[] events = new int[w.length + l.length];
    System.arraycopy(w, 0, events, 0, w.length);
    System.arraycopy(l, 0, events, w.length, l.length);
    int[] distinct = Arrays.stream(events).sorted().distinct().toArray();
    times = distinct;
    winMass = new double[distinct.length];
    survival = new double[distinct.length];
    double s = 1;
    for (int k = 0; k < distinct.length; k++) {
      int t = distinct[k];
      int atRisk = durations.length - countBelow(durations, t);
      int dw = countAt(w, t);
      int dl = countAt(l, t);
      winMass[k] = s * dw / atRisk;
      s *= 1 - (dw + dl) / (double) atRisk;
      survival[k] = s;
    }
  }

  private static int countBelow(int[] sorted, int t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int countAt(int[] sorted, int t) {
    return countBelow(sorted, t + 1) - countBelow(sorted, t);
  }

  /** Deals (closed or open) that lasted longer than {@code age}: the history behind {@link #winAfter}. */
  public int atRiskAfter(long age) {
    return WinRates.countAbove(durations, age);
  }

  /** Deals (closed and open) behind the estimate. */
  public int size() {
    return durations.length;
  }

  /** The oldest age after which at least {@code k} deals (at most all of them) lasted longer. */
  public long oldestSupportedAge(int k) {
    int i = durations.length - Math.min(k, durations.length);
    return durations[i] - 1L;
  }

  /** Chance that a deal still open at {@code age} is eventually won; 0 when no deal outlasted it. */
  public double winAfter(long age) {
    double s = 1;
    double won = 0;
    for (int k = 0; k < times.length; k++) {
      if (times[k] <= age) {
        s = survival[k];
      } else {
        won += winMass[k];
      }
    }
    return s <= 0 ? 0 : won / s;
  }
}
