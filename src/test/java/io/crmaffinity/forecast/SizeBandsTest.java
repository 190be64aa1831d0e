package io.crmaffinity.forecast;

import static io.crmaffinity.forecast.Fixtures.opp;
import static io.crmaffinity.forecast.Fixtures.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizeBandsTest {
  // small deals (amount 10): won after 10 and 20 days, lost after 30 and 40;
  // large deals (amount 1000): won after 50, 60 and 70 days, lost after 80
  static final List<Opportunity> CLOSED = List.of(
      opp("A1", "SOFTWARE", "CLOSED_WON", 10, 1.0, "2024-01-01", null, "2024-01-11"),
      opp("A2", "SOFTWARE", "CLOSED_WON", 10, 1.0, "2024-01-01", null, "2024-01-21"),
      opp("A3", "SOFTWARE", "CLOSED_LOST", 10, 0.0, "2024-01-01", null, "2024-01-31"),
      opp("A4", "SOFTWARE", "CLOSED_LOST", 10, 0.0, "2024-01-01", null, "2024-02-10"),
      opp("B1", "SOFTWARE", "CLOSED_WON", 1000, 1.0, "2024-01-01", null, "2024-02-20"),
      opp("B2", "SOFTWARE", "CLOSED_WON", 1000, 1.0, "2024-01-01", null, "2024-03-01"),
      opp("B3", "SOFTWARE", "CLOSED_WON", 1000, 1.0, "2024-01-01", null, "2024-03-11"),
      opp("B4", "SOFTWARE", "CLOSED_LOST", 1000, 0.0, "2024-01-01", null, "2024-03-21"));

  static Opportunity open(double amount) {
    return opp("X", "SOFTWARE", null, amount, null, "2024-06-01", null, null);
  }

  @Test
  void cutsAtEqualCountQuantilesWithTiesInTheLowerBand() {
    SizeBands two = SizeBands.of(CLOSED, 2);
    assertArrayEquals(new double[] {10}, two.cuts());
    assertEquals(0, two.band(10));
    assertEquals(1, two.band(10.01));
    assertEquals(1, two.band(5000));
    // 8 amounts in 4 bands: cuts at the 2nd, 4th and 6th smallest
    assertArrayEquals(new double[] {10, 10, 1000}, SizeBands.of(CLOSED, 4).cuts());
    assertEquals(1, SizeBands.of(CLOSED, 1).count());
    assertEquals(1, SizeBands.of(List.of(), 3).count());
  }

  @Test
  void winRateAtAgeAndTimeToWinAreLearnedWithinTheSizeBandWithFallbacks() {
    WinRates w = new WinRates(CLOSED, List.of(), Fixtures.d("2024-06-01"), options(2, 2));
    // a small deal open 5 days: its band after 5 days is 2 won of 4
    assertEquals(new WinRates.Estimate(0.5, "size_age"), w.estimate(open(10), 5));
    // a large deal open 55 days: 60W, 70W, 80L in its band
    assertEquals(new WinRates.Estimate(2.0 / 3, "size_age"), w.estimate(open(1000), 55));
    // without bands: the category after 5 days, 5 won of 8
    WinRates off = new WinRates(CLOSED, List.of(), Fixtures.d("2024-06-01"), options(2, 1));
    assertEquals(new WinRates.Estimate(5.0 / 8, "category_age"), off.estimate(open(10), 5));
    // a small deal open 35 days: one deal left in its band (40L), so the category after 35 days: 40L 50W 60W
    // 70W 80L
    assertEquals(new WinRates.Estimate(3.0 / 5, "category_age"), w.estimate(open(10), 35));
    // times to win: the band's wins when it has min-history (2) of them, else all wins
    assertArrayEquals(new int[] {10, 20}, w.wonDays(open(10)));
    assertArrayEquals(new int[] {50, 60, 70}, w.wonDays(open(1000)));
    assertArrayEquals(new int[] {10, 20, 50, 60, 70}, off.wonDays(open(1000)));
    WinRates three = new WinRates(CLOSED, List.of(), Fixtures.d("2024-06-01"), options(3, 2));
    assertArrayEquals(new int[] {10, 20, 50, 60, 70}, three.wonDays(open(10)));
    assertEquals(10.0, w.parameters().get("size_band.0.upper_amount"));
    assertEquals(0.75, w.parameters().get("size_band.1.win_chance_at_creation"), 1e-12);
  }
}
