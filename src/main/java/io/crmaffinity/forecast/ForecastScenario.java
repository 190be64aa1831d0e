package io.crmaffinity.forecast;

import io.crmaffinity.ingest.CrmTables;
import io.crmaffinity.job.JobContext;
import io.crmaffinity.job.Scenario;
import io.crmaffinity.output.OutputSchemas;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The revenue forecast: {@code revenue_forecast} (one row per horizon month) and the learned rates in
 * {@code model_parameters}; {@code evaluate} scores it and two baselines against the months after the cutoff.
 */
public final class ForecastScenario implements Scenario {

  @Override
  public String name() {
    return "forecast";
  }

  @Override
  public java.util.List<String> tables() {
    return java.util.List.of(OutputSchemas.REVENUE_FORECAST, OutputSchemas.MODEL_PARAMETERS);
  }

  @Override
  public Map<String, Dataset<Row>> outputs(JobContext ctx) {
    ForecastOptions options = ctx.config().forecast();
    List<Opportunity> opportunities = ForecastInputs.opportunities(ctx.tables());
    List<Contract> contracts = ForecastInputs.contracts(ctx.tables());
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    if ((opportunities == null || opportunities.isEmpty()) && (contracts == null || contracts.isEmpty())) {
      // Nothing the forecast is made of: an empty table says so more honestly than months of 0.
      ctx.notes().add("forecast: revenue_forecast is empty: no opportunity and no contract in the input");
      out.put(OutputSchemas.REVENUE_FORECAST, forecastRows(ctx, List.of()));
      return out;
    }
    RevenueForecaster.Result result = RevenueForecaster.forecast(opportunities, contracts, ctx.runDate(), options);
    ctx.notes().addAll(result.notes());
    out.put(OutputSchemas.REVENUE_FORECAST, forecastRows(ctx, result.months()));
    out.put(OutputSchemas.MODEL_PARAMETERS, parameterRows(ctx, result.parameters()));
    return out;
  }

  static Dataset<Row> forecastRows(JobContext ctx, List<RevenueForecaster.Month> months) {
    List<Row> rows = new ArrayList<>();
    for (RevenueForecaster.Month m : months) {
      rows.add(RowFactory.create(Date.valueOf(m.month()), m.contracted(), m.renewal(), m.pipeline(),
          m.newBusiness(), m.forecast(), m.low(), m.high()));
    }
    return ctx.spark().createDataFrame(rows, without(OutputSchemas.REVENUE_FORECAST_SCHEMA));
  }

  static Dataset<Row> parameterRows(JobContext ctx, Map<String, Map<String, Double>> params) {
    List<Row> rows = new ArrayList<>();
    params.forEach((model, ps) -> ps.forEach((p, v) -> {
      if (Double.isFinite(v)) {
        rows.add(RowFactory.create(model, p, v));
      }
    }));
    return ctx.spark().createDataFrame(rows, without(OutputSchemas.MODEL_PARAMETERS_SCHEMA));
  }

  private static StructType without(StructType s) {
    return new StructType(java.util.Arrays.stream(s.fields())
        .filter(f -> !f.name().equals("run_id") && !f.name().equals("run_date"))
        .toArray(org.apache.spark.sql.types.StructField[]::new));
  }

  static List<RevenueForecaster.Month> read(Dataset<Row> forecast) {
    List<RevenueForecaster.Month> months = new ArrayList<>();
    for (Row r : forecast.orderBy("month").collectAsList()) {
      months.add(new RevenueForecaster.Month(((Date) r.getAs("month")).toLocalDate(),
          r.<Double>getAs("contracted_revenue"), r.<Double>getAs("renewal_revenue"),
          r.<Double>getAs("pipeline_revenue"), r.<Double>getAs("new_business_revenue"),
          r.<Double>getAs("forecast_low"), r.<Double>getAs("forecast_high")));
    }
    return months;
  }

  @Override
  public List<String> summary(JobContext ctx, Map<String, Dataset<Row>> outputs) {
    Dataset<Row> df = outputs.get(OutputSchemas.REVENUE_FORECAST);
    if (df == null) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    List<RevenueForecaster.Month> months = read(df);
    if (months.isEmpty()) {
      lines.add("Revenue forecast: not made: no opportunity and no contract in the input");
      return lines;
    }
    if (months.stream().allMatch(m -> m.forecast() == 0 && m.high() == 0)) {
      lines.add("Revenue forecast: 0 in each of the " + months.size() + " months: no contract in force or due for"
          + " renewal, no open opportunity, and no won deal to learn new business from");
      return lines;
    }
    lines.add("Revenue forecast (80 % interval):");
    lines.add(String.format(Locale.ROOT, "  %-7s %12s %12s %12s %12s %12s %12s %12s", "month", "contracted",
        "renewal", "pipeline", "new business", "forecast", "low", "high"));
    for (RevenueForecaster.Month m : months) {
      lines.add(String.format(Locale.ROOT, "  %-7s %12.0f %12.0f %12.0f %12.0f %12.0f %12.0f %12.0f",
          m.month().toString().substring(0, 7), m.contracted(), m.renewal(), m.pipeline(), m.newBusiness(),
          m.forecast(), m.low(), m.high()));
    }
    return lines;
  }

  @Override
  public List<Metric> evaluate(JobContext ctx, Map<String, Dataset<Row>> outputs) {
    List<RevenueForecaster.Month> forecast = read(outputs.get(OutputSchemas.REVENUE_FORECAST));
    if (forecast.isEmpty()) {
      return List.of();
    }
    List<Opportunity> opps = ForecastInputs.opportunities(ctx.tables());
    List<Contract> contracts = ForecastInputs.contracts(ctx.tables());
    LocalDate observedUntil = observedUntil(ctx.tables(), ctx.runDate());
    if (observedUntil.isBefore(Months.end(ctx.runDate().withDayOfMonth(1).plusMonths(ctx.config().forecast()
        .horizonMonths())))) {
      ctx.notes().add("forecast evaluation: the data ends " + observedUntil
          + ": only the horizon months that end by then are scored");
    }
    return ForecastBacktest.evaluate(forecast,
        opps == null ? List.of() : opps, contracts == null ? List.of() : contracts, ctx.runDate(), observedUntil,
        ctx.config().forecast());
  }

  /**
   * The last date the data holds: the latest order, opportunity created or closed, or contract start;
   * {@code fallback} when the tables hold no date.
   */
  public static LocalDate observedUntil(CrmTables tables, LocalDate fallback) {
    LocalDate last = latest(tables.table("orders"), "order_date");
    for (LocalDate d : new LocalDate[] {
        tables.optionalTable("opportunities").map(o -> latest(o, "created_date")).orElse(null),
        tables.optionalTable("opportunities").map(o -> latest(o, "closed_date")).orElse(null),
        tables.optionalTable("contracts").map(o -> latest(o, "start_date")).orElse(null)}) {
      if (d != null && (last == null || d.isAfter(last))) {
        last = d;
      }
    }
    return last == null ? fallback : last;
  }

  private static LocalDate latest(Dataset<Row> df, String column) {
    Row r = df.agg(org.apache.spark.sql.functions.max(column)).first();
    return ForecastInputs.date(r.get(0));
  }
}
