package io.crmaffinity.forecast;

import static io.crmaffinity.forecast.Fixtures.contract;
import static io.crmaffinity.forecast.Fixtures.d;
import static io.crmaffinity.forecast.Fixtures.opp;
import static io.crmaffinity.forecast.Fixtures.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.job.Scenario.Metric;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastBacktestTest {
  static final LocalDate RUN = d("2025-03-31");
  static final List<LocalDate> MONTHS = Months.horizon(RUN, 2); // April, May

  static final List<Contract> CONTRACTS = List.of(
      contract("K", "C1", "P1", "2025-01-01", "2025-04-30", 1200), // 120 days, 10 a day
      contract("R", "C1", "P1", "2025-05-11", "2025-06-09", 300), // renews K (grace 30): 30 days, 10 a day
      contract("N", "C2", "P2", "2025-04-15", "2025-05-14", 3000)); // a new deal's contract: not counted

  static final List<Opportunity> OPPS = List.of(
      opp("W1", "SOFTWARE", "CLOSED_WON", 700, 1.0, "2025-02-01", "2025-04-01", "2025-04-10"),
      opp("W2", "SOFTWARE", "CLOSED_WON", 900, 1.0, "2025-04-02", null, "2025-05-05"),
      opp("W0", "SOFTWARE", "CLOSED_WON", 600, 1.0, "2024-12-01", null, "2025-02-10"),
      opp("O1", "SOFTWARE", "PROPOSAL", 1000, null, "2025-03-01", "2025-05-15", null),
      opp("O2", "SOFTWARE", "NEGOTIATION", 400, 0.5, "2025-03-01", "2025-03-20", null));

  @Test
  void actualsAreWonAmountsPlusKnownContractsAndTheirRenewals() {
    // April: W1 700 + K 300; May: W2 900 + R 210 (2025-05-11..31)
    assertArrayEquals(new double[] {1000, 1110}, ForecastBacktest.actuals(OPPS, CONTRACTS, RUN, MONTHS, 30), 1e-9);
  }

  @Test
  void baselinesAddTrailingWinsOrTheWeightedPipelineToTheContractedRevenue() {
    double[] contracted = {300, 0};
    // January..March 2025 won 600 (W0): 200 a month
    assertArrayEquals(new double[] {500, 200}, ForecastBacktest.trailing3m(OPPS, RUN, contracted), 1e-9);
    // O1: 1000 x 0.5 (PROPOSAL default) in May; O2 is overdue: 400 x 0.5 spread over both months; W1 and W2
    // were open on the run date or not yet created: W1's stage then is unknown, 700 x 0.4 (mean default) spread
    AsOf asOf = AsOf.of(OPPS, CONTRACTS, RUN);
    assertArrayEquals(new double[] {300 + 100 + 140, 500 + 100 + 140},
        ForecastBacktest.weightedPipeline(asOf, MONTHS, contracted, options(2, 30, 1, 1)), 1e-9);
  }

  @Test
  void metricsScoreOnlyCompleteMonths() {
    List<RevenueForecaster.Month> f = List.of(
        new RevenueForecaster.Month(d("2025-04-01"), 300, 0, 500, 100, 800, 1200),
        new RevenueForecaster.Month(d("2025-05-01"), 0, 100, 500, 300, 500, 1000));
    List<Metric> m = ForecastBacktest.evaluate(f, OPPS, CONTRACTS, RUN, d("2025-04-30"), options(2, 30, 1, 1));
    assertEquals(1.0, value(m, "crm-affinity", "months_scored"));
    assertEquals(0.1, value(m, "crm-affinity", "horizon_ape"), 1e-12); // 900 vs 1000
    assertEquals(1.0, value(m, "crm-affinity", "interval_coverage"));
    assertEquals(0.5, value(m, "trailing-3m", "horizon_ape"), 1e-12); // 500 vs 1000
    // April's actual 1000 inside [800, 1200]: 0.1 x (1000 - 800) for the low end, 0.1 x (1200 - 1000) for the high
    assertEquals(20.0, value(m, "crm-affinity", "pinball_p10"), 1e-9);
    assertEquals(20.0, value(m, "crm-affinity", "pinball_p90"), 1e-9);
  }

  @Test
  void thePinballLossWeighsAMissByItsSideAndTheQuantile() {
    // actuals 100, 50, 200 against the band [80, 120]: inside, below, above
    List<Metric> m = ForecastBacktest.metrics("x", new double[] {100, 100, 100}, new double[] {100, 50, 200},
        new double[] {80, 80, 80}, new double[] {120, 120, 120});
    // low as the 10 % quantile: 0.1 x 20, 0.9 x 30, 0.1 x 120 -> (2 + 27 + 12) / 3
    assertEquals(41.0 / 3, value(m, "x", "pinball_p10"), 1e-9);
    // high as the 90 % quantile: 0.1 x 20, 0.1 x 70, 0.9 x 80 -> (2 + 7 + 72) / 3
    assertEquals(81.0 / 3, value(m, "x", "pinball_p90"), 1e-9);
    assertEquals(1.0 / 3, value(m, "x", "interval_coverage"), 1e-12);
  }

  static double value(List<Metric> ms, String method, String metric) {
    return ms.stream().filter(x -> x.method().equals(method) && x.metric().equals(metric)).findFirst()
        .orElseThrow().value();
  }
}
