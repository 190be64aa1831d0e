package io.crmaffinity.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CompetingRisksTest {
  @Test
  void openDealsAreCensoredAtTheirAge() {
    // won after 10 and 30 days, lost after 20 and 40, two deals still open at 25 days
    CompetingRisks r = new CompetingRisks(new int[] {30, 10}, new int[] {20, 40}, new int[] {25, 25});
    assertEquals(5, r.atRiskAfter(15));
    // open after 15 days: 20 (lost), 25, 25 (censored), 30 (won), 40 (lost): lost at 20 with 5 at risk, so
    // 4/5 still open; won at 30 with 2 at risk: 4/5 x 1/2 = 0.4 (closed deals alone would say 1 of 3)
    assertEquals(0.4, r.winAfter(15), 1e-12);
    // from creation: 1/6 at 10, then 5/6 x 4/5 x 1/2 = 1/3 at 30
    assertEquals(0.5, r.winAfter(-1), 1e-12);
    assertEquals(0.0, r.winAfter(35), 1e-12);
    // the oldest age that 2 deals outlasted: 29 days (30 and 40); 1/3 / (2/3) won after it
    assertEquals(29, r.oldestSupportedAge(2));
    assertEquals(0.5, r.winAfter(29), 1e-12);
    assertEquals(6, r.size());
  }

  @Test
  void withoutOpenDealsItIsTheShareWonOfTheLongerDealsAndUnresolvedChanceIsNotWon() {
    CompetingRisks r = new CompetingRisks(new int[] {10, 30}, new int[] {20, 40}, new int[0]);
    assertEquals(1.0 / 3, r.winAfter(15), 1e-12);
    // one deal won at 10, one still open at 50: after 20 days nothing has ever been won
    CompetingRisks tail = new CompetingRisks(new int[] {10}, new int[0], new int[] {50});
    assertEquals(0.0, tail.winAfter(20), 1e-12);
    assertEquals(0.5, tail.winAfter(-1), 1e-12);
  }
}
