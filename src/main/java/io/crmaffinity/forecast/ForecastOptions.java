package io.crmaffinity.forecast;

import static io.crmaffinity.config.ConfigValues.integer;
import static io.crmaffinity.config.ConfigValues.number;
import static io.crmaffinity.config.ConfigValues.oneOf;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code forecast} section: monthly revenue forecast from contracts and opportunities.
 *
 * @param horizonMonths months forecast after the run date's month
 * @param renewalGraceDays a new contract of the same customer and product starting within this many days after
 *     the day following a contract's end renews it
 * @param minHistory opportunities (closed, or open and older than the deal rated) needed before a win chance
 *     is learned for a finer group
 * @param lookbackMonths months before the run date whose opportunity creations and won deal sizes drive the
 *     new-business component
 * @param stageProbabilities default win probability per open stage (used when a row has no probability: by
 *     the weighted-pipeline baseline, and to tilt the learned rate by stage)
 * @param stageWeight how strongly the stage's odds tilt the learned win rate: 0 ignores the stage, 1 takes
 *     the stage probabilities' odds ratios at face value
 * @param simulations Monte Carlo draws per month for the 80 % interval
 * @param sizeBands deal-size bands (quantiles of the closed opportunities' amounts) within which win rates at
 *     an age and times to win are learned first; 1 turns them off
 * @param calibrateInterval whether the simulated 80 % band is calibrated on the forecast's errors at earlier
 *     months ({@code forecast.interval = calibrated}) or kept as simulated ({@code simulated})
 */
public record ForecastOptions(int horizonMonths, int renewalGraceDays, int minHistory, int lookbackMonths,
    Map<String, Double> stageProbabilities, double stageWeight, int simulations, int sizeBands,
    boolean calibrateInterval) {

  public static final String[] OPEN_STAGES = {"PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION"};

  public ForecastOptions {
    stageProbabilities = Map.copyOf(stageProbabilities);
  }

  public static ForecastOptions from(Config c) {
    Map<String, Double> stages = new LinkedHashMap<>();
    for (String s : OPEN_STAGES) {
      stages.put(s, number(c, "forecast.stage-probability." + s, 0, true, 1, true));
    }
    return new ForecastOptions(
        integer(c, "forecast.horizon-months", 1, 120),
        integer(c, "forecast.renewal-grace-days", 0, 3650),
        integer(c, "forecast.min-history", 1, 1_000_000),
        integer(c, "forecast.lookback-months", 1, 120),
        stages,
        number(c, "forecast.stage-weight", 0, true, 1, true),
        integer(c, "forecast.simulations", 100, 1_000_000),
        integer(c, "forecast.size-bands", 1, 10),
        oneOf(c, "forecast.interval", java.util.Set.of("calibrated", "simulated"), true).equals("calibrated"));
  }

  /** Default probability of an open stage; for an unknown stage, the mean of the four defaults. */
  public double stageDefault(String stage) {
    Double p = stage == null ? null : stageProbabilities.get(stage);
    if (p != null) {
      return p;
    }
    return stageProbabilities.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }
}
