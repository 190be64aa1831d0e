package io.crmaffinity.forecast;

import static io.crmaffinity.forecast.Fixtures.d;
import static io.crmaffinity.forecast.Fixtures.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The calibrated band on odd inputs: finite, holding the point forecast, deterministic. */
class ForecastEdgeCasesTest {
  static final LocalDate RUN = d("2025-06-30");

  /** {@code n} deals, one created every 3 days back from the run date, closed after 20 days by {@code stage}. */
  static List<Opportunity> history(int n, double amount, String... stages) {
    List<Opportunity> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      LocalDate created = RUN.minusDays(25 + 3L * k);
      String stage = stages[k % stages.length];
      boolean closed = stage.startsWith("CLOSED_");
      out.add(new Opportunity("O" + k, k % 2 == 0 ? "A" : "B", stage, amount, null, created,
          closed ? null : created.plusDays(60), closed ? created.plusDays(20) : null));
    }
    return out;
  }

  static List<Contract> contracts(int n, double value) {
    List<Contract> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      LocalDate start = RUN.minusDays(400 - 7L * k);
      out.add(new Contract("K" + k, "C" + k, "P", null, start, start.plusDays(364), value));
    }
    return out;
  }

  static void check(String what, List<Opportunity> opps, List<Contract> ks) {
    RevenueForecaster.Result r = RevenueForecaster.forecast(opps, ks, RUN, options(6, 30, 30, 1));
    RevenueForecaster.Result again = RevenueForecaster.forecast(opps, ks, RUN, options(6, 30, 30, 1));
    assertEquals(r.months(), again.months(), what + ": deterministic");
    for (RevenueForecaster.Month m : r.months()) {
      double[] v = {m.contracted(), m.renewal(), m.pipeline(), m.newBusiness(), m.forecast(), m.low(), m.high()};
      for (double x : v) {
        assertTrue(Double.isFinite(x), what + ": " + m);
      }
      assertTrue(m.low() >= 0 && m.low() <= m.forecast() + 1e-6 && m.forecast() <= m.high() + 1e-6, what + ": " + m);
    }
    for (Map<String, Double> ps : r.parameters().values()) {
      ps.forEach((k, x) -> assertTrue(Double.isFinite(x) || k.endsWith("_coverage"), what + ": " + k + " " + x));
    }
  }

  @Test
  void oddInputsGiveAFiniteBandAroundThePoint() {
    check("nothing", List.of(), List.of());
    check("no tables", null, null);
    check("all lost", history(80, 5000, "CLOSED_LOST", "CLOSED_LOST", "CLOSED_LOST", "PROPOSAL"), null);
    check("all won", history(80, 5000, "CLOSED_WON", "CLOSED_WON", "NEGOTIATION"), null);
    check("one month", history(10, 5000, "CLOSED_WON", "CLOSED_LOST", "PROPOSAL"), contracts(3, 1000));
    check("1e9 amounts", history(200, 1e9, "CLOSED_WON", "CLOSED_LOST", "CLOSED_LOST", "PROSPECTING"),
        contracts(40, 1e9));
    check("contracts only", null, contracts(60, 12_000));
    check("opportunities only", history(300, 7000, "CLOSED_WON", "CLOSED_LOST", "CLOSED_LOST", "PROPOSAL"), null);
  }
}
