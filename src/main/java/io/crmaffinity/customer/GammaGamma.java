package io.crmaffinity.customer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.special.Beta;

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
   * ln f(m_x | x) = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m_x + px ln x − (px+q) ln(γ + m_x·x),
   * evaluated as −ln B(px, q) − ln m_x − px·ln(1 + γ/(m_x·x)) − q·ln(1 + m_x·x/γ): the same number without
   * subtracting logarithms of size (px+q)·ln(γ + m_x·x), which for large p, q and γ (customers who all spend
   * alike) would leave only rounding noise for the optimiser to climb. commons-math3's ln B stays accurate for
   * large arguments.
   */
  public static double logLikelihood(Params prm, double x, double m) {
    double px = prm.p() * x;
    double mx = m * x;
    return -Beta.logBeta(px, prm.q()) - Math.log(m) - px * Math.log1p(prm.gamma() / mx)
        - prm.q() * Math.log1p(mx / prm.gamma());
  }

  public static double logLikelihood(Params prm, double[] x, double[] m) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += logLikelihood(prm, x[i], m[i]);
    }
    return sum;
  }

  static final String[] NAMES = {"p", "q", "gamma"};

  /**
   * The optimiser's box for p, q and γ/s, where s is the mean of the m_x: γ carries the currency's unit, and
   * fitting it relative to the data's own scale makes the box (and the starting point) the same whether amounts
   * are cents or a billion. p and q are shapes; beyond 1e4 their Gamma distributions are point masses (no
   * variation within, resp. between, customers), which is a limiting model, reported as degenerate.
   */
  static final double[] LOWER = {1e-4, 1e-4, 1e-4};
  static final double[] UPPER = {1e4, 1e4, 1e4};

  /**
   * How far the model's population mean may be from the customers' observed mean spend (a factor either
   * way) before the fit is called unusable: with q just above 1 the mean p·γ/(q−1) is finite but huge, and
   * every customer without repeat purchases would be given it.
   */
  static final double MEAN_FACTOR = 10;

  /**
   * Maximum-likelihood fit over customers with x ≥ 1 and m_x &gt; 0 (rows with m_x = 0 cannot enter: ln 0; the
   * caller leaves them out). Not usable (ok = false, the reason in plain words) with fewer than 2 customers, a
   * non-finite log-likelihood, a parameter at the edge of the box, a flat log-likelihood
   * ({@link LogSpaceOptimizer#flatness}), q ≤ 1 (no finite population mean) or a population mean more than
   * {@link #MEAN_FACTOR} times off the observed mean spend.
   */
  public static Fit fit(double[] x, double[] m) {
    double scale = 0;
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] >= 1 && x[i] < Double.POSITIVE_INFINITY && m[i] > 0 && m[i] < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("Gamma-Gamma row " + i + " needs x >= 1 and m_x > 0: x=" + x[i] + " m_x=" + m[i]);
      }
      scale += m[i] / x.length;
    }
    if (x.length < 2) {
      return new Fit(null, 0, x.length, 0, false, "Gamma-Gamma not fitted: fewer than 2 customers with repeat purchases");
    }
    double s = scale;
    ToDoubleFunction<double[]> objective = v -> logLikelihood(new Params(v[0], v[1], v[2] * s), x, m);
    LogSpaceOptimizer.Result r = LogSpaceOptimizer.maximise(objective, new double[] {1, 1, 1}, LOWER, UPPER);
    double[] v = r.params();
    Params prm = new Params(v[0], v[1], v[2] * s);
    String where = String.format(Locale.ROOT, "Gamma-Gamma fit degenerate (p=%.4g q=%.4g gamma=%.4g): ", prm.p(),
        prm.q(), prm.gamma());
    if (!Double.isFinite(r.logLikelihood())) {
      return new Fit(prm, 0, x.length, r.evaluations(), false, "Gamma-Gamma fit failed: log-likelihood not finite");
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      if (r.atLower()[i] || r.atUpper()[i]) {
        problems.add(edge(i, r.atUpper()[i]));
      }
    }
    if (problems.isEmpty()) {
      String flat = LogSpaceOptimizer.flatness(LogSpaceOptimizer.curvature(objective, v, 1e-3), NAMES);
      if (flat != null) {
        problems.add(flat);
      }
    }
    if (!problems.isEmpty()) {
      return new Fit(prm, r.logLikelihood(), x.length, r.evaluations(), false, where + String.join("; ", problems));
    }
    if (prm.q() <= 1) {
      return new Fit(prm, r.logLikelihood(), x.length, r.evaluations(), false,
          "Gamma-Gamma fit unusable: q = " + prm.q() + " <= 1 gives no finite mean spend");
    }
    double mean = prm.populationMean();
    if (!(mean <= MEAN_FACTOR * scale && mean >= scale / MEAN_FACTOR)) {
      return new Fit(prm, r.logLikelihood(), x.length, r.evaluations(), false, String.format(Locale.ROOT,
          "Gamma-Gamma fit unusable: its average spend per purchase, %.4g, is more than %.0f times off the customers'"
              + " observed average, %.4g (q = %.3g is close to 1: spends too heavy-tailed for the model)", mean,
          MEAN_FACTOR, scale, prm.q()));
    }
    return new Fit(prm, r.logLikelihood(), x.length, r.evaluations(), true, "ok");
  }

  private static String edge(int i, boolean upper) {
    String limit = "ran to its " + (upper ? "upper" : "lower") + " limit (" + BgNbd.fmt(upper ? UPPER[i] : LOWER[i])
        + (i == 2 ? " times the mean spend" : "") + ")";
    String meaning = switch (i) {
      case 0 -> upper ? "each customer seems to spend the same amount every time"
          : "a customer's spends look spread out without bound";
      case 1 -> upper ? "every customer seems to have the same average spend"
          : "customers' average spends look spread out without bound";
      default -> upper ? "the spread of average spends between customers looks vanishingly small"
          : "the spread of average spends between customers looks unbounded";
    };
    return NAMES[i] + " " + limit + ": " + meaning;
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
