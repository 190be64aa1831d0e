package io.crmaffinity.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Calibrates the simulated band on the forecast's own errors (a rolling-origin backtest over the data known on
 * the run date). At each month end before the run date with enough history behind it (an origin), the
 * forecast is made again as of that day, from what was known then, and every horizon month that ended by the
 * run date is scored against what happened (the actual revenue of {@link ForecastBacktest#actuals}).
 *
 * <p>The calibrated band adds a systematic error to the simulated one, in quadrature: high = forecast +
 * sqrt(d_high^2 + (lambda_high x uncertain)^2), where d_high is the simulated band's distance above the
 * forecast and uncertain is the forecast less its contracted revenue (likewise below). The simulated band sees
 * the luck of independent outcomes; lambda is the relative error it does not see (drifting rates, close
 * timing, growth). Each backtest month needs some lambda to hold its actual (0 when the simulated band already
 * does); lambda_high is the conformal 90 % quantile of those needs (the ceil((n + 1) x 0.9)-th smallest of n),
 * so about 1 actual in 10 lies above the band, and lambda_low likewise below: an 80 % band. The band is never
 * narrower than the simulated one.
 *
 * <p>With fewer than {@link #MIN_MONTHS} backtest months the history is too short to calibrate: lambda is at
 * least {@link #DEFAULT_LAMBDA} on each side (the band widened, never narrowed), and a note says so.
 */
public final class IntervalCalibration {
  /** Months of opportunity history (contract history without opportunities) an origin needs behind it. */
  static final int MIN_HISTORY_MONTHS = 6;
  /** The most recent origins used. */
  static final int MAX_ORIGINS = 24;
  /** Draws of each origin's simulated band. */
  static final int DRAWS = 1000;
  /** Backtest months needed to calibrate. */
  static final int MIN_MONTHS = 12;
  /** Relative systematic error assumed when the history is too short to calibrate. */
  static final double DEFAULT_LAMBDA = 0.25;
  /** Largest lambda: a band at most this share of the uncertain revenue wider than the simulated one. */
  static final double MAX_LAMBDA = 2.0;
  /** Share of backtest months above (below) the band that the calibration aims at. */
  static final double TAIL = 0.1;

  /** One backtest month: the forecast made at an origin and the actual revenue. */
  public record Score(double forecast, double uncertain, double simLow, double simHigh, double actual) {
    /** The lambda that the calibrated band needs above the forecast to hold the actual (0 if the band does). */
    double needHigh() {
      return need(actual - forecast, simHigh - forecast);
    }

    double needLow() {
      return need(forecast - actual, forecast - simLow);
    }

    private double need(double miss, double simulated) {
      if (miss <= simulated) {
        return 0;
      }
      if (!(uncertain > 0)) {
        return Double.POSITIVE_INFINITY;
      }
      return Math.sqrt(miss * miss - simulated * simulated) / uncertain;
    }
  }

  /**
   * The calibration: lambda below and above, how many origins and backtest months it rests on, whether the
   * history was too short, and the share of backtest months inside the simulated and the calibrated band.
   */
  public record Fit(double lambdaLow, double lambdaHigh, int origins, int months, boolean shortHistory,
      double simulatedCoverage, double calibratedCoverage) {

    /** The calibrated band of a month whose low and high hold its simulated band. */
    double[] band(RevenueForecaster.Month m) {
      return IntervalCalibration.band(m.forecast(), m.uncertain(), m.low(), m.high(), lambdaLow, lambdaHigh);
    }

    Map<String, Double> parameters() {
      Map<String, Double> p = new LinkedHashMap<>();
      p.put("calibrated", 1.0);
      p.put("short_history", shortHistory ? 1.0 : 0.0);
      p.put("calibration_origins", (double) origins);
      p.put("backtest_months", (double) months);
      p.put("lambda_low", lambdaLow);
      p.put("lambda_high", lambdaHigh);
      if (months > 0) {
        p.put("simulated_coverage_in_history", simulatedCoverage);
        p.put("coverage_in_history", calibratedCoverage);
      }
      return p;
    }

    List<String> notes() {
      if (!shortHistory) {
        return List.of();
      }
      return List.of(String.format(Locale.ROOT, "forecast: %d backtest months before the run date (%d needed) are"
          + " too few to calibrate the 80 %% interval: it is the simulated band widened by at least %.0f %% of the"
          + " uncertain revenue on each side", months, MIN_MONTHS, 100 * DEFAULT_LAMBDA));
    }
  }

  private IntervalCalibration() {}

  /** The band [low, high] around {@code forecast} with the systematic errors added in quadrature. */
  static double[] band(double forecast, double uncertain, double simLow, double simHigh, double lambdaLow,
      double lambdaHigh) {
    double dl = Math.max(0, forecast - simLow);
    double dh = Math.max(0, simHigh - forecast);
    double u = Math.max(0, uncertain);
    double low = forecast - Math.sqrt(dl * dl + lambdaLow * u * lambdaLow * u);
    double high = forecast + Math.sqrt(dh * dh + lambdaHigh * u * lambdaHigh * u);
    return new double[] {Math.min(Math.max(0, low), simLow), Math.max(high, simHigh)};
  }

  /**
   * The conformal quantile: the ceil((n + 1) x level)-th smallest of the n values; +Infinity when that rank is
   * above n (too few values for the level).
   */
  static double conformal(double[] values, double level) {
    int n = values.length;
    int rank = (int) Math.ceil((n + 1) * level - 1e-9);
    if (rank > n || n == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    return v[Math.max(0, rank - 1)];
  }

  /** The calibration of backtest months {@code scores} from {@code origins} origins. */
  static Fit of(List<Score> scores, int origins) {
    int n = scores.size();
    double[] low = new double[n];
    double[] high = new double[n];
    int simIn = 0;
    for (int k = 0; k < n; k++) {
      Score s = scores.get(k);
      low[k] = s.needLow();
      high[k] = s.needHigh();
      simIn += low[k] == 0 && high[k] == 0 ? 1 : 0;
    }
    double lambdaLow = conformal(low, 1 - TAIL);
    double lambdaHigh = conformal(high, 1 - TAIL);
    boolean shortHistory = n < MIN_MONTHS;
    if (shortHistory) {
      lambdaLow = Double.isFinite(lambdaLow) ? Math.max(lambdaLow, DEFAULT_LAMBDA) : DEFAULT_LAMBDA;
      lambdaHigh = Double.isFinite(lambdaHigh) ? Math.max(lambdaHigh, DEFAULT_LAMBDA) : DEFAULT_LAMBDA;
    }
    lambdaLow = Math.min(lambdaLow, MAX_LAMBDA);
    lambdaHigh = Math.min(lambdaHigh, MAX_LAMBDA);
    int calIn = 0;
    for (int k = 0; k < n; k++) {
      calIn += low[k] <= lambdaLow && high[k] <= lambdaHigh ? 1 : 0;
    }
    return new Fit(lambdaLow, lambdaHigh, origins, n, shortHistory, n == 0 ? Double.NaN : simIn / (double) n,
        n == 0 ? Double.NaN : calIn / (double) n);
  }

  /** The calibration from the forecasts at the origins before {@code runDate}. */
  static Fit fit(List<Opportunity> opportunities, List<Contract> contracts, LocalDate runDate,
      ForecastOptions options) {
    List<Opportunity> opps = opportunities == null ? null : knownOn(opportunities, runDate);
    List<Contract> ks = new ArrayList<>();
    for (Contract k : contracts == null ? List.<Contract>of() : contracts) {
      if (!k.start().isAfter(runDate)) {
        ks.add(k);
      }
    }
    LocalDate first = null;
    if (opps != null) {
      for (Opportunity o : opps) {
        first = first == null || o.created().isBefore(first) ? o.created() : first;
      }
    }
    if (first == null) {
      for (Contract k : ks) {
        first = first == null || k.start().isBefore(first) ? k.start() : first;
      }
    }
    List<LocalDate> origins = new ArrayList<>();
    if (first != null) {
      LocalDate earliest = first.plusMonths(MIN_HISTORY_MONTHS);
      LocalDate monthStart = runDate.withDayOfMonth(1);
      for (int j = 1; j <= MAX_ORIGINS; j++) {
        LocalDate origin = monthStart.minusMonths(j - 1).minusDays(1);
        // the first horizon month must end by the run date
        if (Months.end(origin.plusDays(1)).isAfter(runDate)) {
          continue;
        }
        if (origin.isBefore(earliest)) {
          break;
        }
        origins.add(origin);
      }
    }
    // Each origin's forecast is its own (fixed seeds): they run on the driver's cores side by side, and their
    // scores are listed in the origins' order.
    List<Opportunity> known = opps;
    List<Contract> started = contracts == null ? null : ks;
    List<List<Score>> byOrigin = origins.parallelStream().map(origin -> {
      List<LocalDate> months = Months.horizon(origin, options.horizonMonths());
      int scored = 0;
      while (scored < months.size() && !Months.end(months.get(scored)).isAfter(runDate)) {
        scored++;
      }
      RevenueForecaster.Result r = RevenueForecaster.simulated(known, started, origin, options,
          Math.min(DRAWS, options.simulations()), scored);
      double[] actual = ForecastBacktest.actuals(known == null ? List.of() : known, ks, origin,
          months.subList(0, scored), options.renewalGraceDays());
      List<Score> s = new ArrayList<>();
      for (int i = 0; i < scored; i++) {
        RevenueForecaster.Month m = r.months().get(i);
        s.add(new Score(m.forecast(), m.uncertain(), m.low(), m.high(), actual[i]));
      }
      return s;
    }).toList();
    List<Score> scores = new ArrayList<>();
    byOrigin.forEach(scores::addAll);
    return of(scores, origins.size());
  }

  /**
   * The opportunities as the tables showed them on {@code runDate}: none created after it; one closed after it
   * was open then, at a stage nobody recorded (as {@link AsOf} reads it).
   */
  static List<Opportunity> knownOn(List<Opportunity> opportunities, LocalDate runDate) {
    List<Opportunity> out = new ArrayList<>();
    for (Opportunity o : opportunities) {
      if (o.created().isAfter(runDate)) {
        continue;
      }
      if (o.isClosedStage() && o.closed() != null && o.closed().isAfter(runDate)) {
        out.add(new Opportunity(o.id(), o.category(), null, o.amount(), null, o.created(), null, null));
      } else {
        out.add(o);
      }
    }
    return out;
  }
}
