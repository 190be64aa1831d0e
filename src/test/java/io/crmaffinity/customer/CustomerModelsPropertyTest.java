package io.crmaffinity.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties over the whole valid domain, on seeded random arguments: parameters anywhere in the optimisers'
 * boxes (log-uniform, with each parameter exactly at an edge one time in six), customers with 0..1000 repeat
 * purchases observed 0..1000 weeks, horizons 0..1000 weeks. Predictions are finite and in range; fits on random
 * small summaries never throw, and are either ok with finite parameters inside the box or not ok with a reason.
 */
class CustomerModelsPropertyTest {
  static final int TUPLES = 4000;

  static double logUniform(Random rnd, double lo, double hi) {
    int edge = rnd.nextInt(12);
    if (edge == 0) {
      return lo;
    }
    if (edge == 1) {
      return hi;
    }
    return Math.exp(Math.log(lo) + rnd.nextDouble() * (Math.log(hi) - Math.log(lo)));
  }

  static BgNbd.Params bgNbdParams(Random rnd) {
    return new BgNbd.Params(logUniform(rnd, BgNbd.LOWER[0], BgNbd.UPPER[0]),
        logUniform(rnd, BgNbd.LOWER[1], BgNbd.UPPER[1]), logUniform(rnd, BgNbd.LOWER[2], BgNbd.UPPER[2]),
        logUniform(rnd, BgNbd.LOWER[3], BgNbd.UPPER[3]));
  }

  /** A customer (x, t_x, T) in weeks: whole days as the job makes them, x = 0 half the time, T = 0 sometimes. */
  static double[] customer(Random rnd) {
    int tDays = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(7001);
    long x = rnd.nextBoolean() || tDays == 0 ? 0 : (long) Math.floor(logUniform(rnd, 1, 1000));
    int txDays = x == 0 ? 0 : switch (rnd.nextInt(5)) {
      case 0 -> tDays;
      case 1 -> 1;
      default -> 1 + rnd.nextInt(tDays);
    };
    return new double[] {x, txDays / 7.0, tDays / 7.0};
  }

  static double horizon(Random rnd) {
    double[] usual = {0, 1 / 7.0, 1, HealthScore.SOON_WEEKS, CustomerModels.YEAR_WEEKS, 520, 1000};
    return rnd.nextBoolean() ? usual[rnd.nextInt(usual.length)] : 1000 * rnd.nextDouble();
  }

  @Test
  void bgNbdPredictionsAreFiniteAndInRangeOverTheWholeBox() {
    Random rnd = new Random(20260101);
    for (int i = 0; i < TUPLES; i++) {
      BgNbd.Params p = bgNbdParams(rnd);
      double[] c = customer(rnd);
      double h = horizon(rnd);
      String where = p + " x=" + c[0] + " t_x=" + c[1] + " T=" + c[2] + " h=" + h;
      double alive = BgNbd.pAlive(p, c[0], c[1], c[2]);
      assertTrue(alive >= 0 && alive <= 1, where + ": p_alive " + alive);
      double e = BgNbd.expectedPurchases(p, h, c[0], c[1], c[2]);
      assertTrue(e >= 0 && e < Double.POSITIVE_INFINITY, where + ": E " + e);
      // Without dropout the expectation is (r+x)·h/(α+T); dropout can only lower it.
      double bound = (p.r() + c[0]) * h / (p.alpha() + c[2]);
      assertTrue(e <= bound * (1 + 1e-9), where + ": E " + e + " above " + bound);
      // More time, more purchases (the series and the quadrature may answer the two calls).
      double longer = BgNbd.expectedPurchases(p, 2 * h + 1, c[0], c[1], c[2]);
      assertTrue(longer >= e * (1 - 1e-9), where + ": E(2h+1) " + longer + " < E(h) " + e);
    }
  }

  @Test
  void gammaGammaSpendIsFiniteAndNonNegativeOverTheWholeBox() {
    Random rnd = new Random(20260102);
    for (int i = 0; i < TUPLES; i++) {
      double scale = rnd.nextBoolean() ? 1 : logUniform(rnd, 1e-2, 1e9);
      // ok fits have q > 1 (a finite population mean)
      GammaGamma.Params p = new GammaGamma.Params(logUniform(rnd, GammaGamma.LOWER[0], GammaGamma.UPPER[0]),
          1 + logUniform(rnd, 1e-6, GammaGamma.UPPER[1]), logUniform(rnd, GammaGamma.LOWER[2], GammaGamma.UPPER[2])
              * scale);
      double x = rnd.nextInt(4) == 0 ? 0 : Math.floor(logUniform(rnd, 1, 1e4));
      double m = rnd.nextInt(8) == 0 ? 0 : logUniform(rnd, 1e-2, 1e9);
      double v = GammaGamma.expectedSpend(p, x, m);
      assertTrue(v >= 0 && v < Double.POSITIVE_INFINITY, p + " x=" + x + " m=" + m + ": " + v);
    }
  }

