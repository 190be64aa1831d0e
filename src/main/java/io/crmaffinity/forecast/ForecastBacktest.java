package io.crmaffinity.forecast;

import io.crmaffinity.job.Scenario.Metric;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores a forecast made on the run date against what happened in each horizon month, next to two baselines.
 *
 * <p>Actual revenue of a month = the amounts of opportunities won (CLOSED_WON, closed_date in the month) + the
 * value, spread evenly over their term's days, of the contracts known on the run date (with their dates as
 * they are now: a contract terminated early counts to its termination) and of the contracts that renewed one
 * of them ending from the run date on. A contract signed after the run date for a new deal is not counted: the
 * deal counts once, as the won opportunity's amount. This is what the forecast's components predict.
 *
 * <p>Baselines, both given the same contracted revenue (the contracts in force are known to any spreadsheet):
 * {@code trailing-3m} adds the mean monthly won revenue of the three calendar months before the run date's
 * month ended (the last three complete months); {@code weighted-pipeline} adds each open opportunity's amount x
 * its own probability (else the stage default; for a row whose stage on the run date is unknown, the mean stage
 * default) in its expected close month, or spread evenly over the horizon when that date is missing or past.
 */
public final class ForecastBacktest {
  private ForecastBacktest() {}

  public static final String TASK = "forecast";

  /** Actual revenue per horizon month. */
  public static double[] actuals(List<Opportunity> opportunities, List<Contract> contracts, LocalDate runDate,
      List<LocalDate> months, int graceDays) {
    double[] a = new double[months.size()];
    for (Opportunity o : opportunities) {
      if (o.won() && o.closed() != null) {
        int i = Months.indexOf(months, o.closed());
        if (i >= 0) {
          a[i] += o.amount();
        }
      }
    }
    List<Contract> known = new ArrayList<>();
    for (Contract k : contracts) {
      if (!k.start().isAfter(runDate)) {
        known.add(k);
      }
    }
    Map<String, List<Contract>> knownByKey = Renewals.byKey(known);
    for (Contract k : contracts) {
      boolean counted = !k.start().isAfter(runDate);
      if (!counted) {
        for (Contract prev : knownByKey.getOrDefault(k.customerId() + "\u0000" + k.productId(), List.of())) {
          counted |= !prev.end().isBefore(runDate) && prev.renewedBy(k, graceDays);
        }
      }
      if (counted) {
        for (int i = 0; i < months.size(); i++) {
          a[i] += k.valueBetween(months.get(i), Months.end(months.get(i)));
        }
      }
    }
    return a;
  }

  /** trailing-3m: contracted + mean won revenue of the three complete months before the run date's month end. */
  public static double[] trailing3m(List<Opportunity> opportunities, LocalDate runDate, double[] contracted) {
    LocalDate runMonth = runDate.withDayOfMonth(1);
    // the last three months that ended on or before the run date
    LocalDate lastFull = Months.end(runMonth).equals(runDate) ? runMonth : runMonth.minusMonths(1);
    LocalDate from = lastFull.minusMonths(2);
    LocalDate to = Months.end(lastFull);
    double won = 0;
    for (Opportunity o : opportunities) {
      if (o.won() && o.closed() != null && !o.closed().isBefore(from) && !o.closed().isAfter(to)) {
        won += o.amount();
      }
    }
    double[] f = contracted.clone();
    for (int i = 0; i < f.length; i++) {
      f[i] += won / 3;
    }
    return f;
  }

  /** weighted-pipeline: contracted + open amount x probability in the expected close month (else spread). */
  public static double[] weightedPipeline(AsOf asOf, List<LocalDate> months, double[] contracted,
      ForecastOptions options) {
    double[] f = contracted.clone();
    for (Opportunity o : asOf.open()) {
      double p = o.probability() != null ? o.probability() : options.stageDefault(o.stage());
      double v = o.amount() * p;
      if (o.expectedClose() != null && o.expectedClose().isAfter(asOf.runDate())) {
        int i = Months.indexOf(months, o.expectedClose());
        if (i >= 0) {
          f[i] += v;
        }
      } else {
        for (int i = 0; i < f.length; i++) {
          f[i] += v / f.length;
        }
      }
    }
    return f;
  }

