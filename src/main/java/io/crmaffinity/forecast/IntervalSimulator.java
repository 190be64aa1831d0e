package io.crmaffinity.forecast;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The 80 % interval of one month's uncertain revenue by Monte Carlo with a fixed seed: each open opportunity
 * (and each expected renewal) is an independent win/lose outcome worth its amount in that month with its
 * probability of closing (renewing) in that month; new business is compound Poisson: a Poisson number of wins
 * with the month's expected count, each worth a deal size drawn from the recent won amounts. The interval is
 * the 10th and 90th percentiles (lower empirical quantiles) of the simulated totals.
 */
public final class IntervalSimulator {

  /** An outcome worth {@code amount} with probability {@code probability}. */
  public record Bernoulli(double amount, double probability) {}

  /** The month's 10th and 90th percentiles. */
  public record Interval(double low, double high) {}

  private IntervalSimulator() {}

  public static Interval simulate(List<Bernoulli> terms, double poissonMean, double[] dealSizes, int draws,
      long seed) {
    double[] equal = new double[dealSizes.length];
    Arrays.fill(equal, 1);
    return simulate(terms, poissonMean, dealSizes, equal, draws, seed);
  }

  /** As above, drawing deal size k with chance proportional to {@code weights[k]}. */
  public static Interval simulate(List<Bernoulli> terms, double poissonMean, double[] dealSizes,
      double[] weights, int draws, long seed) {
    Random rnd = new Random(seed);
    double[] totals = new double[draws];
    double[] cum = new double[weights.length];
    double sum = 0;
    for (int k = 0; k < weights.length; k++) {
      sum += weights[k];
      cum[k] = sum;
    }
    boolean compound = poissonMean > 0 && dealSizes.length > 0 && sum > 0;
    for (int s = 0; s < draws; s++) {
      double t = 0;
      for (Bernoulli b : terms) {
        if (rnd.nextDouble() < b.probability()) {
          t += b.amount();
        }
      }
      if (compound) {
        int n = poisson(rnd, poissonMean);
        for (int k = 0; k < n; k++) {
          t += dealSizes[pick(cum, rnd.nextDouble() * sum)];
        }
      }
      totals[s] = t;
    }
    Arrays.sort(totals);
    return new Interval(quantile(totals, 0.1), quantile(totals, 0.9));
  }

  /** First index whose cumulative weight exceeds {@code u}. */
  static int pick(double[] cum, double u) {
    int lo = 0;
    int hi = cum.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cum[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Lower empirical quantile of sorted values: the smallest value with at least a share q at or below it. */
  static double quantile(double[] sorted, double q) {
    int k = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
  }

  /** Poisson draw by multiplication of uniforms, in chunks of mean at most 30 to avoid underflow. */
  static int poisson(Random rnd, double mean) {
    int total = 0;
    double left = mean;
    while (left > 0) {
      double m = Math.min(left, 30);
      left -= m;
      double l = Math.exp(-m);
      double p = 1;
      int k = 0;
      do {
        k++;
        p *= rnd.nextDouble();
      } while (p > l);
      total += k - 1;
    }
    return total;
  }
}
