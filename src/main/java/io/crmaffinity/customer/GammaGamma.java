package io.crmaffinity.customer;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.io.Serializable;

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie &amp; Lee 2005, "RFM and CLV"; Fader &amp; Hardie
 * 2013): a customer's transaction values are Gamma(p, ν) around their own mean p/ν, and ν ~ Gamma(q, γ) across
 * customers. Its data per customer are x ≥ 1 repeat transactions and their mean value m_x &gt; 0.
 */
public final class GammaGamma {
  private GammaGamma() {}

  public record Params(double p, double q, double gamma) implements Serializable {
    /** The population mean spend per transaction, p·γ/(q−1); infinite (not usable) when q ≤ 1. */
    public double populationMean() {
      return q > 1 ? p * gamma / (q - 1) : Double.POSITIVE_INFINITY;
    }
  }

  public record Fit(Params params, double logLikelihood, long customers, int evaluations, boolean ok,
      String message) implements Serializable {}

  /**
   * ln f(m_x | x) = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m_x + px ln x − (px+q) ln(γ + m_x·x).
   */
  public static double logLikelihood(Params prm, double x, double m) {
    double px = prm.p() * x;
    return logGamma(px + prm.q()) - logGamma(px) - logGamma(prm.q()) + prm.q() * Math.log(prm.gamma())
        + (px - 1) * Math.log(m) + px * Math.log(x) - (px + prm.q()) * Math.log(prm.gamma() + m * x);
  }

  public static double logLikelihood(Params prm, double[] x, double[] m) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += logLikelihood(prm, x[i], m[i]);
    }
    return sum;
  }

  /**
   * Maximum-likelihood fit over customers with x ≥ 1 and m_x &gt; 0 (rows with m_x = 0 cannot enter: ln 0; the
   * caller leaves them out). Not usable with fewer than 2 customers, a non-finite log-likelihood, a parameter at
   * the optimiser's edge, or q ≤ 1 (no finite population mean).
   */
  public static Fit fit(double[] x, double[] m) {
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] >= 1 && m[i] > 0 && Double.isFinite(m[i]))) {
        throw new IllegalArgumentException("Gamma-Gamma row " + i + " needs x >= 1 and m_x > 0: x=" + x[i] + " m_x=" + m[i]);
      }
    }
    if (x.length < 2) {
      return new Fit(null, 0, x.length, 0, false, "Gamma-Gamma not fitted: fewer than 2 customers with repeat purchases");
    }
    LogSpaceOptimizer.Result r = LogSpaceOptimizer.maximise(
        v -> logLikelihood(new Params(v[0], v[1], v[2]), x, m), new double[] {1, 1, 1});
    Params prm = new Params(r.params()[0], r.params()[1], r.params()[2]);
    if (!Double.isFinite(r.logLikelihood()) || r.atBound()) {
      return new Fit(prm, Double.isFinite(r.logLikelihood()) ? r.logLikelihood() : 0, x.length, r.evaluations(), false,
          "Gamma-Gamma fit degenerate: " + prm + " (log-likelihood " + r.logLikelihood() + ")");
    }
    if (prm.q() <= 1) {
      return new Fit(prm, r.logLikelihood(), x.length, r.evaluations(), false,
          "Gamma-Gamma fit unusable: q = " + prm.q() + " <= 1 gives no finite mean spend");
    }
    return new Fit(prm, r.logLikelihood(), x.length, r.evaluations(), true, "ok");
  }

  /**
   * E[M | x, m_x] = (γ + m_x·x)·p / (p·x + q − 1): a weighted mean of the population mean and the customer's
   * own mean, the latter weighing more the more transactions they made; the population mean at x = 0.
   */
  public static double expectedSpend(Params prm, double x, double m) {
    if (x <= 0) {
      return prm.populationMean();
    }
    return (prm.gamma() + m * x) * prm.p() / (prm.p() * x + prm.q() - 1);
  }
}
