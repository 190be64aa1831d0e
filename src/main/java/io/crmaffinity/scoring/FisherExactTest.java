package io.crmaffinity.scoring;

import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * One-sided Fisher exact test of a rule's 2x2 table: P[X >= ab] for X hypergeometric (n baskets, b holding
 * the consequent, a drawn = the baskets holding the antecedent). Uses commons-math3 (on Spark's classpath).
 */
public final class FisherExactTest {
  /** Past the mode the terms only shrink; stop once one no longer changes the sum. */
  private static final double NEGLIGIBLE = 1e-18;

  private FisherExactTest() {}

  public static double upperTail(long n, long a, long b, long ab) {
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Fisher test supports up to " + Integer.MAX_VALUE + " baskets, got " + n);
    }
    // No random generator: only the probability functions are used (the default one is costly to seed).
    HypergeometricDistribution h = new HypergeometricDistribution(null, (int) n, (int) b, (int) a);
    int lo = (int) ab;
    int hi = (int) Math.min(a, b);
    double mode = Math.floor((a + 1.0) * (b + 1.0) / (n + 2.0));
    if (lo <= mode) {
      // At or below the mode the tail is large; the library sums it from the top.
      return Math.min(1.0, h.upperCumulativeProbability(lo));
    }
    double sum = 0;
    for (int x = lo; x <= hi; x++) {
      double p = h.probability(x);
      sum += p;
      if (p <= sum * NEGLIGIBLE) {
        break;
      }
    }
    // The true tail is positive; far in it the terms underflow: report the smallest positive double, not 0.
    return Math.max(Double.MIN_VALUE, Math.min(1.0, sum));
  }
}
