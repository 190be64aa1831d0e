package io.crmaffinity.customer;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * The BG/NBD model of repeat purchasing (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"):
 * while alive a customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase they die with probability
 * p ~ Beta(a, b). A customer's data is (x, t_x, T): x repeat transactions, the last at t_x, observed for T since
 * the first purchase (time in weeks in this project). Pure Java; commons-math3 for lnΓ and the optimiser.
 */
public final class BgNbd {
  private BgNbd() {}

  /** Fitted parameters r, α (purchase rate), a, b (dropout); serializable so Spark UDFs can carry them. */
  public record Params(double r, double alpha, double a, double b) implements Serializable {}

  /**
   * A fit: parameters and log-likelihood when {@code ok}; otherwise {@code message} says why the model could
   * not be used (the caller falls back, see the README).
   */
  public record Fit(Params params, double logLikelihood, long customers, int evaluations, boolean ok,
      String message) implements Serializable {}

  /** ln B(x, y). */
  static double logBeta(double x, double y) {
    return logGamma(x) + logGamma(y) - logGamma(x + y);
  }

  /**
   * One customer's log-likelihood:
   * ln L = lnΓ(r+x) − lnΓ(r) + r ln α + ln[ B(a, b+x)/B(a, b) · (α+T)^−(r+x)
   *        + 1{x&gt;0} · B(a+1, b+x−1)/B(a, b) · (α+t_x)^−(r+x) ].
   */
  public static double logLikelihood(Params p, double x, double tx, double t) {
    return new Terms(p).logLikelihood(x, tx, t);
  }

  /** Σ weight · ln L over summary rows (x, t_x, T) with their customer counts. */
  public static double logLikelihood(Params p, double[] x, double[] tx, double[] t, double[] weight) {
    Terms terms = new Terms(p);
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += weight[i] * terms.logLikelihood(x[i], tx[i], t[i]);
    }
    return sum;
  }

  /** The x-dependent Gamma and Beta terms, cached per x: a summary has few distinct x. */
  private static final class Terms {
    final Params p;
    final double logBetaAB;
    final double lnGammaR;
    final Map<Double, double[]> byX = new HashMap<>();

    Terms(Params p) {
      this.p = p;
      this.logBetaAB = logBeta(p.a(), p.b());
      this.lnGammaR = logGamma(p.r());
    }

    double logLikelihood(double x, double tx, double t) {
      double[] c = byX.computeIfAbsent(x, k -> new double[] {
          logGamma(p.r() + k) - lnGammaR + p.r() * Math.log(p.alpha()),
          logBeta(p.a(), p.b() + k) - logBetaAB,
          k > 0 ? logBeta(p.a() + 1, p.b() + k - 1) - logBetaAB : Double.NaN});
      double rx = p.r() + x;
      double a1 = c[1] - rx * Math.log(p.alpha() + t);
      if (x <= 0) {
        return c[0] + a1;
      }
      double a2 = c[2] - rx * Math.log(p.alpha() + tx);
      double hi = Math.max(a1, a2);
      return c[0] + hi + Math.log(Math.exp(a1 - hi) + Math.exp(a2 - hi));
    }
  }

  /**
   * Maximum-likelihood fit over summary rows (distinct (x, t_x, T) with the number of customers having them).
   * Not usable (ok = false, with the reason) when there are fewer than 2 customers, no repeat purchase at all
   * (a and b are then not identified), a parameter ends at the optimiser's edge (1e-8 or 1e8) or the
   * log-likelihood is not finite.
   */
  public static Fit fit(double[] x, double[] tx, double[] t, double[] weight) {
    double customers = 0;
    double repeats = 0;
    for (int i = 0; i < x.length; i++) {
      customers += weight[i];
      repeats += weight[i] * x[i];
      if (!(x[i] >= 0 && tx[i] >= 0 && t[i] >= tx[i] && weight[i] > 0)) {
        throw new IllegalArgumentException("BG/NBD summary row " + i + " is not 0 <= t_x <= T, x >= 0, weight > 0: x="
            + x[i] + " t_x=" + tx[i] + " T=" + t[i] + " weight=" + weight[i]);
      }
    }
    if (customers < 2) {
      return new Fit(null, 0, (long) customers, 0, false, "BG/NBD not fitted: fewer than 2 customers with purchases");
    }
    if (repeats == 0) {
      return new Fit(null, 0, (long) customers, 0, false,
          "BG/NBD not fitted: no customer made a repeat purchase, so the dropout process cannot be estimated");
    }
    LogSpaceOptimizer.Result r = LogSpaceOptimizer.maximise(
        v -> logLikelihood(new Params(v[0], v[1], v[2], v[3]), x, tx, t, weight), new double[] {1, 1, 1, 1});
    Params p = new Params(r.params()[0], r.params()[1], r.params()[2], r.params()[3]);
    if (!Double.isFinite(r.logLikelihood())) {
      return new Fit(p, 0, (long) customers, r.evaluations(), false, "BG/NBD fit failed: log-likelihood not finite");
    }
    if (r.atBound()) {
      return new Fit(p, r.logLikelihood(), (long) customers, r.evaluations(), false,
          "BG/NBD fit degenerate: a parameter ran to the edge of [1e-8, 1e8] (" + p + ")");
    }
    return new Fit(p, r.logLikelihood(), (long) customers, r.evaluations(), true, "ok");
  }

  /** P(alive | x, t_x, T) = 1 / (1 + 1{x&gt;0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)). */
  public static double pAlive(Params p, double x, double tx, double t) {
    if (x <= 0) {
      return 1.0;
    }
    double logRatio = Math.log(p.a() / (p.b() + x - 1)) + (p.r() + x) * Math.log((p.alpha() + t) / (p.alpha() + tx));
    return 1.0 / (1.0 + Math.exp(logRatio));
  }

  /**
   * E[Y(h) | x, t_x, T], the expected transactions in the next h (FHL 2005 eq. 10):
   * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+h))^(r+x) · 2F1(r+x, b+x; a+b+x−1; h/(α+T+h))]
   * / [1 + 1{x&gt;0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)].
   * At a = 1 exactly the first factor is 0/0; a is then moved to 1 + 1e-7 (the function is smooth there).
   */
  public static double expectedPurchases(Params p, double h, double x, double tx, double t) {
    if (h <= 0) {
      return 0;
    }
    double a = Math.abs(p.a() - 1) < 1e-7 ? 1 + 1e-7 : p.a();
    double rx = p.r() + x;
    double c = a + p.b() + x - 1;
    double z = h / (p.alpha() + t + h);
    double logProduct = rx * Math.log1p(-z) + Hypergeometric.log2F1(rx, p.b() + x, c, z);
    double numerator = c / (a - 1) * -Math.expm1(logProduct);
    double denominator = 1.0;
    if (x > 0) {
      denominator += Math.exp(Math.log(a / (p.b() + x - 1)) + rx * Math.log((p.alpha() + t) / (p.alpha() + tx)));
    }
    return numerator / denominator;
  }
}
