package io.crmaffinity.forecast;

import static io.crmaffinity.forecast.Fixtures.d;
import static io.crmaffinity.forecast.Fixtures.opp;
import static io.crmaffinity.forecast.Fixtures.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AsOfTest {
  static final List<Opportunity> OPPS = List.of(
      opp("X1", "SOFTWARE", "CLOSED_WON", 2000, 1.0, "2025-01-01", "2025-02-15", "2025-01-31"),
      opp("X2", "SOFTWARE", "CLOSED_LOST", 800, 0.0, "2025-01-01", null, "2025-03-01"),
      // open on the run date, won since: its stage, probability and expected close now tell the outcome
      opp("Y", "SOFTWARE", "CLOSED_WON", 1000, 1.0, "2025-03-21", "2025-04-20", "2025-04-20"),
      // created after the run date: did not exist
      opp("Z", "SOFTWARE", "CLOSED_WON", 5000, 1.0, "2025-04-05", "2025-04-10", "2025-04-10"),
      // closed, but when is unknown
      opp("U", "SOFTWARE", "CLOSED_LOST", 10, 0.0, "2025-01-01", null, null));

  @Test
  void nothingAfterTheRunDateLeaksIn() {
    AsOf asOf = AsOf.of(OPPS, List.of(), d("2025-03-31"));
    assertEquals(List.of(opp("Y", "SOFTWARE", null, 1000, null, "2025-03-21", null, null)), asOf.open());
    assertEquals(List.of("X1", "X2"), asOf.closed().stream().map(Opportunity::id).toList());
    assertEquals(1, asOf.undated());

    RevenueForecaster.Result r = RevenueForecaster.forecast(OPPS, null, d("2025-03-31"), options(2, 30, 1, 1));
    // Y: SOFTWARE deals still open after 10 days won 1 of 2; the only win took 30 days: 2025-04-20
    assertEquals(500.0, r.months().get(0).pipeline(), 1e-9);
    assertEquals(0.0, r.months().get(1).pipeline(), 1e-9);
    // new business: 3 opportunities created in the 90 days 2025-01-01..2025-03-31, won 1 in 2, after 30 days,
    // worth 2000 (the wins closed in the window); May gets the creations of 2025-04-01..2025-05-01 (31 days)
    assertEquals(0.0, r.months().get(0).newBusiness(), 1e-9);
    assertEquals(3.0 / 90 * 0.5 * 31 * 2000, r.months().get(1).newBusiness(), 1e-9);
    assertEquals(3.0 / 90 * 365.25 / 12, r.parameters().get("new_business").get("created_per_month"), 1e-9);
    assertEquals(List.of("forecast: no contracts table: contracted_revenue and renewal_revenue are 0",
        "forecast: 1 closed opportunities without closed_date left out"), r.notes().subList(0, 2));
    // three months of history: no earlier month to calibrate the interval on
    assertTrue(r.notes().get(2).startsWith("forecast: 0 backtest months before the run date"), r.notes().get(2));
    assertEquals(3, r.notes().size());
  }
}
