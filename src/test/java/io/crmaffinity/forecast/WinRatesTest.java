package io.crmaffinity.forecast;

import static io.crmaffinity.forecast.Fixtures.opp;
import static io.crmaffinity.forecast.Fixtures.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WinRatesTest {
  // SOFTWARE: won after 10 and 30 days, lost after 20 and 40; LAPTOPS: won after 5, lost after 50
  static final List<Opportunity> CLOSED = List.of(
      opp("S1", "SOFTWARE", "CLOSED_WON", 1, 1.0, "2024-01-01", null, "2024-01-11"),
      opp("S2", "SOFTWARE", "CLOSED_LOST", 1, 0.0, "2024-01-01", null, "2024-01-21"),
      opp("S3", "SOFTWARE", "CLOSED_WON", 1, 1.0, "2024-01-01", null, "2024-01-31"),
      opp("S4", "SOFTWARE", "CLOSED_LOST", 1, 0.0, "2024-01-01", null, "2024-02-10"),
      opp("L1", "LAPTOPS", "CLOSED_WON", 1, 1.0, "2024-01-01", null, "2024-01-06"),
      opp("L2", "LAPTOPS", "CLOSED_LOST", 1, 0.0, "2024-01-01", null, "2024-02-20"));

  static final java.time.LocalDate RUN = Fixtures.d("2024-06-16");

  static Opportunity open(String category, String stage, Double probability) {
    return opp("X", category, stage, 100, probability, "2024-06-01", null, null);
  }

  @Test
  void fallsBackFromCategoryAtAgeToOverallAtAgeToTheOldestAgeToRowProbabilityToOverall() {
    WinRates w = new WinRates(CLOSED, List.of(), RUN, options(6, 30, 2, 0));
    // SOFTWARE still open after 15 days: 20L, 30W, 40L
    assertEquals(new WinRates.Estimate(1.0 / 3, "category_age"), w.estimate(open("SOFTWARE", null, null), 15));
    // after 35 days only S4 is left in the category: all categories after 35 days: 40L, 50L
    assertEquals(new WinRates.Estimate(0.0, "overall_age"), w.estimate(open("SOFTWARE", null, null), 35));
    // after 45 days one deal is left overall: the rate at the oldest age that 2 deals outlasted (39 days:
    // 40L, 50L)
    assertEquals(new WinRates.Estimate(0.0, "overall_oldest"), w.estimate(open("SOFTWARE", null, null), 45));
    // fewer than min-history (7) deals known at all: the row's own probability, else the overall rate 3 of 6
    WinRates few = new WinRates(CLOSED, List.of(), RUN, options(6, 30, 7, 0));
    assertEquals(new WinRates.Estimate(0.3, "row_probability"), few.estimate(open("PHONES", "PROPOSAL", 0.3), 60));
    assertEquals(new WinRates.Estimate(0.5, "overall"), few.estimate(open("PHONES", "PROPOSAL", null), 60));
    // no history at all: the stage default, or 0 for an unknown stage
    WinRates none = new WinRates(List.of(), List.of(), RUN, options(6, 30, 2, 0));
    assertEquals(new WinRates.Estimate(0.5, "stage_default"), none.estimate(open("PHONES", "PROPOSAL", null), 1));
    assertEquals(0.0, none.estimate(open("PHONES", null, null), 1).probability());
  }

  @Test
  void stageTiltsTheLearnedRateByItsOddsRelativeToTheOpenPipeline() {
    Opportunity negotiation = open("SOFTWARE", "NEGOTIATION", null); // default 0.75, odds 3
    Opportunity prospecting = open("SOFTWARE", "PROSPECTING", null); // default 0.10, odds 1/9
    WinRates w = new WinRates(CLOSED, List.of(negotiation, prospecting), RUN, options(6, 30, 2, 1.0));
    // base odds (1/3)/(2/3) = 1/2, times 3 / (geometric mean of the pipeline's odds, sqrt(3/9)) = 1.5 sqrt(3)
    double odds = 1.5 * Math.sqrt(3);
    WinRates.Estimate e = w.estimate(negotiation, 15);
    assertEquals("category_age+stage", e.source());
    assertEquals(odds / (1 + odds), e.probability(), 1e-12);
    double low = 0.5 * (1.0 / 9) / Math.sqrt(1.0 / 3);
    assertEquals(low / (1 + low), w.estimate(prospecting, 15).probability(), 1e-12);
    // (the two open deals, 15 days old, are censored at 15 days: they do not change the rate after 15 days)
    // a row whose stage on the run date is unknown keeps the learned rate
    assertEquals(1.0 / 3, w.estimate(open("SOFTWARE", null, null), 15).probability(), 1e-12);
  }
}
