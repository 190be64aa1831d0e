package io.crmaffinity.forecast;

import static io.crmaffinity.forecast.Fixtures.d;
import static io.crmaffinity.forecast.Fixtures.opp;
import static io.crmaffinity.forecast.Fixtures.options;
import static io.crmaffinity.forecast.Fixtures.simulated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastBandTest {

  @Test
  void theBandHoldsThePointForecastWhenOneUnlikelyLargeDealCarriesTheMonth() {
    // One open deal, 5 % to win, no closed history: the month's revenue is 0 in 95 % of draws, so the simulated
    // 10th and 90th percentiles are both 0 while the expected value is 5 % of a million.
    Opportunity big = opp("O1", "CAT", "PROSPECTING", 1_000_000, 0.05, "2024-05-01", "2024-07-15", null);
    RevenueForecaster.Result r = RevenueForecaster.forecast(List.of(big), null, d("2024-06-30"),
        simulated(options(1, 30, 30, 0)));
    RevenueForecaster.Month july = r.months().get(0);
    assertTrue(july.pipeline() > 0, "pipeline " + july.pipeline());
    assertEquals(0.0, july.low(), 1e-9);
    assertEquals(july.forecast(), july.high(), 1e-6);
    // calibrated: no history before the run date to calibrate on, so the band is widened by the default share of
    // the uncertain revenue: above the point by 25 % of it, and still from 0
    RevenueForecaster.Month cal = RevenueForecaster.forecast(List.of(big), null, d("2024-06-30"),
        options(1, 30, 30, 0)).months().get(0);
    assertEquals(july.forecast(), cal.forecast(), 1e-9);
    assertEquals(0.0, cal.low(), 1e-9);
    assertEquals(july.forecast() * (1 + IntervalCalibration.DEFAULT_LAMBDA), cal.high(), 1e-6);
  }
}