  /**
   * Metrics of one method: per-month and horizon APE (months with actual 0 are left out), totals; with a band,
   * its coverage (share of months whose actual lies in [low, high]) and the mean pinball loss of low as the 10 %
   * quantile and of high as the 90 % quantile (in the currency of the amounts).
   */
  public static List<Metric> metrics(String method, double[] forecast, double[] actual, double[] low,
      double[] high) {
    List<Metric> m = new ArrayList<>();
    double ft = 0;
    double at = 0;
    double apeSum = 0;
    int apeN = 0;
    int inside = 0;
    double pinLow = 0;
    double pinHigh = 0;
    for (int i = 0; i < actual.length; i++) {
      ft += forecast[i];
      at += actual[i];
      if (actual[i] > 0) {
        double ape = Math.abs(forecast[i] - actual[i]) / actual[i];
        m.add(new Metric(TASK, method, "ape_month_" + (i + 1), ape));
        apeSum += ape;
        apeN++;
      }
      if (low != null) {
        inside += actual[i] >= low[i] && actual[i] <= high[i] ? 1 : 0;
        pinLow += pinball(0.1, actual[i], low[i]);
        pinHigh += pinball(0.9, actual[i], high[i]);
      }
    }
    m.add(new Metric(TASK, method, "forecast_total", ft));
    m.add(new Metric(TASK, method, "actual_total", at));
    if (at > 0) {
      m.add(new Metric(TASK, method, "horizon_ape", Math.abs(ft - at) / at));
    }
    if (apeN > 0) {
      m.add(new Metric(TASK, method, "mape", apeSum / apeN));
    }
    if (low != null && actual.length > 0) {
      m.add(new Metric(TASK, method, "interval_coverage", inside / (double) actual.length));
      m.add(new Metric(TASK, method, "pinball_p10", pinLow / actual.length));
      m.add(new Metric(TASK, method, "pinball_p90", pinHigh / actual.length));
    }
    return m;
  }

  /**
   * The pinball (quantile) loss of {@code q} as the {@code tau} quantile of {@code actual}: tau x (actual - q)
   * when the actual is above it, (1 - tau) x (q - actual) when below. Its mean over many months is smallest for
   * the true tau quantile: a band's ends are judged both on holding the actuals and on being tight.
   */
  public static double pinball(double tau, double actual, double q) {
    return actual >= q ? tau * (actual - q) : (1 - tau) * (q - actual);
  }

  /**
   * Metrics of crm-affinity's forecast and both baselines against the horizon months that end on or before
   * {@code observedUntil} (the last date the data holds).
   */
  public static List<Metric> evaluate(List<RevenueForecaster.Month> forecast, List<Opportunity> opps,
      List<Contract> contracts, LocalDate runDate, LocalDate observedUntil, ForecastOptions options) {
    // Only months the data covers to their last day can be scored: later ones would look like a sales collapse.
    List<RevenueForecaster.Month> complete = forecast.stream()
        .filter(m -> !Months.end(m.month()).isAfter(observedUntil)).toList();
    List<Metric> out = new ArrayList<>();
    out.add(new Metric(TASK, "crm-affinity", "months_scored", complete.size()));
    if (complete.isEmpty()) {
      return out;
    }
    forecast = complete;
    List<LocalDate> months = forecast.stream().map(RevenueForecaster.Month::month).toList();
    int h = months.size();
    double[] f = new double[h];
    double[] low = new double[h];
    double[] high = new double[h];
    double[] contracted = new double[h];
    for (int i = 0; i < h; i++) {
      RevenueForecaster.Month m = forecast.get(i);
      f[i] = m.forecast();
      low[i] = m.low();
      high[i] = m.high();
      contracted[i] = m.contracted();
    }
    double[] actual = actuals(opps, contracts, runDate, months, options.renewalGraceDays());
    AsOf asOf = AsOf.of(opps, contracts, runDate);
    out.addAll(metrics("crm-affinity", f, actual, low, high));
    out.addAll(metrics("trailing-3m",
        trailing3m(asOf.closed(), runDate, contracted), actual, null, null));
    out.addAll(metrics("weighted-pipeline",
        weightedPipeline(asOf, months, contracted, options), actual, null, null));
    return out;
  }
}
