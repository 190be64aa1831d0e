package io.crmaffinity.customer;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.special.Beta;

/**
 * The BG/NBD model of repeat purchasing (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"):
 * while alive a customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase they die with probability
 * p ~ Beta(a, b). A customer's data is (x, t_x, T): x repeat transactions (a whole number), the last at t_x,
 * observed for T since the first purchase (time in weeks in this project). Pure Java; commons-math3 for lnΓ,
 * ln B, Gauss-Legendre nodes and the optimiser.
 */
public final class BgNbd {
  private BgNbd() {}

  /** Fitted parameters r, α (purchase rate), a, b (dropout); serializable so Spark UDFs can carry them. */
  public record Params(double r, double alpha, double a, double b) implements Serializable {}

  /**
   * A fit: parameters and log-likelihood when {@code ok}; otherwise {@code message} says why the model could
   * not be used (the caller falls back, see docs/customer.md).
   */
  public record Fit(Params params, double logLikelihood, long customers, int evaluations, boolean ok,
      String message) implements Serializable {}

  /**
   * One customer's log-likelihood:
   * ln L = lnΓ(r+x) − lnΓ(r) + r ln α + ln[ B(a, b+x)/B(a, b) · (α+T)^−(r+x)
   *        + 1{x&gt;0} · B(a+1, b+x−1)/B(a, b) · (α+t_x)^−(r+x) ].
   */
  public static double logLikelihood(Params p, double x, double tx, double t) {
    return new Terms(p, x).logLikelihood(x, tx, t);
  }

