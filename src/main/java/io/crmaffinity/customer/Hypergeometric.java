package io.crmaffinity.customer;

/**
 * The Gauss hypergeometric function 2F1 as its power series, and the series of c·(2F1(a, b; c; z) − 1), which
 * BG/NBD's conditional expectation needs at c = a+b+x−1 ∈ (−1, ∞): 2F1 itself has a pole at c = 0 and
 * alternating terms for −1 &lt; c &lt; 0, but c·(2F1 − 1) = Σ_{n≥1} (a)_n (b)_n z^n / ((c+1)_{n−1} n!) is smooth
 * through c = 0 and all its terms are positive for c &gt; −1.
 */
public final class Hypergeometric {
  private Hypergeometric() {}

  /** A sum's logarithm and the number of terms it took. */
  record Series(double log, int terms) {}

  /** Rescaling step of the running sum: keeps terms that grow to e^hundreds (heavy buyers) from overflowing. */
  private static final double RESCALE = 1e200;
  private static final double LOG_RESCALE = Math.log(RESCALE);

  /**
   * ln 2F1(a, b; c; z) for a, b, c &gt; 0 and 0 &lt;= z &lt; 1, where every term of the series is positive.
   *
   * @throws IllegalArgumentException outside that domain
   * @throws IllegalStateException when a million terms are not enough (z very near 1)
   */
  public static double log2F1(double a, double b, double c, double z) {
    if (!(a > 0 && b > 0 && c > 0 && z >= 0 && z < 1)) {
      throw new IllegalArgumentException("2F1 series needs a, b, c > 0 and 0 <= z < 1: a=" + a + " b=" + b
          + " c=" + c + " z=" + z);
    }
    if (z == 0) {
      return 0;
    }
    Series s = logProductSeries(a, b, c, z, 1_000_000);
    if (Double.isNaN(s.log())) {
      throw new IllegalStateException("2F1 series did not converge: a=" + a + " b=" + b + " c=" + c + " z=" + z);
    }
    // 2F1 = 1 + (c·(2F1 − 1)) / c, as ln(1 + e^u) without overflowing e^u
    double u = s.log() - Math.log(c);
    return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
  }

  /**
   * ln Σ_{n≥1} (a)_n (b)_n z^n / ((c+1)_{n−1} n!) = ln(c·(2F1(a, b; c; z) − 1)) for a, b &gt; 0, c &gt; −1 and
   * 0 &lt; z &lt; 1; NaN when more than {@code maxTerms} terms would be needed or the sum overflows (the caller
   * then uses another method).
   *
   * <p>The terms are summed in plain arithmetic relative to the first one, rescaled when they grow large. The
   * sum stops when a bound on the rest is below 1e-17 of it: past the point where the term ratio
   * ρ_n = z(a+n)(b+n)/((c+n)(n+1)) is monotone (found from the roots of its derivative's numerator, a
   * quadratic), every later ratio is at most max(ρ_n, z), so the rest is at most term·ρ/(1−ρ). Before that
   * point the ratios may still rise, and no bound is taken.
   */
  static Series logProductSeries(double a, double b, double c, double z, int maxTerms) {
    double logScale = Math.log(a) + Math.log(b) + Math.log(z);
    double term = 1;
    double sum = 1;
    double monotoneFrom = monotoneFrom(a, b, c);
    for (int n = 1; n < maxTerms; n++) {
      double ratio = (a + n) / (c + n) * ((b + n) / (n + 1.0)) * z;
      if (n >= monotoneFrom) {
        double rho = Math.max(ratio, z);
        if (rho < 1 && term * (rho / (1 - rho)) <= 1e-17 * sum) {
          return new Series(logScale + Math.log(sum), n);
        }
      }
      term *= ratio;
      sum += term;
      if (!(sum < Double.POSITIVE_INFINITY)) {
        return new Series(Double.NaN, n);
      }
      if (sum > RESCALE) {
        term /= RESCALE;
        sum /= RESCALE;
        logScale += LOG_RESCALE;
      }
    }
    return new Series(Double.NaN, maxTerms);
  }

  /**
   * The n from which the term ratio ρ_n/z = 1 + f(n), f(n) = (An + B)/((n+c)(n+1)) with A = a+b−c−1 and
   * B = ab−c, is monotone: f' has the sign of Q(n) = −An² − 2Bn + Ac − B(c+1), which keeps one sign beyond
   * Q's largest real root. Infinite when the root cannot be computed (the series is then never cut short).
   */
  static double monotoneFrom(double a, double b, double c) {
    double aa = a + b - c - 1;
    double bb = a * b - c;
    if (aa == 0) {
      return 1; // Q is linear with its root at −(c+1)/2 < 0
    }
    double disc = bb * bb + aa * (aa * c - bb * (c + 1));
    if (Double.isNaN(disc) || Double.isInfinite(disc)) {
      return Double.POSITIVE_INFINITY;
    }
    if (disc < 0) {
      return 1; // Q keeps one sign everywhere
    }
    double root = Math.max((-bb + Math.sqrt(disc)) / aa, (-bb - Math.sqrt(disc)) / aa);
    return Math.max(1, Math.ceil(root) + 1);
  }
}