  /** CustomerModels' own methods, as the Spark UDFs call them, with fitted models and with fallbacks. */
  @Test
  void customerModelsPredictionsAreFiniteWithFitsAndFallbacks() {
    Random rnd = new Random(20260103);
    for (int i = 0; i < TUPLES; i++) {
      boolean bgOk = rnd.nextInt(3) > 0;
      boolean ggOk = rnd.nextInt(3) > 0;
      BgNbd.Fit bg = new BgNbd.Fit(bgOk ? bgNbdParams(rnd) : null, 0, 10, 0, bgOk, bgOk ? "ok" : "not fitted");
      GammaGamma.Params gp = new GammaGamma.Params(logUniform(rnd, 1e-4, 1e4), 1 + logUniform(rnd, 1e-6, 1e4),
          logUniform(rnd, 1e-4, 1e4) * logUniform(rnd, 1e-2, 1e9));
      GammaGamma.Fit gg = new GammaGamma.Fit(ggOk ? gp : null, 0, 10, 0, ggOk, ggOk ? "ok" : "not fitted");
      CustomerModels models = new CustomerModels(bg, gg, rnd.nextBoolean() ? 0 : logUniform(rnd, 1e-2, 1e9));
      double[] c = customer(rnd);
      long x = (long) c[0];
      int txDays = (int) Math.round(c[1] * 7);
      int tDays = (int) Math.round(c[2] * 7);
      double alive = models.pAlive(x, txDays, tDays);
      assertTrue(alive >= 0 && alive <= 1, "p_alive " + alive);
      double h = horizon(rnd);
      double e = models.expectedPurchases(h, x, txDays, tDays);
      assertTrue(e >= 0 && e < Double.POSITIVE_INFINITY, "E " + e);
      Double mx = x == 0 ? null : rnd.nextInt(5) == 0 ? Double.valueOf(0) : Double.valueOf(logUniform(rnd, 1e-2, 1e9));
      double spend = models.expectedSpend(x, mx);
      assertTrue(spend >= 0 && spend < Double.POSITIVE_INFINITY, "spend " + spend + " for x=" + x + " m_x=" + mx);
    }
  }

  /**
   * 1–50 summary rows, x 0..1000, T 0..1000 weeks (whole days), customer counts 1..100: the fit and its
   * weak-prior refit never throw; an ok fit has finite parameters strictly inside the box, a failed one says why.
   */
  @Test
  void bgNbdFitsOnRandomSmallSummariesNeverThrow() {
    Random rnd = new Random(20260104);
    int ok = 0;
    int notOk = 0;
    for (int i = 0; i < 80; i++) {
      int n = 1 + rnd.nextInt(50);
      double[] x = new double[n];
      double[] tx = new double[n];
      double[] t = new double[n];
      double[] w = new double[n];
      // a share of summaries from one Poisson-Gamma population, the rest anything
      boolean model = rnd.nextBoolean();
      double rate = logUniform(rnd, 1e-3, 7);
      for (int j = 0; j < n; j++) {
        int tDays = rnd.nextInt(8) == 0 ? 0 : rnd.nextInt(7001);
        int xj = model ? Math.min(1000, poisson(rnd, rate * tDays / 7.0)) : rnd.nextInt(1001);
        if (tDays == 0) {
          xj = 0;
        }
        int txDays = xj == 0 ? 0 : 1 + rnd.nextInt(tDays);
        x[j] = xj;
        tx[j] = txDays / 7.0;
        t[j] = tDays / 7.0;
        w[j] = 1 + rnd.nextInt(100);
      }
      for (boolean prior : new boolean[] {false, true}) {
        BgNbd.Fit f = prior ? BgNbd.fitWithPrior(x, tx, t, w) : BgNbd.fit(x, tx, t, w);
        assertFalse(f.message() == null || f.message().isBlank());
        if (f.ok()) {
          ok++;
          double[] v = {f.params().r(), f.params().alpha(), f.params().a(), f.params().b()};
          for (int k = 0; k < 4; k++) {
            assertTrue(v[k] > BgNbd.LOWER[k] && v[k] < BgNbd.UPPER[k], f.message() + " " + f.params());
          }
          assertTrue(Double.isFinite(f.logLikelihood()));
        } else {
          notOk++;
        }
      }
    }
    assertTrue(ok > 10 && notOk > 10, ok + " ok, " + notOk + " not");
  }

  @Test
  void gammaGammaFitsOnRandomSmallSummariesNeverThrow() {
    Random rnd = new Random(20260105);
    int ok = 0;
    for (int i = 0; i < 150; i++) {
      int n = 1 + rnd.nextInt(50);
      double[] x = new double[n];
      double[] m = new double[n];
      double scale = logUniform(rnd, 1e-2, 1e9);
      boolean identical = rnd.nextInt(6) == 0;
      for (int j = 0; j < n; j++) {
        x[j] = 1 + (rnd.nextBoolean() ? rnd.nextInt(5) : rnd.nextInt(1000));
        m[j] = identical ? scale : scale * Math.exp(rnd.nextGaussian());
      }
      GammaGamma.Fit f = GammaGamma.fit(x, m);
      assertFalse(f.message() == null || f.message().isBlank());
      if (f.ok()) {
        ok++;
        assertTrue(f.params().q() > 1 && Double.isFinite(f.params().populationMean()), f.toString());
        assertTrue(Double.isFinite(f.logLikelihood()));
      } else if (identical) {
        assertTrue(f.message().contains("same amount") || f.message().contains("fewer than 2"), f.message());
      }
    }
    assertTrue(ok > 10, ok + " ok");
  }

  /** Poisson draw (Knuth's product of uniforms for small means, normal approximation above 50). */
  static int poisson(Random rnd, double mean) {
    if (mean > 50) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double product = rnd.nextDouble();
    int k = 0;
    while (product > limit) {
      product *= rnd.nextDouble();
      k++;
    }
    return k;
  }

  /** Sanity of the generator itself: edges are hit. */
  @Test
  void theGeneratorReachesTheCorners() {
    Random rnd = new Random(1);
    int low = 0;
    int high = 0;
    for (int i = 0; i < 600; i++) {
      double v = logUniform(rnd, 1e-4, 1e4);
      low += v == 1e-4 ? 1 : 0;
      high += v == 1e4 ? 1 : 0;
    }
    assertEquals(50, low, 25);
    assertEquals(50, high, 25);
  }
}