  /** Σ weight · ln L over summary rows (x, t_x, T) with their customer counts. */
  public static double logLikelihood(Params p, double[] x, double[] tx, double[] t, double[] weight) {
    double maxX = 0;
    for (double v : x) {
      maxX = Math.max(maxX, v);
    }
    Terms terms = new Terms(p, maxX);
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += weight[i] * terms.logLikelihood(x[i], tx[i], t[i]);
    }
    return sum;
  }

  /** Whole x up to this use running sums of logarithms; above it lnΓ and ln B differences (few such rows). */
  private static final int SUM_CAP = 20_000;

  /**
   * The x-dependent Gamma and Beta ratios as running sums over whole x: lnΓ(r+x) − lnΓ(r) = Σ_{k&lt;x} ln(r+k)
   * and ln B(a, b+x) − ln B(a, b) = −Σ_{k&lt;x} ln(1 + a/(b+k)). As differences of lnΓ they cancel
   * catastrophically once a, b or r are large (lnΓ(2e7) ≈ 3e8, so its rounding is 7e-8 per customer): the
   * likelihood surface then has noise in which the optimiser wanders off along a flat ridge and its curvature
   * cannot be measured. The sums are exact to rounding of each term.
   */
  private static final class Terms {
    final Params p;
    final double[] gammaRatio;
    final double[] betaRatio;

    Terms(Params p, double maxX) {
      this.p = p;
      int n = (int) Math.min(SUM_CAP, Math.max(0, Math.floor(maxX))) + 1;
      gammaRatio = new double[n];
      betaRatio = new double[n];
      for (int k = 1; k < n; k++) {
        gammaRatio[k] = gammaRatio[k - 1] + Math.log(p.r() + k - 1);
        betaRatio[k] = betaRatio[k - 1] - Math.log1p(p.a() / (p.b() + k - 1));
      }
    }

    /** lnΓ(r+x) − lnΓ(r). */
    double gammaRatio(double x) {
      return x == Math.rint(x) && x < gammaRatio.length ? gammaRatio[(int) x] : logGamma(p.r() + x) - logGamma(p.r());
    }

    /** ln B(a, b+x) − ln B(a, b). */
    double betaRatio(double x) {
      return x == Math.rint(x) && x < betaRatio.length ? betaRatio[(int) x]
          : Beta.logBeta(p.a(), p.b() + x) - Beta.logBeta(p.a(), p.b());
    }

    double logLikelihood(double x, double tx, double t) {
      double r = p.r();
      double alpha = p.alpha();
      // r ln α − (r+x) ln(α+T) = −r ln(1 + T/α) − x ln(α+T): no cancellation of two large logarithms
      double a1 = betaRatio(x) - r * Math.log1p(t / alpha) - x * Math.log(alpha + t);
      if (x <= 0) {
        return gammaRatio(x) + a1;
      }
      // B(a+1, b+x−1)/B(a, b) = a/(a+b+x−1) · B(a, b+x−1)/B(a, b)
      double a2 = Math.log(p.a() / (p.a() + p.b() + x - 1)) + betaRatio(x - 1) - r * Math.log1p(tx / alpha)
          - x * Math.log(alpha + tx);
      double hi = Math.max(a1, a2);
      return gammaRatio(x) + hi + Math.log1p(Math.exp(Math.min(a1, a2) - hi));
    }
  }

  /**
   * ln of the odds that a customer with x &gt; 0 has dropped out: a/(b+x−1) · ((α+T)/(α+t_x))^(r+x); −∞ for
   * x = 0 (BG/NBD lets customers drop out only right after a purchase).
   */
  static double logDeadOdds(Params p, double x, double tx, double t) {
    if (x <= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return Math.log(p.a() / (p.b() + x - 1)) + (p.r() + x) * Math.log1p((t - tx) / (p.alpha() + tx));
  }

  /** P(alive | x, t_x, T) = 1 / (1 + 1{x&gt;0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), in [0, 1]. */
  public static double pAlive(Params p, double x, double tx, double t) {
    return 1.0 / (1.0 + Math.exp(logDeadOdds(p, x, tx, t)));
  }

  /**
   * E[Y(h) | x, t_x, T], the expected transactions in the next h: P(alive) · E[Y(h) | alive] (FHL 2005 eq. 10,
   * see {@link #expectedPurchasesIfAlive}). Finite and ≥ 0 for every r, α, a, b &gt; 0, whole x ≥ 0,
   * 0 ≤ t_x ≤ T and h ≥ 0 for which (r+x)·h/(α+T) — the expectation without dropout, an upper bound — is.
   */
  public static double expectedPurchases(Params p, double h, double x, double tx, double t) {
    if (!(h > 0)) {
      return 0;
    }
    double alive = expectedPurchasesIfAlive(p, h, x, t);
    double logOdds = logDeadOdds(p, x, tx, t);
    // alive / (1 + e^logOdds) without overflowing e^logOdds
    return logOdds > 0 ? alive * Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : alive / (1 + Math.exp(logOdds));
  }

  /**
   * E[Y(h) | alive at T, x] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+h))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z)],
   * z = h/(α+T+h). Exactly the same number is the integral over the posterior of the dropout probability,
   * ∫₀¹ (1 − (1 + pK)^−(r+x)) / p · Beta(p; a, b+x) dp with K = h/(α+T): given λ and p the customer makes
   * (1 − e^−λph)/p purchases on average before dropping out or h ends, and λ ~ Gamma(r+x, α+T).
   *
   * <p>The series is used where it is quick and accurate ({@link #ifAliveBySeries}); otherwise — z near 1 (a
   * customer observed briefly against a small α, where the series needs ~37/(1−z) terms), a near 1 (where the
   * formula is 0/0) or heavy cancellation — the integral by quadrature ({@link #ifAliveByQuadrature}).
   */
  static double expectedPurchasesIfAlive(Params p, double h, double x, double t) {
    double s = p.r() + x;
    double bx = p.b() + x;
    double k = h / (p.alpha() + t);
    double v = ifAliveBySeries(s, p.a(), bx, k);
    return Double.isNaN(v) ? ifAliveByQuadrature(s, p.a(), bx, k) : v;
  }

  /** Series terms tried before the quadrature takes over. */
  static final int SERIES_TERMS = 5000;

  /**
   * E[Y | alive] by the series, with s = r+x, bx = b+x, K = h/(α+T); NaN where it would be slow or inaccurate.
   *
   * <p>With c = a+b+x−1 &gt; −1 and S = c·(2F1 − 1) = Σ_{n≥1} (s)_n (bx)_n z^n / ((c+1)_{n−1} n!)
   * ({@link Hypergeometric#logProductSeries}, all terms positive), the formula is
   * [(1−z)^s·S − c·(1 − (1−z)^s)] / (1 − a): no 2F1 pole at c = 0, and for c ≤ 0 (x = 0 and a+b ≤ 1, so a &lt; 1)
   * both terms of the numerator are ≥ 0. For c &gt; 0 they cancel, completely at a = 1 and by a factor of about
   * c/|1−a| near it: the result is rejected when the cancellation could cost more than 1e-11 of relative
   * accuracy.
   */
  static double ifAliveBySeries(double s, double a, double bx, double k) {
    if (!(k > 0)) {
      return 0;
    }
    // Terms needed: past the peak near n ≈ sK, then ~37/(1−z) = 37(1+K) more. Don't start a hopeless sum.
    if (s * k + 40 * (1 + k) > SERIES_TERMS) {
      return Double.NaN;
    }
    double c = a + bx - 1;
    double z = k / (1 + k);
    double logW = -s * Math.log1p(k); // ln (1−z)^s
    Hypergeometric.Series series = Hypergeometric.logProductSeries(s, bx, c, z, SERIES_TERMS);
    if (Double.isNaN(series.log())) {
      return Double.NaN;
    }
    double ws = Math.exp(logW + series.log());
    double c1w = c * -Math.expm1(logW);
    double numerator = ws - c1w;
    double result = numerator / (1 - a);
    double cancellation = (ws + Math.abs(c1w)) / Math.abs(numerator);
    double roundoff = 1.2e-16 * (Math.abs(logW) + Math.abs(series.log()) + 4.0 * series.terms() + 4) * cancellation;
    if (!(result >= 0 && result < Double.POSITIVE_INFINITY && roundoff < 1e-11)) {
      return Double.NaN;
    }
    return result;
  }

  /** Gauss-Legendre nodes and weights on [−1, 1]: 20 for a segment's integral, 10 for its error estimate. */
  private static final double[][] FINE = nodes(20);
  private static final double[][] COARSE = nodes(10);

  private static double[][] nodes(int n) {
    GaussIntegrator rule = new GaussIntegratorFactory().legendre(n);
    double[][] nw = new double[2][n];
    for (int i = 0; i < n; i++) {
      nw[0][i] = rule.getPoint(i);
      nw[1][i] = rule.getWeight(i);
    }
    return nw;
  }

  /**
   * E[Y | alive] = ∫₀¹ (1 − (1+pK)^−s)/p · Beta(p; a, bx) dp by quadrature on y = logit p, where the Beta
   * weight is a smooth bump (log-concave for a+bx ≥ 1) with tails e^{a·y} and e^{−bx·y}:
   * ∫ G(p) e^{(a−1)y} (1+e^y)^−(a+bx−1) dy / B(a, bx) with G(p) = 1 − (1+pK)^−s.
   *
   * <p>Below p0 and above 1 − q0 the integrand equals s·K·e^{a·y} and G(1)·e^{−bx·y} to a relative 1e-17
   * (p0 and q0 are chosen for that), and those tails are integrated exactly — with a or bx small (1e-4) most of
   * the mass is there, at p far below what a double can hold. In between, adaptive Gauss-Legendre (20 nodes,
   * error from 10) on segments cut at the Beta bump's centre ln(a/bx) and multiples of its width
   * √(1/a + 1/bx), and at pK = 1 where G turns; the worst segment is halved until the estimated error is below
   * 1e-12 of the total. Everything is summed relative to the largest log-integrand seen, so a, bx up to
   * 1e8 neither overflow nor underflow. Never throws; the result is ≥ 0.
   */
  static double ifAliveByQuadrature(double s, double a, double bx, double k) {
    if (!(k > 0)) {
      return 0;
    }
    double c = a + bx - 1;
    double logK = Math.log(k);
    double logSpread = logAdd(Math.log(s + 1) + logK, Math.log(2 + Math.abs(c)));
    double y0 = Math.log(1e-17) - logSpread;
    double y1 = -Math.log(1e-17) + Math.log(2 + Math.abs(c));
    double logLeft = Math.log(s) + logK + a * y0 - Math.log(a);
    double logG1 = Math.log(-Math.expm1(-s * Math.log1p(k)));
    double logRight = logG1 - bx * y1 - Math.log(bx);

    List<Double> cuts = new ArrayList<>();
    cuts.add(y0);
    cuts.add(y1);
    double centre = Math.log(a) - Math.log(bx);
    double width = Math.min(8, Math.sqrt(1 / a + 1 / bx));
    cuts.add(centre);
    for (double m = 1; m <= 27; m *= 3) {
      cuts.add(centre - m * width);
      cuts.add(centre + m * width);
    }
    cuts.add(-logK);
    double[] points = cuts.stream().mapToDouble(Double::doubleValue).filter(v -> v >= y0 && v <= y1).sorted()
        .distinct().toArray();

    Integrand f = new Integrand(s, a, bx, k);
    double ref = Math.max(logLeft, logRight);
    for (double y : points) {
      ref = Math.max(ref, f.log(y));
    }
    double total = Double.NaN;
    for (int attempt = 0; attempt < 3; attempt++) {
      f.ref = ref;
      f.maxSeen = Double.NEGATIVE_INFINITY;
      total = adaptive(f, points) + Math.exp(logLeft - ref) + Math.exp(logRight - ref);
      // A narrow peak between the cuts above the reference by hundreds would overflow: redo relative to it.
      if (f.maxSeen <= ref + 300 || !(f.maxSeen < Double.POSITIVE_INFINITY)) {
        break;
      }
      ref = f.maxSeen;
    }
    // Math.max keeps a NaN (a bug, not an input) visible to the caller's finiteness check.
    return Math.max(0, Math.exp(ref + Math.log(total) - Beta.logBeta(a, bx)));
  }

  /** ln(e^u + e^v). */
  private static double logAdd(double u, double v) {
    double hi = Math.max(u, v);
    return hi + Math.log1p(Math.exp(Math.min(u, v) - hi));
  }

  /** The log-integrand on y = logit p and its exponential relative to {@code ref}. */
  private static final class Integrand {
    final double s;
    final double a;
    final double bx;
    final double k;
    double ref;
    double maxSeen;

    Integrand(double s, double a, double bx, double k) {
      this.s = s;
      this.a = a;
      this.bx = bx;
      this.k = k;
    }

    /**
     * ln G(p) + (a−1) ln p + bx ln(1−p), with ln p = −softplus(−y) and ln(1−p) = −softplus(y) each computed
     * without cancellation: written as (a−1)y − c·softplus(y) it would subtract two numbers of size a·y, and
     * for a = 1e4 that rounding noise (1e-11) alone would keep the adaptive rule splitting.
     */
    double log(double y) {
      double e = Math.exp(-Math.abs(y));
      double softplusAbs = Math.abs(y) + Math.log1p(e);
      double softplusMinusAbs = Math.log1p(e);
      double logP = -(y > 0 ? softplusMinusAbs : softplusAbs);
      double logQ = -(y > 0 ? softplusAbs : softplusMinusAbs);
      double logG = Math.log(-Math.expm1(-s * Math.log1p(k * Math.exp(logP))));
      return logG + (a - 1) * logP + bx * logQ;
    }

    double value(double y) {
      double l = log(y);
      maxSeen = Math.max(maxSeen, l);
      return Math.exp(l - ref);
    }
  }

  private record Segment(double lo, double hi, double integral, double error) {}

  private static Segment segment(Integrand f, double lo, double hi) {
    double mid = (lo + hi) / 2;
    double half = (hi - lo) / 2;
    double fine = 0;
    for (int i = 0; i < FINE[0].length; i++) {
      fine += FINE[1][i] * f.value(mid + half * FINE[0][i]);
    }
    double coarse = 0;
    for (int i = 0; i < COARSE[0].length; i++) {
      coarse += COARSE[1][i] * f.value(mid + half * COARSE[0][i]);
    }
    return new Segment(lo, hi, fine * half, Math.abs(fine - coarse) * half);
  }

  private static double adaptive(Integrand f, double[] points) {
    PriorityQueue<Segment> queue = new PriorityQueue<>((u, v) -> Double.compare(v.error(), u.error()));
    double total = 0;
    double error = 0;
    for (int i = 0; i + 1 < points.length; i++) {
      Segment seg = segment(f, points[i], points[i + 1]);
      queue.add(seg);
      total += seg.integral();
      error += seg.error();
    }
    for (int splits = 0; splits < 400 && error > 1e-12 * total && !queue.isEmpty(); splits++) {
      Segment worst = queue.poll();
      double mid = (worst.lo() + worst.hi()) / 2;
      Segment left = segment(f, worst.lo(), mid);
      Segment right = segment(f, mid, worst.hi());
      queue.add(left);
      queue.add(right);
      total += left.integral() + right.integral() - worst.integral();
      error += left.error() + right.error() - worst.error();
    }
    // Re-add from the segments: the running total drifts by rounding over hundreds of updates.
    double sum = 0;
    for (Segment seg : queue) {
      sum += seg.integral();
    }
    return sum;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Fitting

  /** Parameter names in the optimiser's order, for messages. */
  static final String[] NAMES = {"r", "alpha", "a", "b"};

  /**
   * The optimiser's box (time in weeks). r, a and b are shapes: beyond 1e4 a Gamma or Beta distribution is as
   * good as a point mass (coefficient of variation under 1 %), below 1e-4 nearly all its mass sits at 0 — a fit
   * that wants to go further is a limiting model (all customers alike, nobody dropping out, ...), not a BG/NBD
   * with some spread between customers, and is reported as degenerate. α is a time scale that follows r (the
   * mean rate r/α is what the data fix), so its box is wider and never the one that binds first. The old box,
   * [1e-8, 1e8] for all four, let a ridge fit wander to a = 1.5e6, b = 2e7 unnoticed.
   */
  static final double[] LOWER = {1e-4, 1e-6, 1e-4, 1e-4};
  static final double[] UPPER = {1e4, 1e8, 1e4, 1e4};
  private static final double[] START = {1, 1, 1, 1};

  /**
   * The weak prior of {@link #fitWithPrior}: ln r, ln a, ln b ~ Normal(0, 2²) independently (95 % of its mass
   * between e^−4 = 0.02 and e^4 = 55 for each), nothing on α (the data always fix the purchase rate's scale).
   */
  static final double PRIOR_SD = 2;

  /** ln prior(r, a, b), up to a constant. */
  static double logPrior(double[] v) {
    double lr = Math.log(v[0]);
    double la = Math.log(v[2]);
    double lb = Math.log(v[3]);
    return -(lr * lr + la * la + lb * lb) / (2 * PRIOR_SD * PRIOR_SD);
  }

  /**
   * Maximum-likelihood fit over summary rows (distinct (x, t_x, T) with the number of customers having them).
   * Not usable (ok = false, with the reason in plain words) when there are fewer than 2 customers, no repeat
   * purchase at all (the dropout process is then not identified), the log-likelihood is not finite, or the fit
   * is degenerate: a parameter ends at the edge of the box ({@link #LOWER}, {@link #UPPER}) — the likelihood
   * keeps rising toward a limiting model — or the log-likelihood is flat around the optimum
   * ({@link LogSpaceOptimizer#flatness}: a factor of 10 along some combination of the parameters changes it by
   * less than 1, so the data do not say where the parameters lie and the next run may land elsewhere).
   */
  public static Fit fit(double[] x, double[] tx, double[] t, double[] weight) {
    return fit(x, tx, t, weight, false);
  }

  /**
   * The fallback for a degenerate {@link #fit}: the maximum of log-likelihood + ln prior ({@link #PRIOR_SD}).
   * Where the data determine a parameter combination the prior hardly moves it; along a flat or runaway
   * direction it holds the parameters at moderate values, so the fit is unique and inside the box. On the
   * bundled sample at 2026-11-01 (maximum likelihood: a, b → ∞ at a/(a+b) = 0.072) it gives a = 13, b = 158 and
   * a log-likelihood 1.3 below the runaway's, with the same p_alive picture (312 of 382 customers under 0.5 either
   * way). The log-likelihood reported is the data's, without the prior. Not usable when it, too, ends at the
   * box's edge or not at a maximum; with fewer than 2 customers or no repeat purchase it is not tried.
   */
  public static Fit fitWithPrior(double[] x, double[] tx, double[] t, double[] weight) {
    return fit(x, tx, t, weight, true);
  }

  private static Fit fit(double[] x, double[] tx, double[] t, double[] weight, boolean prior) {
    double customers = 0;
    double repeats = 0;
    for (int i = 0; i < x.length; i++) {
      customers += weight[i];
      repeats += weight[i] * x[i];
      if (!(x[i] >= 0 && tx[i] >= 0 && t[i] >= tx[i] && weight[i] > 0 && t[i] < Double.POSITIVE_INFINITY)) {
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
    ToDoubleFunction<double[]> logLik = v -> logLikelihood(new Params(v[0], v[1], v[2], v[3]), x, tx, t, weight);
    ToDoubleFunction<double[]> objective = prior ? v -> logLik.applyAsDouble(v) + logPrior(v) : logLik;
    LogSpaceOptimizer.Result r = LogSpaceOptimizer.maximise(objective, START, LOWER, UPPER);
    double[] v = r.params();
    Params p = new Params(v[0], v[1], v[2], v[3]);
    double ll = logLik.applyAsDouble(v);
    String what = prior ? "BG/NBD fit with a weak prior" : "BG/NBD fit";
    if (!Double.isFinite(ll)) {
      return new Fit(p, 0, (long) customers, r.evaluations(), false, what + " failed: log-likelihood not finite");
    }
    List<String> problems = edgeProblems(r, p);
    if (problems.isEmpty()) {
      LogSpaceOptimizer.Curvature c = LogSpaceOptimizer.curvature(objective, v, 1e-3);
      // With the prior every direction has curvature ≥ 1/PRIOR_SD² except α's, which the data fix: only a
      // point that is not a maximum is a problem there.
      String flat = prior
          ? (c.smallest() > 0 ? null : "the optimiser stopped where the log-posterior is not at a maximum")
          : LogSpaceOptimizer.flatness(c, NAMES);
      if (flat != null) {
        problems.add(flat);
      }
    }
    if (!problems.isEmpty()) {
      return new Fit(p, ll, (long) customers, r.evaluations(), false,
          what + " degenerate (" + describe(p) + "): " + String.join("; ", problems));
    }
    return new Fit(p, ll, (long) customers, r.evaluations(), true, prior
        ? String.format(Locale.ROOT, "fitted with a weak prior (ln r, ln a, ln b ~ Normal(0, %.0f²)): %s, log-likelihood %.2f",
            PRIOR_SD, describe(p), ll)
        : "ok");
  }

  /** Plain words for the parameters that ended at an edge of the box, grouped by what the limit means. */
  private static List<String> edgeProblems(LogSpaceOptimizer.Result r, Params p) {
    boolean[] lo = r.atLower();
    boolean[] hi = r.atUpper();
    List<String> out = new ArrayList<>();
    if (hi[0]) {
      out.add(String.format(Locale.ROOT, "r ran to its upper limit (%s): every customer seems to buy at the same"
          + " rate, %.3g a week, with no spread between customers", fmt(UPPER[0]), p.r() / p.alpha()));
    }
    if (lo[0]) {
      out.add("r ran to its lower limit (" + fmt(LOWER[0]) + "): purchase rates look spread out without bound");
    }
    if (hi[1] || lo[1]) {
      out.add("alpha ran to its " + (hi[1] ? "upper" : "lower") + " limit (" + fmt(hi[1] ? UPPER[1] : LOWER[1]) + ")");
    }
    double dropout = p.a() / (p.a() + p.b());
    if ((hi[2] || hi[3]) && Math.min(p.a(), p.b()) >= 1) {
      // a and b large together: Beta(a, b) is a point mass at a/(a+b) in the limit
      out.add(String.format(Locale.ROOT, "a and b ran off to large values together (a=%.3g, b=%.3g, limit %s):"
          + " every customer seems to drop out with the same probability, %.2g after each purchase", p.a(), p.b(),
          fmt(UPPER[2]), dropout));
    } else if (lo[2] && lo[3]) {
      out.add("a and b ran to their lower limit (" + fmt(LOWER[2]) + ") together: customers look either certain to"
          + " drop out at their next purchase or never to");
    } else if (lo[2] || hi[3]) {
      out.add(String.format(Locale.ROOT, "%s: the data show (almost) no customer dropping out (dropout probability"
          + " %.2g per purchase)", lo[2] ? "a ran to its lower limit (" + fmt(LOWER[2]) + ")"
              : "b ran to its upper limit (" + fmt(UPPER[3]) + ")", dropout));
    } else if (hi[2] || lo[3]) {
      out.add(String.format(Locale.ROOT, "%s: customers seem to drop out at their next purchase (dropout"
          + " probability %.2g per purchase)", hi[2] ? "a ran to its upper limit (" + fmt(UPPER[2]) + ")"
              : "b ran to its lower limit (" + fmt(LOWER[3]) + ")", dropout));
    }
    return out;
  }

  /** 1e4, 1e-6: a power of ten as people write it. */
  static String fmt(double bound) {
    return "1e" + Math.round(Math.log10(bound));
  }

  static String describe(Params p) {
    return String.format(Locale.ROOT, "r=%.4g alpha=%.4g a=%.4g b=%.4g", p.r(), p.alpha(), p.a(), p.b());
  }
}
