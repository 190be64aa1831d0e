package io.crmaffinity.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Log-likelihoods and predictions against values computed by hand for three customers. */
class ModelLikelihoodTest {

  /**
   * BG/NBD with r = 2, α = 3, a = 2, b = 3 (B(2,3) = 1/12, α^r = 9), L = Γ(r+x)/Γ(r) α^r [A1 + A2]:
   * <ul>
   * <li>x=0, T=2: Γ(2)/Γ(2) = 1, A1 = B(2,3)/B(2,3) / 5² = 1/25, L = 9/25.
   * <li>x=1, t_x=1, T=2: Γ(3)/Γ(2) = 2, A1 = B(2,4)/B(2,3) / 5³ = (1/20)·12/125 = 3/625,
   *     A2 = B(3,3)/B(2,3) / 4³ = (1/30)·12/64 = 1/160, L = 2·9·(3/625 + 1/160) = 0.1989.
   * <li>x=2, t_x=2, T=3: Γ(4)/Γ(2) = 6, A1 = B(2,5)/B(2,3) / 6⁴ = (1/30)·12/1296 = 1/3240,
   *     A2 = B(3,4)/B(2,3) / 5⁴ = (1/60)·12/625 = 1/3125, L = 54·(1/3240 + 1/3125) = 343710/10125000.
   * </ul>
   */
  @Test
  void bgNbdThreeCustomersByHand() {
    BgNbd.Params p = new BgNbd.Params(2, 3, 2, 3);
    assertEquals(Math.log(9.0 / 25), BgNbd.logLikelihood(p, 0, 0, 2), 1e-12);
    assertEquals(Math.log(0.1989), BgNbd.logLikelihood(p, 1, 1, 2), 1e-12);
    assertEquals(Math.log(343710.0 / 10125000), BgNbd.logLikelihood(p, 2, 2, 3), 1e-12);
    double total = Math.log(9.0 / 25) + Math.log(0.1989) + Math.log(343710.0 / 10125000);
    assertEquals(total, BgNbd.logLikelihood(p, new double[] {0, 1, 2}, new double[] {0, 1, 2},
        new double[] {2, 2, 3}, new double[] {1, 1, 1}), 1e-12);
    // Weights count customers: the same row twice is twice its log-likelihood.
    assertEquals(2 * Math.log(0.1989), BgNbd.logLikelihood(p, new double[] {1}, new double[] {1},
        new double[] {2}, new double[] {2}), 1e-12);
    // r = α = a = b = 1: L = 1/3, 1/18 + 1/8 = 13/72, 2·(1/192 + 1/162) = 59/2592.
    BgNbd.Params ones = new BgNbd.Params(1, 1, 1, 1);
    assertEquals(Math.log(1.0 / 3) + Math.log(13.0 / 72) + Math.log(59.0 / 2592),
        BgNbd.logLikelihood(ones, new double[] {0, 1, 2}, new double[] {0, 1, 2}, new double[] {2, 2, 3},
            new double[] {1, 1, 1}), 1e-12);
  }

  /** P(alive | x=1, t_x=1, T=2) = 1 / (1 + a/(b+x−1)·((α+T)/(α+t_x))^(r+x)) = 1/(1 + 2/3·(5/4)³) = 96/221. */
  @Test
  void pAliveByHand() {
    BgNbd.Params p = new BgNbd.Params(2, 3, 2, 3);
    assertEquals(96.0 / 221, BgNbd.pAlive(p, 1, 1, 2), 1e-12);
    assertEquals(1.0, BgNbd.pAlive(p, 0, 0, 2), 0);
  }

  /**
   * E[Y(h)] for x = 0 with r = 1, α = 1, a = 2, b = 1, T = 1, h = 2: (a+b−1)/(a−1) = 2, z = h/(α+T+h) = 1/2,
   * 2F1(1, 1; 2; z) = −ln(1−z)/z = 2 ln 2, ((α+T)/(α+T+h))^r = 1/2, so E = 2·(1 − ln 2) and the
   * denominator is 1 (x = 0).
   */
  @Test
  void expectedPurchasesByHand() {
    BgNbd.Params p = new BgNbd.Params(1, 1, 2, 1);
    assertEquals(2 * (1 - Math.log(2)), BgNbd.expectedPurchases(p, 2, 0, 0, 1), 1e-12);
    assertEquals(0, BgNbd.expectedPurchases(p, 0, 0, 0, 1), 0);
    assertEquals(Math.log(2 * Math.log(2)), Hypergeometric.log2F1(1, 1, 2, 0.5), 1e-14);
    // A heavy buyer: the series' terms reach e^300 and more without overflow. 2F1(a, b; b; z) = (1−z)^−a.
    assertEquals(-400 * Math.log1p(-0.9), Hypergeometric.log2F1(400, 7, 7, 0.9), 1e-9);
  }

  /**
   * Gamma-Gamma with p = 2, q = 3, γ = 4, f = Γ(px+q)/(Γ(px)Γ(q)) γ^q m^(px−1) x^(px) / (γ+mx)^(px+q):
   * <ul>
   * <li>x=1, m=5: Γ(5)/(Γ(2)Γ(3)) = 12, f = 12·64·5·1 / 9⁵ = 3840/59049.
   * <li>x=2, m=3: Γ(7)/(Γ(4)Γ(3)) = 60, f = 60·64·27·16 / 10⁷ = 0.165888.
   * <li>x=3, m=10: Γ(9)/(Γ(6)Γ(3)) = 168, f = 168·64·10⁵·729 / 34⁹.
   * </ul>
   * E[M | x=1, m=5] = (γ + m·x)·p/(p·x + q − 1) = 9·2/4 = 4.5; population mean p·γ/(q−1) = 4.
   */
  @Test
  void gammaGammaThreeCustomersByHand() {
    GammaGamma.Params p = new GammaGamma.Params(2, 3, 4);
    double f3 = 168.0 * 64 * 1e5 * 729 / Math.pow(34, 9);
    assertEquals(Math.log(3840.0 / 59049), GammaGamma.logLikelihood(p, 1, 5), 1e-12);
    assertEquals(Math.log(0.165888), GammaGamma.logLikelihood(p, 2, 3), 1e-12);
    assertEquals(Math.log(f3), GammaGamma.logLikelihood(p, 3, 10), 1e-12);
    assertEquals(Math.log(3840.0 / 59049) + Math.log(0.165888) + Math.log(f3),
        GammaGamma.logLikelihood(p, new double[] {1, 2, 3}, new double[] {5, 3, 10}), 1e-12);
    assertEquals(4.5, GammaGamma.expectedSpend(p, 1, 5), 1e-12);
    assertEquals(4.0, GammaGamma.expectedSpend(p, 0, 0), 1e-12);
  }

  @Test
  void degenerateFitsSayWhy() {
    BgNbd.Fit none = BgNbd.fit(new double[] {0, 0}, new double[] {0, 0}, new double[] {3, 5}, new double[] {4, 2});
    assertFalse(none.ok());
    assertTrue(none.message().contains("no customer made a repeat purchase"), none.message());
    GammaGamma.Fit one = GammaGamma.fit(new double[] {2}, new double[] {10});
    assertFalse(one.ok());
    assertTrue(one.message().contains("fewer than 2"), one.message());
  }
}
