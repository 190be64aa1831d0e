package io.crmaffinity.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The risk score, level, reasons and action with exact values; default weights (they sum to 1). */
class HealthScoreTest {
  static final CustomerOptions OPT = CustomerOptions.defaults();

  /**
   * Signals: p_alive 0.4 → 0.6; expected ln 2 orders soon → quiet e^−ln2 = 0.5; 90 days since the last order
   * at a usual gap of 30 → overdue (3 − 1)/2 = 1; 2 open cases → 2/3; an open critical case → 1; 3 recent
   * cases → 0.6; satisfaction 3 → (5 − 3)/4 = 0.5; renewal in 45 of 90 days → 0.5.
   * Score = 0.20·0.6 + 0.25·0.5 + 0.15·1 + 0.10·2/3 + 0.10·1 + 0.05·0.6 + 0.10·0.5 + 0.05·0.5 = 2/3.
   */
  @Test
  void everySignalOn() {
    HealthScore.Signals s = new HealthScore.Signals(true, 0.4, Math.log(2), 90, 30.0, 2, "CS1", "CRITICAL", 3, 3.0,
        45, "K1", "P9", false);
    HealthScore.Assessment a = HealthScore.assess(s, OPT);
    assertEquals(2.0 / 3, a.score(), 1e-12);
    assertEquals("HIGH", a.level());
    assertEquals(List.of(
        "no order for 90 days, 3.0 times the usual 30-day gap",       // 0.15
        "0.7 orders expected in the next 13 weeks",         // 0.125
        "40% chance the customer is still buying (BG/NBD)",           // 0.12
        "critical case CS1 still open",                               // 0.10
        "2 open support cases",                                       // 0.0667
        "average satisfaction 3.0 of 5",                              // 0.05
        "3 support cases in the last 90 days",                        // 0.03
        "contract K1 ends in 45 days"), a.reasons());                 // 0.025
    assertEquals("Resolve the open critical case CS1", a.action());
  }

  /** Only a renewal 9 days away: 0.05·(1 − 9/90) = 0.045 → LOW, and the action is the renewal. */
  @Test
  void renewalOnly() {
    HealthScore.Signals s = new HealthScore.Signals(true, 1.0, 50, 5, 7.0, 0, null, null, 0, null, 9, "K2", "P1", false);
    HealthScore.Assessment a = HealthScore.assess(s, OPT);
    // quiet = e^-50 ≈ 2e-22 adds nothing visible.
    assertEquals(0.05 * 0.9, a.score(), 1e-12);
    assertEquals("LOW", a.level());
    assertEquals(List.of("contract K2 ends in 9 days"), a.reasons());
    assertEquals("Renewal outreach: contract K2 ends in 9 days", a.action());
  }

  /** A healthy customer gets their top recommendation; without one, no action. */
  @Test
  void healthyCustomer() {
    HealthScore.Signals s = new HealthScore.Signals(true, 1.0, 50, 5, 7.0, 0, null, null, 0, null, null, null, "P7", false);
    HealthScore.Assessment a = HealthScore.assess(s, OPT);
    assertEquals(0.0, a.score(), 1e-12);
    assertEquals(List.of(), a.reasons());
    assertEquals("Offer P7 (top recommendation)", a.action());
    HealthScore.Signals none = new HealthScore.Signals(true, 1.0, 50, 5, 7.0, 0, null, null, 0, null, null, null, null, false);
    assertEquals("No action needed", HealthScore.assess(none, OPT).action());
  }

  /**
   * Lapsed buyer: p_alive 0.1 → 0.9·0.20 = 0.18; quiet e^0 = 1 → 0.25; 75 days at a 30-day gap → overdue 0.75 →
   * 0.1125. Score 0.5425 → HIGH: a win-back offer with the top recommendation.
   */
  @Test
  void lapsedBuyer() {
    HealthScore.Signals s = new HealthScore.Signals(true, 0.1, 0, 75, 30.0, 0, null, null, 0, null, null, null, "P3", false);
    HealthScore.Assessment a = HealthScore.assess(s, OPT);
    assertEquals(0.18 + 0.25 + 0.1125, a.score(), 1e-12);
    assertEquals("HIGH", a.level());
    assertEquals("Win-back offer with P3: no order for 75 days", a.action());
    assertEquals(0.25, HealthScore.overdue(45, 30.0), 1e-12);
    assertEquals(0.0, HealthScore.overdue(20, 30.0), 0);
    assertEquals(0.0, HealthScore.overdue(20, null), 0);
  }

  /** Without orders only the case and renewal signals count: one open HIGH case → 0.10/3 + 0.10 = 0.1333. */
  @Test
  void noOrders() {
    HealthScore.Signals s = new HealthScore.Signals(false, 0.0, 0, null, null, 1, "CS7", "HIGH", 0, null, null, null,
        null, false);
    HealthScore.Assessment a = HealthScore.assess(s, OPT);
    assertEquals(0.10 / 3 + 0.10, a.score(), 1e-12);
    assertEquals("LOW", a.level());
    assertEquals(List.of("high case CS7 still open", "1 open support case"), a.reasons());
    assertEquals("Resolve the open high case CS7", a.action());
  }

  /**
   * A first-time buyer of last week (the RFM segment "New"): no expected orders under the own-rate fallback, but
   * too new to be quiet. Score 0, LOW: offer the top recommendation, not a win-back. The same signals for an
   * established customer are the full quiet weight 0.25 (MEDIUM).
   */
  @Test
  void aNewCustomerIsNotQuiet() {
    HealthScore.Signals fresh = new HealthScore.Signals(true, 1.0, 0, 7, null, 0, null, null, 0, null, null, null,
        "P4", true);
    HealthScore.Assessment a = HealthScore.assess(fresh, OPT);
    assertEquals(0.0, a.score(), 0);
    assertEquals("LOW", a.level());
    assertEquals("Offer P4 (top recommendation)", a.action());
    HealthScore.Signals old = new HealthScore.Signals(true, 1.0, 0, 7, null, 0, null, null, 0, null, null, null,
        "P4", false);
    assertEquals(0.25, HealthScore.assess(old, OPT).score(), 1e-12);
    assertEquals("MEDIUM", HealthScore.assess(old, OPT).level());
  }
}
