package io.crmaffinity.bench;

import static io.crmaffinity.bench.BenchMetrics.value;

import io.crmaffinity.config.JobConfig;
import io.crmaffinity.forecast.Contract;
import io.crmaffinity.forecast.ForecastBacktest;
import io.crmaffinity.forecast.ForecastInputs;
import io.crmaffinity.forecast.ForecastOptions;
import io.crmaffinity.forecast.ForecastScenario;
import io.crmaffinity.forecast.Opportunity;
import io.crmaffinity.forecast.RevenueForecaster;
import io.crmaffinity.ingest.CrmTables;
import io.crmaffinity.ingest.Ingestion;
import io.crmaffinity.ingest.TableReader;
import io.crmaffinity.ingest.TableSpec;
import io.crmaffinity.job.Scenario;
import io.crmaffinity.spark.SparkSessions;
import java.io.File;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Backtests the revenue forecast at every month start from FROM to TO in one JVM (jobs/bench-forecast.sh):
 * the tables are read and validated once, then each cutoff is forecast and scored exactly as
 * {@code evaluate --cutoff} scores the forecast task (same classes, same options), without the rule mining the
 * other scenarios need. Prints one line per cutoff and a summary line; nothing is written.
 *
 * <p>Arguments: a config file, FROM and TO (YYYY-MM-DD, month starts), then optionally {@code --set KEY=VALUE}.
 */
public final class ForecastSweep {
  private ForecastSweep() {}

  static final String[] METHODS = {"crm-affinity", "trailing-3m", "weighted-pipeline"};

  public static void main(String[] args) {
    File conf = new File(args[0]);
    LocalDate from = LocalDate.parse(args[1]);
    LocalDate to = LocalDate.parse(args[2]);
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 3; i < args.length; i++) {
      if (!"--set".equals(args[i]) || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --set KEY=VALUE, got " + args[i]);
      }
      String[] kv = args[++i].split("=", 2);
      overrides.put(kv[0], kv[1]);
    }
    JobConfig cfg = JobConfig.load(conf, overrides);
    SparkSession spark = SparkSessions.create(cfg.sparkConf());
    spark.sparkContext().setLogLevel("ERROR");
    TableReader reader = new TableReader(spark, cfg.inputPath(), cfg.inputFormat(), cfg.jdbc(), System::getenv);
    CrmTables tables = Ingestion.load(reader, TableSpec.ALL, cfg.maxRejectShare());
    List<Opportunity> opps = ForecastInputs.opportunities(tables);
    List<Contract> contracts = ForecastInputs.contracts(tables);
    opps = opps == null ? List.of() : opps;
    contracts = contracts == null ? List.of() : contracts;
    ForecastOptions options = cfg.forecast();
    LocalDate observedUntil = ForecastScenario.observedUntil(tables, to.minusDays(1));
    spark.stop();

    System.out.printf(Locale.ROOT, "%-10s %6s %12s %12s %17s %6s %8s %13s %13s%n", "cutoff", "months",
        "crm-affinity", "trailing-3m", "weighted-pipeline", "best", "inside", "forecast", "actual");
    double[] apeSum = new double[METHODS.length];
    int[] best = new int[METHODS.length];
    int cutoffs = 0;
    int inside = 0;
    int scored = 0;
    double forecastSum = 0;
    double actualSum = 0;
    for (LocalDate cutoff = from; !cutoff.isAfter(to); cutoff = cutoff.plusMonths(1)) {
      LocalDate runDate = cutoff.minusDays(1);
      RevenueForecaster.Result r = RevenueForecaster.forecast(opps, contracts, runDate, options);
      List<Scenario.Metric> m = ForecastBacktest.evaluate(r.months(), opps, contracts, runDate, observedUntil,
          options);
      int months = (int) value(m, "crm-affinity", "months_scored");
      double[] ape = new double[METHODS.length];
      for (int k = 0; k < METHODS.length; k++) {
        ape[k] = value(m, METHODS[k], "horizon_ape");
      }
      if (months == 0 || Double.isNaN(ape[0])) {
        System.out.printf(Locale.ROOT, "%-10s %6d   (nothing to score)%n", cutoff, months);
        continue;
      }
      int b = 0;
      for (int k = 1; k < METHODS.length; k++) {
        b = ape[k] < ape[b] ? k : b;
      }
      best[b]++;
      cutoffs++;
      for (int k = 0; k < METHODS.length; k++) {
        apeSum[k] += ape[k];
      }
      int in = (int) Math.round(value(m, "crm-affinity", "interval_coverage") * months);
      inside += in;
      scored += months;
      double f = value(m, "crm-affinity", "forecast_total");
      double a = value(m, "crm-affinity", "actual_total");
      forecastSum += f;
      actualSum += a;
      System.out.printf(Locale.ROOT, "%-10s %6d %12.3f %12.3f %17.3f %6s %8s %13.0f %13.0f%n", cutoff, months,
          ape[0], ape[1], ape[2], b == 0 ? "ours" : b == 1 ? "trail" : "wp", in + "/" + months, f, a);
    }
    if (cutoffs == 0) {
      System.out.println("summary: no cutoff had a complete month to score (the data ends " + observedUntil + ")");
      return;
    }
    System.out.printf(Locale.ROOT, "summary: %d cutoffs; mean horizon APE crm-affinity %.3f, trailing-3m %.3f,"
        + " weighted-pipeline %.3f; lowest error at %d / %d / %d cutoffs; actual inside the 80 %% interval in"
        + " %d of %d months (%.0f %%); forecast / actual over all cutoffs %.3f%n", cutoffs,
        apeSum[0] / cutoffs, apeSum[1] / cutoffs, apeSum[2] / cutoffs, best[0], best[1], best[2], inside, scored,
        100.0 * inside / Math.max(1, scored), forecastSum / actualSum);
  }
}
