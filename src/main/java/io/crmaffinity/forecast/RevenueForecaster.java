package io.crmaffinity.forecast;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monthly revenue forecast (pure Java): contracted, renewal, pipeline and new-business revenue for each
 * horizon month, from what was known on the run date (see {@link AsOf}), with an 80 % interval: simulated
 * ({@link IntervalSimulator}), then calibrated on the forecast's own errors at earlier months
 * ({@link IntervalCalibration}).
 */
public final class RevenueForecaster {
  /** Seed of the interval's simulation: the same inputs always give the same interval. */
  static final long SEED = 20251231L;

  /** One forecast month. */
  public record Month(LocalDate month, double contracted, double renewal, double pipeline, double newBusiness,
      double low, double high) {
    public double forecast() {
      return contracted + renewal + pipeline + newBusiness;
    }

    /** The uncertain part of the forecast: all but the contracted revenue. */
    public double uncertain() {
      return renewal + pipeline + newBusiness;
    }
  }

  /** The forecast months, the learned parameters (model -> parameter -> value) and notes. */
  public record Result(List<Month> months, Map<String, Map<String, Double>> parameters, List<String> notes) {}

  private RevenueForecaster() {}

  /**
   * @param opportunities all opportunity rows, or null without the table
   * @param contracts all contract rows, or null without the table
   */
  public static Result forecast(List<Opportunity> opportunities, List<Contract> contracts, LocalDate runDate,
      ForecastOptions options) {
    Result simulated = simulated(opportunities, contracts, runDate, options, options.simulations(),
        options.horizonMonths());
    if (!options.calibrateInterval()) {
      simulated.parameters().get("forecast_interval").put("calibrated", 0.0);
      return simulated;
    }
    IntervalCalibration.Fit fit = IntervalCalibration.fit(opportunities, contracts, runDate, options);
    List<Month> out = new ArrayList<>();
    for (Month m : simulated.months()) {
      double[] band = fit.band(m);
      out.add(new Month(m.month(), m.contracted(), m.renewal(), m.pipeline(), m.newBusiness(), band[0], band[1]));
    }
    simulated.parameters().get("forecast_interval").putAll(fit.parameters());
    List<String> notes = new ArrayList<>(simulated.notes());
    notes.addAll(fit.notes());
    return new Result(out, simulated.parameters(), notes);
  }

