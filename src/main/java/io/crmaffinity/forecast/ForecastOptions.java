package io.crmaffinity.forecast;

import static io.crmaffinity.config.ConfigValues.integer;

import com.typesafe.config.Config;

/**
 * The {@code forecast} section: monthly revenue forecast from contracts and opportunities.
 *
 * @param horizonMonths months forecast after the run date's month
 * @param renewalGraceDays a new contract of the same customer and product starting within this many days of
 *     a contract's end renews it
 * @param minHistory closed opportunities needed before a win rate is learned for a finer group
 */
public record ForecastOptions(int horizonMonths, int renewalGraceDays, int minHistory) {

  public static ForecastOptions from(Config c) {
    return new ForecastOptions(
        integer(c, "forecast.horizon-months", 1, 120),
        integer(c, "forecast.renewal-grace-days", 0, 3650),
        integer(c, "forecast.min-history", 1, 1_000_000));
  }
}
