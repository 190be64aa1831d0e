package io.crmaffinity.customer;

/** The Gauss hypergeometric function 2F1, as its power series, in log space (no overflow for large a, b). */
public final class Hypergeometric {
  private Hypergeometric() {}

  /**
   * ln 2F1(a, b; c; z) for a, b, c &gt; 0 and 0 &lt;= z &lt; 1, where every term of the series is positive. The
   * terms are summed as logarithms: for large a·b/c the series' terms first grow (to e^hundreds for a customer
   * with many purchases) before they fall off geometrically like z^n.
   */
  public static double log2F1(double a, double b, double c, double z) {
    if (!(a > 0 && b > 0 && c > 0 && z >= 0 && z < 1)) {
      throw new IllegalArgumentException("2F1 series needs a, b, c > 0 and 0 <= z < 1: a=" + a + " b=" + b
          + " c=" + c + " z=" + z);
    }
    if (z == 0) {
      return 0;
    }
    double logTerm = 0;
    double logSum = 0;
    double lnZ = Math.log(z);
    for (int n = 0; n < 1_000_000; n++) {
      double ratio = Math.log((a + n) * (b + n) / ((c + n) * (n + 1.0))) + lnZ;
      logTerm += ratio;
      logSum = logSum >= logTerm ? logSum + Math.log1p(Math.exp(logTerm - logSum))
          : logTerm + Math.log1p(Math.exp(logSum - logTerm));
      // The term ratios tend to z monotonically, so once they are below 1 every later ratio is at most
      // rho = max(current ratio, z) and the tail is at most term·rho/(1-rho): stop when that is negligible.
      double rho = Math.max(Math.exp(ratio), z);
      if (rho < 1 && logTerm + Math.log(rho / (1 - rho)) - logSum < -37) {
        return logSum;
      }
    }
    throw new IllegalStateException("2F1 series did not converge: a=" + a + " b=" + b + " c=" + c + " z=" + z);
  }
}
