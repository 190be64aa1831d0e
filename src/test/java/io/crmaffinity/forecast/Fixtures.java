package io.crmaffinity.forecast;

import java.time.LocalDate;
import java.util.Map;

/** Small builders for the forecast's hand-built tests. */
final class Fixtures {
  private Fixtures() {}

  static final Map<String, Double> STAGES = Map.of("PROSPECTING", 0.10, "QUALIFICATION", 0.25, "PROPOSAL", 0.50,
      "NEGOTIATION", 0.75);

  static ForecastOptions options(int horizon, int grace, int minHistory, double stageWeight) {
    return new ForecastOptions(horizon, grace, minHistory, 12, STAGES, stageWeight, 10_000, 1, true);
  }

  static ForecastOptions options(int minHistory, int sizeBands) {
    return new ForecastOptions(6, 30, minHistory, 12, STAGES, 0, 10_000, sizeBands, true);
  }

  /** The same options with the simulated band kept as it is ({@code forecast.interval = simulated}). */
  static ForecastOptions simulated(ForecastOptions o) {
    return new ForecastOptions(o.horizonMonths(), o.renewalGraceDays(), o.minHistory(), o.lookbackMonths(),
        o.stageProbabilities(), o.stageWeight(), o.simulations(), o.sizeBands(), false);
  }

  static LocalDate d(String s) {
    return s == null ? null : LocalDate.parse(s);
  }

  static Contract contract(String id, String customer, String product, String start, String end, double value) {
    return new Contract(id, customer, product, null, d(start), d(end), value);
  }

  static Opportunity opp(String id, String category, String stage, double amount, Double probability,
      String created, String expectedClose, String closed) {
    return new Opportunity(id, category, stage, amount, probability, d(created), d(expectedClose), d(closed));
  }
}
