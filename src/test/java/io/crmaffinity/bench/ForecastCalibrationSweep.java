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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The forecast backtest at every month start over several data sets in one JVM, for calibrating the interval
 * (jobs/bench-forecast.sh calibration): each data set's validated opportunity and contract rows are read once
 * through the job's ingestion and kept under target/forecast-cache/ (pure text, one row a line), so that later
 * sweeps run in pure Java without Spark. Per data set it prints the mean horizon APE, MAPE, the share of
 * months inside the 80 % interval, the pinball losses at 10 % and 90 % (over the actual revenue, so that data
 * sets of other sizes weigh alike) and the coverage by horizon month; then the same over all data sets.
 *
 * <p>Arguments: a config file, FROM and TO (month starts), then data-set folders, then optionally
 * {@code --set KEY=VALUE}.
 */
public final class ForecastCalibrationSweep {
  private ForecastCalibrationSweep() {}

  record Data(List<Opportunity> opps, List<Contract> contracts, LocalDate observedUntil) {}

  public static void main(String[] args) throws IOException {
    File conf = new File(args[0]);
    LocalDate from = LocalDate.parse(args[1]);
    LocalDate to = LocalDate.parse(args[2]);
    List<String> dirs = new ArrayList<>();
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 3; i < args.length; i++) {
      if ("--set".equals(args[i]) && i + 1 < args.length) {
        String[] kv = args[++i].split("=", 2);
        overrides.put(kv[0], kv[1]);
      } else {
        dirs.add(args[i]);
      }
    }
    JobConfig cfg = JobConfig.load(conf, overrides);
    ForecastOptions options = cfg.forecast();
    Totals all = new Totals(options.horizonMonths());
    for (String dir : dirs) {
      Data data = load(cfg, dir, conf, to);
      Totals t = new Totals(options.horizonMonths());
      long t0 = System.nanoTime();
      for (LocalDate cutoff = from; !cutoff.isAfter(to); cutoff = cutoff.plusMonths(1)) {
        LocalDate runDate = cutoff.minusDays(1);
        RevenueForecaster.Result r = RevenueForecaster.forecast(data.opps, data.contracts, runDate, options);
        List<Scenario.Metric> m = ForecastBacktest.evaluate(r.months(), data.opps, data.contracts, runDate,
            data.observedUntil, options);
        int months = (int) value(m, "crm-affinity", "months_scored");
        double ape = value(m, "crm-affinity", "horizon_ape");
        if (months == 0 || Double.isNaN(ape)) {
          continue;
        }
        List<RevenueForecaster.Month> scored = r.months().subList(0, months);
        double[] actual = ForecastBacktest.actuals(data.opps, data.contracts, runDate,
            scored.stream().map(RevenueForecaster.Month::month).toList(), options.renewalGraceDays());
        Double shortHistory = r.parameters().getOrDefault("forecast_interval", Map.of()).get("short_history");
        t.add(m, scored, actual, shortHistory != null && shortHistory > 0);
      }
      t.seconds = (System.nanoTime() - t0) / 1e9;
      System.out.println(t.line(new File(dir).getName()));
      all.merge(t);
    }
    System.out.println(all.line("ALL"));
  }

  static final class Totals {
    int cutoffs;
    double ape;
    double mape;
    double apeTrail;
    double apeWp;
    int months;
    int inside;
    int below;
    int above;
    double pinLow;
    double pinHigh;
    double actual;
    double width;
    double seconds;
    int shortMonths;
    int shortInside;
    final int[] byH;
    final int[] inByH;

    Totals(int h) {
      byH = new int[h];
      inByH = new int[h];
    }

    void add(List<Scenario.Metric> m, List<RevenueForecaster.Month> f, double[] a, boolean shortHistory) {
      cutoffs++;
      ape += value(m, "crm-affinity", "horizon_ape");
      mape += value(m, "crm-affinity", "mape");
      apeTrail += value(m, "trailing-3m", "horizon_ape");
      apeWp += value(m, "weighted-pipeline", "horizon_ape");
      for (int i = 0; i < a.length; i++) {
        RevenueForecaster.Month x = f.get(i);
        months++;
        byH[i]++;
        boolean in = a[i] >= x.low() && a[i] <= x.high();
        inside += in ? 1 : 0;
        inByH[i] += in ? 1 : 0;
        shortMonths += shortHistory ? 1 : 0;
        shortInside += shortHistory && in ? 1 : 0;
        below += a[i] < x.low() ? 1 : 0;
        above += a[i] > x.high() ? 1 : 0;
        pinLow += pinball(0.1, a[i], x.low()) / Math.max(1, a[i]);
        pinHigh += pinball(0.9, a[i], x.high()) / Math.max(1, a[i]);
        width += (x.high() - x.low()) / Math.max(1, a[i]);
      }
    }

    void merge(Totals t) {
      cutoffs += t.cutoffs;
      ape += t.ape;
      mape += t.mape;
      apeTrail += t.apeTrail;
      apeWp += t.apeWp;
      months += t.months;
      inside += t.inside;
      below += t.below;
      above += t.above;
      pinLow += t.pinLow;
      pinHigh += t.pinHigh;
      width += t.width;
      seconds += t.seconds;
      shortMonths += t.shortMonths;
      shortInside += t.shortInside;
      for (int i = 0; i < byH.length; i++) {
        byH[i] += t.byH[i];
        inByH[i] += t.inByH[i];
      }
    }

    String line(String name) {
      StringBuilder h = new StringBuilder();
      for (int i = 0; i < byH.length; i++) {
        h.append(String.format(Locale.ROOT, " %3.0f", 100.0 * inByH[i] / Math.max(1, byH[i])));
      }
      return String.format(Locale.ROOT, "%-24s cut %3d APE %.3f (trail %.3f wp %.3f) MAPE %.3f inside %4d/%4d"
          + " %5.1f %% (below %3d above %3d; short history %d/%d) pinball10 %.4f pinball90 %.4f width %.3f by-h%s  %.1fs", name, cutoffs,
          ape / cutoffs, apeTrail / cutoffs, apeWp / cutoffs, mape / cutoffs, inside, months,
          100.0 * inside / Math.max(1, months), below, above, shortInside, shortMonths, pinLow / months, pinHigh / months, width / months, h,
          seconds);
    }
  }

  static double pinball(double tau, double y, double q) {
    return y >= q ? tau * (y - q) : (1 - tau) * (q - y);
  }

  /** The data set's validated rows, from the cache under target/forecast-cache/ or read once and cached. */
  static Data load(JobConfig base, String dir, File conf, LocalDate to) throws IOException {
    Path cache = Path.of("target/forecast-cache", dir.replaceAll("[^A-Za-z0-9._-]", "_") + ".tsv");
    if (!Files.exists(cache)) {
      JobConfig cfg = JobConfig.load(conf, Map.of("input.path", dir));
      SparkSession spark = SparkSessions.create(cfg.sparkConf());
      spark.sparkContext().setLogLevel("ERROR");
      TableReader reader = new TableReader(spark, cfg.inputPath(), cfg.inputFormat(), cfg.jdbc(), System::getenv);
      CrmTables tables = Ingestion.load(reader, TableSpec.ALL, cfg.maxRejectShare());
      List<Opportunity> opps = ForecastInputs.opportunities(tables);
      List<Contract> contracts = ForecastInputs.contracts(tables);
      LocalDate observedUntil = ForecastScenario.observedUntil(tables, to.minusDays(1));
      List<String> lines = new ArrayList<>();
      lines.add("U\t" + observedUntil);
      for (Opportunity o : opps == null ? List.<Opportunity>of() : opps) {
        lines.add(String.join("\t", "O", o.id(), o.category(), s(o.stage()), Double.toString(o.amount()),
            s(o.probability()), s(o.created()), s(o.expectedClose()), s(o.closed())));
      }
      for (Contract k : contracts == null ? List.<Contract>of() : contracts) {
        lines.add(String.join("\t", "K", k.id(), k.customerId(), k.productId(), s(k.opportunityId()),
            s(k.start()), s(k.end()), Double.toString(k.value())));
      }
      Files.createDirectories(cache.getParent());
      Files.write(cache, lines, StandardCharsets.UTF_8);
    }
    List<Opportunity> opps = new ArrayList<>();
    List<Contract> contracts = new ArrayList<>();
    LocalDate until = null;
    for (String line : Files.readAllLines(cache, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", -1);
      switch (f[0]) {
        case "U" -> until = LocalDate.parse(f[1]);
        case "O" -> opps.add(new Opportunity(f[1], f[2], n(f[3]), Double.parseDouble(f[4]),
            n(f[5]) == null ? null : Double.parseDouble(f[5]), date(f[6]), date(f[7]), date(f[8])));
        case "K" -> contracts.add(new Contract(f[1], f[2], f[3], n(f[4]), date(f[5]), date(f[6]),
            Double.parseDouble(f[7])));
        default -> throw new IllegalStateException(line);
      }
    }
    return new Data(opps, contracts, until);
  }

  private static String s(Object v) {
    return v == null ? "" : v.toString();
  }

  private static String n(String v) {
    return v.isEmpty() ? null : v;
  }

  private static LocalDate date(String v) {
    return v.isEmpty() ? null : LocalDate.parse(v);
  }
}
