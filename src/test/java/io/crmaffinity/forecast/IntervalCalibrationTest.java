package io.crmaffinity.forecast;

import static io.crmaffinity.forecast.Fixtures.d;
import static io.crmaffinity.forecast.Fixtures.opp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmaffinity.forecast.IntervalCalibration.Fit;
import io.crmaffinity.forecast.IntervalCalibration.Score;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalCalibrationTest {

  @Test
  void theConformalQuantileIsTheCeilNPlusOneTimesLevelSmallest() {
    double[] nine = {0.5, 0.1, 0.3, 0, 0, 0, 0, 0, 0.2};
    // n = 9: rank ceil(10 x 0.9) = 9, the largest
    assertEquals(0.5, IntervalCalibration.conformal(nine, 0.9));
    double[] twenty = new double[20];
    for (int k = 0; k < 20; k++) {
      twenty[k] = (19 - k) / 100.0; // 0.19 .. 0.00
    }
    // n = 20: rank ceil(21 x 0.9) = ceil(18.9) = 19: the 19th smallest of 0.00..0.19 is 0.18
    assertEquals(0.18, IntervalCalibration.conformal(twenty, 0.9), 1e-12);
    // n = 8: rank 9 > 8, too few values for a 90 % quantile
    assertEquals(Double.POSITIVE_INFINITY, IntervalCalibration.conformal(new double[8], 0.9));
    assertEquals(Double.POSITIVE_INFINITY, IntervalCalibration.conformal(new double[0], 0.9));
  }

  @Test
  void aMonthNeedsTheSystematicErrorThatTheSimulatedBandMissesInQuadrature() {
    // forecast 100 of which 50 uncertain, simulated band [70, 130]
    // actual 150: 50 above the forecast, the band reaches 30: sqrt(50^2 - 30^2) = 40 = 0.8 x 50
    assertEquals(0.8, new Score(100, 50, 70, 130, 150).needHigh(), 1e-12);
    assertEquals(0.0, new Score(100, 50, 70, 130, 150).needLow());
    // actual 120 is inside: nothing needed; actual 40: sqrt(60^2 - 30^2) / 50
    assertEquals(0.0, new Score(100, 50, 70, 130, 120).needHigh());
    assertEquals(Math.sqrt(3600 - 900) / 50, new Score(100, 50, 70, 130, 40).needLow(), 1e-12);
    // nothing uncertain and the actual elsewhere: no lambda can reach it
    assertEquals(Double.POSITIVE_INFINITY, new Score(100, 0, 100, 100, 110).needHigh());
  }

  @Test
  void theBandAddsLambdaTimesTheUncertainRevenueInQuadratureAndNeverNarrows() {
    // distances 30 and lambda 0.8 x 50 = 40: 100 +- 50
    assertArrayEquals(new double[] {50, 150}, IntervalCalibration.band(100, 50, 70, 130, 0.8, 0.8), 1e-12);
    // lambda 0 keeps the simulated band; an asymmetric band stays asymmetric
    assertArrayEquals(new double[] {90, 160}, IntervalCalibration.band(100, 50, 90, 160, 0, 0), 1e-12);
    // never below 0
    assertArrayEquals(new double[] {0, 100 + Math.sqrt(100 + 4 * 2500)},
        IntervalCalibration.band(100, 100, 90, 110, 2, 1), 1e-9);
  }

  @Test
  void enoughBacktestMonthsGiveTheConformalLambdaOnEachSide() {
    List<Score> scores = new ArrayList<>();
    // 18 months inside the simulated band [70, 130] around 100 (50 uncertain) ...
    for (int k = 0; k < 18; k++) {
      scores.add(new Score(100, 50, 70, 130, 100));
    }
    // ... one far above (needs 0.8) and one a little above (needs sqrt(34^2 - 30^2) / 50 = 0.32)
    scores.add(new Score(100, 50, 70, 130, 150));
    scores.add(new Score(100, 50, 70, 130, 134));
    Fit fit = IntervalCalibration.of(scores, 5);
    // n = 20: the 19th smallest need above is 0.32 (0 x 18, 0.32, 0.8); below all are 0
    assertEquals(0.32, fit.lambdaHigh(), 1e-12);
    assertEquals(0.0, fit.lambdaLow());
    assertFalse(fit.shortHistory());
    assertEquals(18 / 20.0, fit.simulatedCoverage(), 1e-12);
    assertEquals(19 / 20.0, fit.calibratedCoverage(), 1e-12);
    assertEquals(List.of(), fit.notes());
    assertEquals(1.0, fit.parameters().get("calibrated"));
    assertEquals(20.0, fit.parameters().get("backtest_months"));
    assertEquals(5.0, fit.parameters().get("calibration_origins"));
  }

  @Test
  void aShortHistoryWidensByTheDefaultAndSaysSo() {
    // 5 backtest months, all inside the simulated band: the history would narrow nothing and cannot say how
    // wide the band must be: at least the default lambda on both sides
    List<Score> scores = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      scores.add(new Score(100, 50, 70, 130, 100));
    }
    Fit fit = IntervalCalibration.of(scores, 2);
    assertTrue(fit.shortHistory());
    assertEquals(IntervalCalibration.DEFAULT_LAMBDA, fit.lambdaLow());
    assertEquals(IntervalCalibration.DEFAULT_LAMBDA, fit.lambdaHigh());
    assertEquals(1, fit.notes().size());
    assertTrue(fit.notes().get(0).startsWith("forecast: 5 backtest months before the run date (12 needed) are too"
        + " few to calibrate the 80 % interval"), fit.notes().get(0));
    double[] band = fit.band(new RevenueForecaster.Month(d("2025-01-01"), 50, 0, 30, 20, 70, 130));
    assertTrue(band[0] < 70 && band[1] > 130, band[0] + " " + band[1]);
    // 10 months, one of them 60 above the forecast: short, but enough for a 90 % quantile (the largest of 10),
    // which is above the default: sqrt(60^2 - 30^2) / 50
    for (int k = 0; k < 4; k++) {
      scores.add(new Score(100, 50, 70, 130, 100));
    }
    scores.add(new Score(100, 50, 70, 130, 160));
    Fit ten = IntervalCalibration.of(scores, 3);
    assertTrue(ten.shortHistory());
    assertEquals(Math.sqrt(3600 - 900) / 50, ten.lambdaHigh(), 1e-12);
    assertEquals(IntervalCalibration.DEFAULT_LAMBDA, ten.lambdaLow());
    // no backtest month at all
    Fit none = IntervalCalibration.of(List.of(), 0);
    assertTrue(none.shortHistory());
    assertEquals(IntervalCalibration.DEFAULT_LAMBDA, none.lambdaHigh());
    assertFalse(none.parameters().containsKey("coverage_in_history"));
  }

  @Test
  void theBacktestSeesOnlyWhatWasKnownOnTheRunDate() {
    List<Opportunity> opps = List.of(
        opp("A", "S", "CLOSED_WON", 100, 1.0, "2025-01-01", "2025-02-01", "2025-02-10"),
        opp("B", "S", "CLOSED_LOST", 100, 0.0, "2025-01-01", "2025-05-01", "2025-04-10"),
        opp("C", "S", "PROPOSAL", 100, 0.5, "2025-02-01", "2025-04-15", null),
        opp("D", "S", "PROPOSAL", 100, 0.5, "2025-04-01", "2025-04-15", null));
    assertEquals(List.of(opps.get(0), opp("B", "S", null, 100, null, "2025-01-01", null, null), opps.get(2)),
        IntervalCalibration.knownOn(opps, d("2025-03-31")));
  }
}
