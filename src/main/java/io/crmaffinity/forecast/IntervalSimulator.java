package io.crmaffinity.forecast;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The simulated 80 % band of one month's uncertain revenue by Monte Carlo with a fixed seed. Each open
 * opportunity (and each expected renewal) is a win/lose outcome worth its amount in that month with its chance
 * of closing (renewing) in that month; new business is a Poisson number of wins with the month's expected count,
 * each worth a deal size drawn from the recent won amounts. Besides those independent outcomes, each draw
 * redraws what the forecast learned and what the outcomes share ({@link Uncertainty}): the renewal rate and
 * the share won from their posteriors, the creation rate from its posterior and a month-to-month spread beyond
 * Poisson (overdispersion), and the mean deal size by bootstrap. The band is the 10th and 90th percentiles
 * (lower empirical quantiles) of the simulated totals.
 */
public final class IntervalSimulator {

  /** An outcome worth {@code amount} with probability {@code probability}; a renewal or an open deal. */
  public record Bernoulli(double amount, double probability, boolean renewal) {
    public Bernoulli(double amount, double probability) {
      this(amount, probability, false);
    }
  }

  /** The month's 10th and 90th percentiles. */
  public record Interval(double low, double high) {}

  /**
   * What every outcome of a draw shares, redrawn per draw. Each is a multiplier with mean 1 (none = always 1).
   *
   * @param wonShare share won of the closed deals: wins and losses (Beta(won + 1/2, lost + 1/2) posterior);
   *     scales open deals' win chances and the new-business count
   * @param renewal renewal rate: renewed and not renewed contracts (Beta posterior); scales renewals
   * @param created opportunities created in the look-back window (Gamma(created + 1/2) posterior); scales the
   *     new-business count
   * @param dispersion overdispersion of the monthly new-business count: the count's mean is scaled by a
   *     Gamma(1/dispersion, dispersion) draw (negative binomial); 0 = Poisson
   * @param sizeRatios bootstrap replicates of the mean deal size over the mean deal size; scales new-business
   *     deal amounts (empty = 1)
   */
  public record Uncertainty(double won, double lost, double renewed, double notRenewed, double created,
      double dispersion, double[] sizeRatios) {
    public static final Uncertainty NONE = new Uncertainty(0, 0, 0, 0, 0, 0, new double[0]);
  }

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
    return simulate(terms, poissonMean, dealSizes, weights, Uncertainty.NONE, draws, seed);
  }

  /**
   * As above, with the shared uncertainty redrawn per draw.
   *
   * <p>A term with chance p is won when a Poisson number of "hits" with mean -ln(1 - p) is at least 1 (the
   * chance of none is 1 - p): so each draw takes one Poisson number of hits with the sum of those means over all
   * open deals (renewals apart), assigns each hit to a deal in proportion to its mean, and counts a deal won
   * when it got a hit. Exact, and its cost follows the expected number of wins rather than the number of deals.
   * A drawn multiplier m of the share won scales the hits: a deal is then lost with chance (1 - p)^m.
   */
  public static Interval simulate(List<Bernoulli> terms, double poissonMean, double[] dealSizes,
      double[] weights, Uncertainty u, int draws, long seed) {
    Random rnd = new Random(seed);
    double[] totals = new double[draws];
    double[] cum = new double[weights.length];
    double sum = 0;
    for (int k = 0; k < weights.length; k++) {
      sum += weights[k];
      cum[k] = sum;
    }
    boolean compound = poissonMean > 0 && dealSizes.length > 0 && sum > 0;
    Hits deals = new Hits(terms, false);
    Hits renewals = new Hits(terms, true);
    boolean wonShare = u.won() > 0 && u.lost() > 0;
    boolean renewalShare = u.renewed() > 0 && u.notRenewed() > 0;
    double wonMean = (u.won() + 0.5) / (u.won() + u.lost() + 1);
    double renewMean = (u.renewed() + 0.5) / (u.renewed() + u.notRenewed() + 1);
    for (int s = 0; s < draws; s++) {
      double mWin = wonShare ? beta(rnd, u.won() + 0.5, u.lost() + 0.5) / wonMean : 1;
      double mRenew = renewalShare ? beta(rnd, u.renewed() + 0.5, u.notRenewed() + 0.5) / renewMean : 1;
      double t = deals.draw(rnd, mWin, s) + renewals.draw(rnd, mRenew, s);
      if (compound) {
        double mean = poissonMean * mWin;
        if (u.created() > 0) {
          mean *= gamma(rnd, u.created() + 0.5) / (u.created() + 0.5);
        }
        if (u.dispersion() > 0) {
          mean *= gamma(rnd, 1 / u.dispersion()) * u.dispersion();
        }
        double size = u.sizeRatios().length == 0 ? 1 : u.sizeRatios()[rnd.nextInt(u.sizeRatios().length)];
        int wins = poisson(rnd, mean);
        for (int k = 0; k < wins; k++) {
          t += dealSizes[pick(cum, rnd.nextDouble() * sum)] * size;
        }
      }
      totals[s] = t;
    }
    Arrays.sort(totals);
    return new Interval(quantile(totals, 0.1), quantile(totals, 0.9));
  }

  /** The win/lose terms of one kind as Poisson hits (see {@link #simulate}). */
  private static final class Hits {
    final double[] amount;
    final double[] cum;
    final double total;
    final double certain;
    final int[] drawn;

    Hits(List<Bernoulli> terms, boolean renewal) {
      int n = 0;
      double sure = 0;
      for (Bernoulli b : terms) {
        if (b.renewal() == renewal && b.probability() > 0) {
          if (b.probability() >= 1) {
            sure += b.amount();
          } else {
            n++;
          }
        }
      }
      amount = new double[n];
      cum = new double[n];
      double c = 0;
      int k = 0;
      for (Bernoulli b : terms) {
        if (b.renewal() == renewal && b.probability() > 0 && b.probability() < 1) {
          amount[k] = b.amount();
          c += -Math.log1p(-b.probability());
          cum[k++] = c;
        }
      }
      total = c;
      certain = sure;
      drawn = new int[n];
      Arrays.fill(drawn, -1);
    }

    /** The amount won in draw {@code s} with the hits' mean scaled by {@code m}. */
    double draw(Random rnd, double m, int s) {
      double t = certain;
      if (total <= 0) {
        return t;
      }
      int hits = poisson(rnd, total * m);
      for (int h = 0; h < hits; h++) {
        int k = pick(cum, rnd.nextDouble() * total);
        if (drawn[k] != s) {
          drawn[k] = s;
          t += amount[k];
        }
      }
      return t;
    }
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

  /**
   * Poisson draw: below a mean of 30 by multiplication of uniforms; from 30 on by transformed rejection
   * (Hoermann's PTRS, as numpy draws it), whose cost does not grow with the mean.
   */
  static int poisson(Random rnd, double mean) {
    if (!(mean > 0)) {
      return 0;
    }
    if (mean >= 30) {
      return ptrs(rnd, mean);
    }
    double l = Math.exp(-mean);
    double p = 1;
    int k = 0;
    do {
      k++;
      p *= rnd.nextDouble();
    } while (p > l);
    return k - 1;
  }

  private static int ptrs(Random rnd, double mean) {
    double slam = Math.sqrt(mean);
    double loglam = Math.log(mean);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = rnd.nextDouble() - 0.5;
      double v = rnd.nextDouble();
      double us = 0.5 - Math.abs(u);
      double k = Math.floor((2 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) {
        return (int) Math.min(k, Integer.MAX_VALUE);
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b)
          <= -mean + k * loglam - org.apache.commons.math3.special.Gamma.logGamma(k + 1)) {
        return (int) Math.min(k, Integer.MAX_VALUE);
      }
    }
  }

  /** Gamma(shape, 1) draw (Marsaglia and Tsang; shape below 1 by the boost U^(1/shape)). */
  static double gamma(Random rnd, double shape) {
    if (shape < 1) {
      return gamma(rnd, shape + 1) * Math.pow(rnd.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = rnd.nextGaussian();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = rnd.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /** Beta(a, b) draw from two Gamma draws. */
  static double beta(Random rnd, double a, double b) {
    double x = gamma(rnd, a);
    double y = gamma(rnd, b);
    return x + y > 0 ? x / (x + y) : a / (a + b);
  }
}
