package io.crmaffinity.forecast;

import static io.crmaffinity.forecast.Fixtures.contract;
import static io.crmaffinity.forecast.Fixtures.d;
import static io.crmaffinity.forecast.Fixtures.options;
import static io.crmaffinity.forecast.Fixtures.simulated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContractForecastTest {

  @Test
  void prorationCountsEveryDayOfTheTermAcrossMonthEndsAndTheLeapDay() {
    // 2024-01-15..2024-03-14: 17 + 29 + 14 = 60 days, 10.00 a day
    Contract leap = contract("K1", "C1", "P1", "2024-01-15", "2024-03-14", 600);
    assertEquals(60, leap.termDays());
    assertEquals(170.0, leap.valueBetween(d("2024-01-01"), d("2024-01-31")), 1e-9);
    assertEquals(290.0, leap.valueBetween(d("2024-02-01"), d("2024-02-29")), 1e-9);
    assertEquals(140.0, leap.valueBetween(d("2024-03-01"), d("2024-03-31")), 1e-9);
    // the same dates a year later: 17 + 28 + 14 = 59 days
    Contract plain = contract("K2", "C1", "P1", "2025-01-15", "2025-03-14", 590);
    assertEquals(280.0, plain.valueBetween(d("2025-02-01"), d("2025-02-28")), 1e-9);

    // known on the run date 2023-12-31 (started 2023-12-20): 12 + 31 + 29 + 14 = 86 days, 10.00 a day
    Contract known = contract("K3", "C1", "P1", "2023-12-20", "2024-03-14", 860);
    RevenueForecaster.Result r = RevenueForecaster.forecast(null, List.of(known, leap), d("2023-12-31"),
        options(3, 30, 1, 0));
    // K1 starts after the run date: not known on it
    assertEquals(List.of(310.0, 290.0, 140.0), r.months().stream().map(m -> round(m.contracted())).toList());
    // certain revenue: the interval is the point
    assertEquals(290.0, r.months().get(1).low(), 1e-9);
    assertEquals(290.0, r.months().get(1).high(), 1e-9);
    assertTrue(r.notes().contains("forecast: no opportunities table: pipeline_revenue and new_business_revenue are 0"));
  }

  @Test
  void renewalRateIsLearnedFromPassedWindowsAndAppliedToContractsEndingInTheHorizon() {
    List<Contract> ks = List.of(
        // renewed 19 days after the day after its end (grace 30)
        contract("A", "C1", "P1", "2023-01-01", "2023-12-31", 1200),
        contract("B", "C1", "P1", "2024-01-20", "2024-12-31", 3470), // 347 days, 10 a day
        // lapsed
        contract("C", "C2", "P1", "2023-03-01", "2023-08-31", 500),
        // "renewed" 74 days late: a lapse and a new contract
        contract("D", "C3", "P2", "2023-06-01", "2023-12-31", 700),
        contract("E", "C3", "P2", "2024-03-15", "2024-09-14", 0),
        // ends in the horizon, not renewed yet: 2024-01-01..2024-07-31 = 213 days, 10 a day
        contract("F", "C4", "P3", "2024-01-01", "2024-07-31", 2130),
        // starts after the run date: unknown on it
        contract("G", "C5", "P3", "2024-07-10", "2025-07-09", 36500));
    Renewals renewals = new Renewals(AsOf.of(List.of(), ks, d("2024-06-30")).contracts(), d("2024-06-30"), 30);
    assertEquals(3, renewals.eligible()); // A, C, D: their windows closed by the run date
    assertEquals(1, renewals.renewed());

    RevenueForecaster.Result r = RevenueForecaster.forecast(null, ks, d("2024-06-30"),
        simulated(options(2, 30, 1, 0)));
    RevenueForecaster.Month jul = r.months().get(0);
    RevenueForecaster.Month aug = r.months().get(1);
    assertEquals(620.0, jul.contracted(), 1e-9); // F 310 + B 310
    assertEquals(310.0, aug.contracted(), 1e-9); // B only
    assertEquals(0.0, jul.renewal(), 1e-9);
    assertEquals(310.0 / 3, aug.renewal(), 1e-9); // F renewed from 2024-08-01 at 10 a day, rate 1/3
    // the simulated band: the renewal is one win/lose outcome, 0 with about 2/3 (the rate drawn from its
    // posterior), 310 with about 1/3
    assertEquals(310.0, aug.low(), 1e-9);
    assertEquals(620.0, aug.high(), 1e-9);
    assertEquals(1.0 / 3, r.parameters().get("renewal").get("rate"), 1e-12);
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
