package io.crmaffinity.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * E[Y(h) | x, t_x, T] where FHL's formula needs care: the third 2F1 argument c = a+b+x−1 at or below 0, its
 * argument z near 1, and a = 1. The reference values are closed forms of the integral
 * E[Y(h) | alive] = ∫₀¹ (1 − (1 + pK)^−(r+x)) / p · Beta(p; a, b+x) dp with K = h/(α+T): for r = 1 and x = 0 the
 * integrand is K/(1+pK), so E = K·2F1(1, a; a+b; −K), which is K(1+K)^−a when a+b = 1 and ln(1+K) when a = b = 1.
 */
class BgNbdDomainTest {

  /**
   * The call that stopped a job (in a Spark UDF, on a B2B pipeline): 2F1(r+x, b+x; a+b+x−1; z) with
   * r = 3.48e7, b = 1.66e-5, a+b−1 = −0.99998 (x = 0) and z = 1.94e-6. With a and b that small, Beta(a, b) puts
   * b/(a+b) of its mass at p ≈ 0 (never drops out: λh purchases) and a/(a+b) at p ≈ 1 (drops out at the next
   * purchase: 1 − e^−λh of them), and r that large makes λ = r/α for everyone.
   */
  @Test
  void expectedPurchasesWithTheThirdArgumentBelowZero() {
    double r = 3.482888990002773E7;
    double b = 1.6619673877014633E-5;
    double c = -0.9999830256468872;
    double z = 1.9401005933904015E-6;
    double a = c + 1 - b;
    double h = 13;
    double alpha = h * (1 - z) / z;
    double e = BgNbd.expectedPurchases(new BgNbd.Params(r, alpha, a, b), h, 0, 0, 0);
    double lambdaH = r / alpha * h;
    double limit = b / (a + b) * lambdaH + a / (a + b) * -Math.expm1(-lambdaH);
    assertEquals(limit, e, 2e-3 * limit);
  }

  /** c = a+b+x−1 = 0 exactly (x = 0, a+b = 1): the pole of 2F1 cancels with the prefactor; E = K(1+K)^−a. */
  @Test
  void expectedPurchasesWithTheThirdArgumentZero() {
    double k = 10.0 / (2 + 3);
    assertEquals(k * Math.pow(1 + k, -0.25), BgNbd.expectedPurchases(new BgNbd.Params(1, 2, 0.25, 0.75), 10, 0, 0, 3),
        1e-12);
    // Just below and above: a+b = 1 ∓ 1e-9 moves E by about 1e-9 relative, no jump.
    double at = BgNbd.expectedPurchases(new BgNbd.Params(1, 2, 0.25, 0.75), 10, 0, 0, 3);
    for (double db : new double[] {-1e-9, 1e-9}) {
      double v = BgNbd.expectedPurchases(new BgNbd.Params(1, 2, 0.25, 0.75 + db), 10, 0, 0, 3);
      assertEquals(at, v, 1e-8 * at, "b = 0.75 + " + db);
    }
    // c from −0.93 to 0.52: finite, positive, below the no-dropout bound r·h/(α+T).
    for (double bb : new double[] {0.05, 0.5, 0.95, 1.5}) {
      double v = BgNbd.expectedPurchases(new BgNbd.Params(0.7, 2, 0.02, bb), 10, 0, 0, 3);
      assertTrue(v > 0 && v < 0.7 * 10 / 5, "b = " + bb + ": " + v);
    }
  }

  /**
   * z = h/(α+T+h) near 1: α = 1e-6 weeks and T = 0 (first purchase on the run date) give 1 − z = 2e-8, where the
   * power series needs billions of terms.
   */
  @Test
  void expectedPurchasesWithZNearOne() {
    double k = 52 / 1e-6;
    double cdnow = BgNbd.expectedPurchases(new BgNbd.Params(0.243, 1e-6, 0.793, 2.426), 52, 0, 0, 0);
    assertTrue(Double.isFinite(cdnow) && cdnow > 0 && cdnow <= 0.243 * k, "E = " + cdnow);
    assertEquals(k * Math.pow(1 + k, -0.25), BgNbd.expectedPurchases(new BgNbd.Params(1, 1e-6, 0.25, 0.75), 52, 0, 0, 0),
        1e-10 * k);
  }

  /** a = 1 exactly, where (a+b+x−1)/(a−1) is 0/0: E = ln(1+K) for r = a = b = 1, x = 0. */
  @Test
  void expectedPurchasesAtAEqualToOne() {
    assertEquals(Math.log(2), BgNbd.expectedPurchases(new BgNbd.Params(1, 1, 1, 1), 2, 0, 0, 1), 1e-13);
    assertEquals(Math.log1p(52 / 3.5), BgNbd.expectedPurchases(new BgNbd.Params(1, 3, 1, 1), 52, 0, 0, 0.5), 1e-12);
  }

  /**
   * The two ways E[Y(h) | alive] is computed — the series with its exact tail bound and the quadrature of the
   * integral — agree on a grid wherever the series answers (it declines where z is near 1, a is near 1 or the
   * sum would cancel): shapes from 1e-4 to 1e4, K = h/(α+T) from 1e-6 to 100.
   */
  @Test
  void seriesAndQuadratureAgreeWhereBothApply() {
    double[] shapes = {1e-4, 0.01, 0.3, 0.793, 0.999, 1.001, 1.5, 3, 30, 1e3, 1e4};
    double[] ks = {1e-6, 0.01, 0.3, 1, 3, 10, 100};
    int compared = 0;
    double worst = 0;
    for (double s : new double[] {1e-4, 0.01, 0.243, 1, 5, 50, 300}) {
      for (double a : shapes) {
        for (double bx : shapes) {
          for (double k : ks) {
            double quadrature = BgNbd.ifAliveByQuadrature(s, a, bx, k);
            assertTrue(quadrature > 0 && Double.isFinite(quadrature), s + " " + a + " " + bx + " " + k);
            double series = BgNbd.ifAliveBySeries(s, a, bx, k);
            if (!Double.isNaN(series)) {
              compared++;
              worst = Math.max(worst, Math.abs(series - quadrature) / quadrature);
              assertEquals(series, quadrature, 1e-10 * quadrature, s + " " + a + " " + bx + " " + k);
            }
          }
        }
      }
    }
    assertTrue(compared > 3000, compared + " compared");
    System.out.printf("series vs quadrature: %d points, largest relative difference %.2g%n", compared, worst);
  }

  /** Hardie's spot value for CDNOW customer 1 (E[Y(39)] = 1.226) by the quadrature alone. */
  @Test
  void quadratureReproducesHardiesSpotValue() {
    BgNbd.Params p = new BgNbd.Params(0.2425945, 4.4136019, 0.7929199, 2.4258881);
    double alive = BgNbd.ifAliveByQuadrature(p.r() + 2, p.a(), p.b() + 2, 39 / (p.alpha() + 38.86));
    assertEquals(1.226, alive * BgNbd.pAlive(p, 2, 30.43, 38.86), 0.001);
    assertEquals(BgNbd.expectedPurchases(p, 39, 2, 30.43, 38.86), alive * BgNbd.pAlive(p, 2, 30.43, 38.86), 1e-12);
  }
}
