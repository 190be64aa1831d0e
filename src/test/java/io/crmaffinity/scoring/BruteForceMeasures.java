package io.crmaffinity.scoring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every rule measure from the textbook definitions on the 2x2 table of probabilities, written independently
 * of {@link RuleScorer}'s integer-numerator forms (entropy differences for information gain, Σ(O−E)²/E for
 * chi-square, exact big-integer sums for the Fisher test).
 */
public final class BruteForceMeasures {
  private BruteForceMeasures() {}

  public static Map<String, Double> of(long n, long a, long b, long ab) {
    double pA = (double) a / n;
    double pB = (double) b / n;
    double pAB = (double) ab / n;
    double conf = pAB / pA;
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("support", pAB);
    m.put("confidence", conf);
    m.put("lift", conf / pB);
    m.put("antecedent_support", pA);
    m.put("consequent_support", pB);
    m.put("leverage", pAB - pA * pB);
    // Confidence 1: the empty cell a − ab counts as half a basket (README, "Rule measures").
    m.put("conviction", ab == a ? (b == n ? 1.0 : (1 - pB) * a / 0.5) : (1 - pB) / (1 - conf));
    m.put("jaccard", pAB / (pA + pB - pAB));
    m.put("kulczynski", 0.5 * (pAB / pA + pAB / pB));
    m.put("cosine", pAB / Math.sqrt(pA * pB));
    m.put("certainty", conf > pB ? (conf - pB) / (1 - pB) : conf < pB ? (conf - pB) / pB : 0.0);
    double zhang = 0.0;
    if (a < n) {
      double confNotA = (pB - pAB) / (1 - pA);
      double den = Math.max(conf, confNotA);
      zhang = den == 0 || conf == confNotA ? 0.0 : (conf - confNotA) / den;
    }
    m.put("zhangs_metric", zhang);
    long n11 = ab;
    long n10 = a - ab;
    long n01 = b - ab;
    long n00 = n - a - b + ab;
    double odds;
    if (n10 * n01 == 0) {
      odds = n11 * n00 == 0 ? 1.0 : (n11 + 0.5) * (n00 + 0.5) / ((n10 + 0.5) * (n01 + 0.5));
    } else {
      odds = (double) (n11 * n00) / (double) (n10 * n01);
    }
    m.put("odds_ratio", odds);
    m.put("added_value", conf - pB);
    double margins = (double) a * b * (n - a) * (n - b);
    m.put("phi", margins == 0 ? 0.0 : (double) (n11 * n00 - n10 * n01) / Math.sqrt(margins));
    // I(A;B) = Σ p(x,y)·log2(p(x,y) / (p(x)p(y))) over the four cells, in 50-digit arithmetic: near
    // independence the double-precision sum loses digits to cancellation, the reference must not.
    double hB = h(pB);
    double ig = mutualInformationExact(n, a, b, ab);
    m.put("information_gain", ig);
    m.put("information_gain_ratio", hB == 0 ? 0.0 : ig / hB);
    double chi = 0;
    long[][] observed = {{n11, n10}, {n01, n00}};
    double[] rows = {a, n - a};
    double[] cols = {b, n - b};
    boolean degenerate = false;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double e = rows[i] * cols[j] / n;
        if (e == 0) {
          degenerate = true;
        } else {
          chi += (observed[i][j] - e) * (observed[i][j] - e) / e;
        }
      }
    }
    m.put("chi_square", degenerate ? 0.0 : chi);
    m.put("p_value", fisherUpperTail(n, a, b, ab));
    return m;
  }

  static double mutualInformationExact(long n, long a, long b, long ab) {
    long[][] cells = {{ab, a, b}, {a - ab, a, n - b}, {b - ab, n - a, b}, {n - a - b + ab, n - a, n - b}};
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal bn = BigDecimal.valueOf(n);
    for (long[] c : cells) {
      if (c[0] == 0) {
        continue;
      }
      BigDecimal ratio = BigDecimal.valueOf(c[0]).multiply(bn)
          .divide(BigDecimal.valueOf(c[1]).multiply(BigDecimal.valueOf(c[2])), MC);
      sum = sum.add(BigDecimal.valueOf(c[0]).divide(bn, MC).multiply(ln(ratio), MC), MC);
    }
    return sum.divide(ln(BigDecimal.valueOf(2)), MC).doubleValue();
  }

  private static final MathContext MC = new MathContext(50);

  /** ln(y) = k·ln 2 + 2·atanh((z−1)/(z+1)) with z = y / 2^k in [0.75, 1.5]. */
  private static BigDecimal ln(BigDecimal y) {
    BigDecimal two = BigDecimal.valueOf(2);
    int k = 0;
    while (y.compareTo(BigDecimal.valueOf(1.5)) > 0) {
      y = y.divide(two, MC);
      k++;
    }
    while (y.compareTo(BigDecimal.valueOf(0.75)) < 0) {
      y = y.multiply(two, MC);
      k--;
    }
    BigDecimal result = atanhLog(y);
    if (k != 0) {
      result = result.add(atanhLog(two.divide(BigDecimal.valueOf(1.5), MC)).add(atanhLog(BigDecimal.valueOf(1.5)))
          .multiply(BigDecimal.valueOf(k), MC), MC);
    }
    return result;
  }

  /** 2·Σ z^(2j+1)/(2j+1), z = (y−1)/(y+1): ln(y) for y near 1. */
  private static BigDecimal atanhLog(BigDecimal y) {
    BigDecimal z = y.subtract(BigDecimal.ONE).divide(y.add(BigDecimal.ONE), MC);
    BigDecimal z2 = z.multiply(z, MC);
    BigDecimal term = z;
    BigDecimal sum = BigDecimal.ZERO;
    for (int j = 0; j < 200; j++) {
      BigDecimal add = term.divide(BigDecimal.valueOf(2L * j + 1), MC);
      sum = sum.add(add, MC);
      if (add.abs().compareTo(new BigDecimal("1e-60")) < 0) {
        break;
      }
      term = term.multiply(z2, MC);
    }
    return sum.multiply(BigDecimal.valueOf(2), MC);
  }

  private static double h(double p) {
    return p <= 0 || p >= 1 ? 0.0 : -(p * log2(p) + (1 - p) * log2(1 - p));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /** Σ_{x ≥ ab} C(b, x)·C(n − b, a − x) / C(n, a), exactly. */
  static double fisherUpperTail(long n, long a, long b, long ab) {
    BigInteger sum = BigInteger.ZERO;
    for (long x = ab; x <= Math.min(a, b); x++) {
      sum = sum.add(choose(b, x).multiply(choose(n - b, a - x)));
    }
    return new BigDecimal(sum).divide(new BigDecimal(choose(n, a)), MathContext.DECIMAL128).doubleValue();
  }

  private static BigInteger choose(long n, long k) {
    if (k < 0 || k > n) {
      return BigInteger.ZERO;
    }
    BigInteger r = BigInteger.ONE;
    for (long i = 1; i <= k; i++) {
      r = r.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
    }
    return r;
  }
}