  /**
   * The forecast with its simulated band (low and high of each month), the first {@code simulatedMonths}
   * months simulated with {@code draws} draws (later months get the band [point, point]).
   */
  static Result simulated(List<Opportunity> opportunities, List<Contract> contracts, LocalDate runDate,
      ForecastOptions options, int draws, int simulatedMonths) {
    List<LocalDate> months = Months.horizon(runDate, options.horizonMonths());
    int h = months.size();
    LocalDate lastDay = Months.end(months.get(h - 1));
    List<String> notes = new ArrayList<>();
    Map<String, Map<String, Double>> params = new LinkedHashMap<>();
    AsOf asOf = AsOf.of(opportunities == null ? List.of() : opportunities, contracts == null ? List.of() : contracts,
        runDate);
    if (opportunities == null) {
      notes.add("forecast: no opportunities table: pipeline_revenue and new_business_revenue are 0");
    }
    if (contracts == null) {
      notes.add("forecast: no contracts table: contracted_revenue and renewal_revenue are 0");
    }
    if (asOf.undated() > 0) {
      notes.add("forecast: " + asOf.undated() + " closed opportunities without closed_date left out");
    }

    double[] contracted = new double[h];
    double[] renewal = new double[h];
    double[] pipeline = new double[h];
    double[] newBusiness = new double[h];
    List<List<IntervalSimulator.Bernoulli>> terms = new ArrayList<>();
    for (int i = 0; i < h; i++) {
      terms.add(new ArrayList<>());
    }

    // Contracts in force: certain.
    for (Contract k : asOf.contracts()) {
      for (int i = 0; i < h; i++) {
        contracted[i] += k.valueBetween(months.get(i), Months.end(months.get(i)));
      }
    }
    // Renewals of contracts ending in the horizon.
    Renewals renewals = new Renewals(asOf.contracts(), runDate, options.renewalGraceDays());
    double rho = renewals.rate();
    List<Contract> ending = renewals.ending(asOf.contracts(), runDate, lastDay);
    for (Contract k : ending) {
      Contract next = Renewals.renewalOf(k);
      for (int i = 0; i < h; i++) {
        double v = next.valueBetween(months.get(i), Months.end(months.get(i)));
        if (v > 0 && rho > 0) {
          renewal[i] += rho * v;
          terms.get(i).add(new IntervalSimulator.Bernoulli(v, rho, true));
        }
      }
    }
    if (contracts != null) {
      Map<String, Double> r = new LinkedHashMap<>();
      r.put("rate", rho);
      r.put("eligible_contracts", (double) renewals.eligible());
      r.put("renewed_contracts", (double) renewals.renewed());
      r.put("ending_in_horizon", (double) ending.size());
      r.put("grace_days", (double) options.renewalGraceDays());
      params.put("renewal", r);
      if (renewals.eligible() == 0) {
        notes.add("forecast: no contract's renewal window has passed yet: renewal rate 0");
      }
    }

    // Open pipeline. The band lets a deal with an expected close date slip: it closes in that month with
    // chance 1 - slip, else when deals of its age closed (slip = the share of open deals of known stage whose
    // expected close date has already passed: how often this CRM's dates are missed).
    WinRates rates = new WinRates(asOf.closed(), asOf.open(), runDate, options);
    CloseTiming timing = new CloseTiming(rates.wonDays());
    Map<String, Double> sources = new LinkedHashMap<>();
    Map<Integer, CloseTiming> bandTiming = new java.util.HashMap<>();
    double slip = slipShare(asOf.open(), runDate);
    for (Opportunity o : asOf.open()) {
      WinRates.Estimate p = rates.estimate(o, ChronoUnit.DAYS.between(o.created(), runDate));
      sources.merge(p.source(), 1.0, Double::sum);
      CloseTiming t = bandTiming.computeIfAbsent(rates.bands().band(o.amount()),
          b -> new CloseTiming(rates.wonDays(o)));
      double[] q = t.spread(o, runDate, months);
      boolean dated = o.expectedClose() != null && o.expectedClose().isAfter(runDate);
      double[] byAge = dated && slip > 0 ? t.byAge(o, runDate, months) : q;
      for (int i = 0; i < h; i++) {
        double pi = p.probability() * q[i];
        double band = p.probability() * (dated && slip > 0 ? (1 - slip) * q[i] + slip * byAge[i] : q[i]);
        if (pi > 0 && o.amount() > 0) {
          pipeline[i] += o.amount() * pi;
        }
        if (band > 0 && o.amount() > 0) {
          terms.get(i).add(new IntervalSimulator.Bernoulli(o.amount(), band));
        }
      }
    }

    // New business: opportunities not created yet.
    double[] mu = new double[h];
    double[] sizes = new double[0];
    double[][] sizeWeights = new double[h][0];
    IntervalSimulator.Uncertainty uncertainty = new IntervalSimulator.Uncertainty(rates.wonCount(),
        rates.closedCount() - rates.wonCount(), renewals.renewed(), renewals.eligible() - renewals.renewed(), 0,
        0, new double[0]);
    if (opportunities != null) {
      LocalDate earliest = runDate;
      for (Opportunity o : asOf.open()) {
        earliest = o.created().isBefore(earliest) ? o.created() : earliest;
      }
      for (Opportunity o : asOf.closed()) {
        earliest = o.created().isBefore(earliest) ? o.created() : earliest;
      }
      LocalDate from = runDate.minusMonths(options.lookbackMonths()).plusDays(1);
      from = from.isBefore(earliest) ? earliest : from;
      long windowDays = ChronoUnit.DAYS.between(from, runDate) + 1;
      int created = 0;
      List<LocalDate> createdDates = new ArrayList<>();
      for (Opportunity o : asOf.open()) {
        if (!o.created().isBefore(from)) {
          created++;
          createdDates.add(o.created());
        }
      }
      List<Opportunity> recent = new ArrayList<>();
      List<Opportunity> allWon = new ArrayList<>();
      for (Opportunity o : asOf.closed()) {
        if (!o.created().isBefore(from)) {
          created++;
          createdDates.add(o.created());
        }
        if (o.won()) {
          allWon.add(o);
          if (!o.closed().isBefore(from)) {
            recent.add(o);
          }
        }
      }
      List<Opportunity> templates = recent.isEmpty() ? allWon : recent;
      sizes = templates.stream().mapToDouble(Opportunity::amount).toArray();
      int[] days = templates.stream().mapToInt(o -> (int) ChronoUnit.DAYS.between(o.created(), o.closed())).toArray();
      double meanSize = java.util.Arrays.stream(sizes).average().orElse(0);
      double ratePerDay = created / (double) windowDays;
      NewBusiness nbm = NewBusiness.of(ratePerDay, rates.overallRate(), days, sizes, runDate, months);
      mu = nbm.count();
      sizeWeights = nbm.weights();
      newBusiness = nbm.revenue();
      double dispersion = IntervalUncertainty.dispersion(createdDates, from, runDate);
      double[] sizeRatios = IntervalUncertainty.bootstrapMeanRatios(sizes, SEED);
      uncertainty = new IntervalSimulator.Uncertainty(rates.wonCount(), rates.closedCount() - rates.wonCount(),
          renewals.renewed(), renewals.eligible() - renewals.renewed(), created, dispersion, sizeRatios);
      Map<String, Double> nb = new LinkedHashMap<>();
      nb.put("created_per_month", ratePerDay * 365.25 / 12);
      nb.put("window_days", (double) windowDays);
      nb.put("win_rate", rates.overallRate());
      nb.put("mean_deal_size", meanSize);
      nb.put("deal_sizes", (double) sizes.length);
      double totalWins = 0;
      for (double m : mu) {
        totalWins += m;
      }
      nb.put("expected_wins_in_horizon", totalWins);
      nb.put("creation_dispersion", dispersion);
      params.put("new_business", nb);

      Map<String, Double> wr = new LinkedHashMap<>(rates.parameters());
      sources.forEach((k, v) -> wr.put("open_by_source." + k, v));
      wr.put("open_opportunities", (double) asOf.open().size());
      params.put("win_rate", wr);
      Map<String, Double> tt = new LinkedHashMap<>();
      tt.put("won_count", (double) timing.count());
      tt.put("mean_days", timing.mean());
      tt.put("p10_days", timing.quantile(0.1));
      tt.put("median_days", timing.quantile(0.5));
      tt.put("p90_days", timing.quantile(0.9));
      tt.put("slip_share", slip);
      params.put("time_to_close", tt);
      if (rates.closedCount() == 0) {
        notes.add("forecast: no opportunity closed by the run date: win rates fall back to row/stage probabilities,"
            + " new_business_revenue is 0");
      }
    }

    // Each month's simulation has its own seed: they run on the driver's cores side by side, same results.
    IntervalSimulator.Interval[] intervals = new IntervalSimulator.Interval[Math.max(0, Math.min(h, simulatedMonths))];
    double[] means = mu;
    double[] dealSizes = sizes;
    double[][] weights = sizeWeights;
    IntervalSimulator.Uncertainty u = uncertainty;
    java.util.stream.IntStream.range(0, intervals.length).parallel().forEach(i -> intervals[i] =
        IntervalSimulator.simulate(terms.get(i), means[i], dealSizes, weights[i], u, draws, SEED + i));
    List<Month> out = new ArrayList<>();
    for (int i = 0; i < h; i++) {
      double point = contracted[i] + renewal[i] + pipeline[i] + newBusiness[i];
      double low = point;
      double high = point;
      if (i < simulatedMonths) {
        IntervalSimulator.Interval iv = intervals[i];
        // The band always holds the point forecast: a month whose revenue hangs on one unlikely large deal has a
        // mean above its simulated 90th percentile (or, rarely, below its 10th); the band is widened to it, never
        // narrowed.
        low = Math.min(contracted[i] + iv.low(), point);
        high = Math.max(contracted[i] + iv.high(), point);
      }
      out.add(new Month(months.get(i), contracted[i], renewal[i], pipeline[i], newBusiness[i], low, high));
    }
    Map<String, Double> sim = new LinkedHashMap<>();
    sim.put("simulations", (double) options.simulations());
    sim.put("interval_level", 0.8);
    params.put("forecast_interval", sim);
    return new Result(out, params, notes);
  }

  /**
   * Share of the open deals of known stage with an expected close date whose date is on or before the run
   * date: deals whose date was missed; 0 when none has a date.
   */
  static double slipShare(List<Opportunity> open, LocalDate runDate) {
    int dated = 0;
    int missed = 0;
    for (Opportunity o : open) {
      if (o.stage() != null && o.expectedClose() != null) {
        dated++;
        missed += o.expectedClose().isAfter(runDate) ? 0 : 1;
      }
    }
    return dated == 0 ? 0 : missed / (double) dated;
  }
}
