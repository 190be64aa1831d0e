package io.crmaffinity.bench;

import static io.crmaffinity.bench.BenchMetrics.value;

import io.crmaffinity.config.JobConfig;
import io.crmaffinity.ingest.CrmTables;
import io.crmaffinity.ingest.Ingestion;
import io.crmaffinity.ingest.TableReader;
import io.crmaffinity.ingest.TableSpec;
import io.crmaffinity.job.AffinityJob;
import io.crmaffinity.job.JobContext;
import io.crmaffinity.job.Scenario;
import io.crmaffinity.recommend.RecommendScenario;
import io.crmaffinity.spark.SparkSessions;
import java.io.File;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Backtests several recommend.* choices (the similar-items tier on and off, its options) at several cutoffs in
 * one JVM (jobs/bench-recommend.sh sweep): the pipeline is built once per cutoff, then each variant recommends and is
 * scored like {@code evaluate} does. Prints one line per cutoff and variant; nothing is written.
 *
 * <p>Arguments: a config file, then cutoffs (YYYY-MM-DD), then optionally {@code --set KEY=VALUE} overrides
 * applied to every variant.
 */
public final class RecommendSweep {
  private RecommendSweep() {}

  /** Variant name → overrides of the configuration given. */
  static final Map<String, Map<String, String>> VARIANTS = new LinkedHashMap<>();

  static {
    VARIANTS.put("default", Map.of());
    VARIANTS.put("similar-items off", Map.of("recommend.similar-items", "false"));
    VARIANTS.put("tiered", Map.of("recommend.similar-merge", "tiered"));
    VARIANTS.put("no lift gate", Map.of("recommend.similarity-min-median-lift", "0"));
  }

  public static void main(String[] args) {
    File conf = new File(args[0]);
    List<LocalDate> cutoffs = new ArrayList<>();
    Map<String, String> common = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      if ("--set".equals(args[i])) {
        String[] kv = args[++i].split("=", 2);
        common.put(kv[0], kv[1]);
      } else {
        cutoffs.add(LocalDate.parse(args[i]));
      }
    }
    JobConfig base = JobConfig.load(conf, common);
    SparkSession spark = SparkSessions.create(base.sparkConf());
    spark.sparkContext().setLogLevel("ERROR");
    TableReader reader = new TableReader(spark, base.inputPath(), base.inputFormat(), base.jdbc(), System::getenv);
    CrmTables tables = Ingestion.load(reader, TableSpec.ALL, base.maxRejectShare());
    RecommendScenario scenario = new RecommendScenario();
    System.out.printf(Locale.ROOT, "%-10s %-24s %8s %8s %8s %8s %8s %6s%n",
        "cutoff", "variant", "hit", "prec", "recall", "mrr", "cover", "n");
    for (LocalDate cutoff : cutoffs) {
      LocalDate runDate = cutoff.minusDays(1);
      AffinityJob.Analysis a = new AffinityJob(spark, base, runDate).analyse(tables);
      boolean baselinesShown = false;
      for (Map.Entry<String, Map<String, String>> v : VARIANTS.entrySet()) {
        Map<String, String> o = new LinkedHashMap<>(common);
        o.putAll(v.getValue());
        JobConfig cfg = JobConfig.load(conf, o);
        JobContext ctx = new JobContext(spark, cfg, runDate, tables, a.baskets(), a.rules(), Map.of(),
            new ArrayList<>());
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        scenario.outputs(ctx).forEach((t, df) -> out.put(t, df.persist(StorageLevel.MEMORY_AND_DISK())));
        List<Scenario.Metric> m = scenario.evaluate(ctx, out);
        out.values().forEach(Dataset::unpersist);
        int k = cfg.recommend().topN();
        System.out.printf(Locale.ROOT, "%-10s %-24s %8.4f %8.4f %8.4f %8.4f %8.4f %6.0f%s%n", cutoff, v.getKey(),
            value(m, "crm-affinity", "hit_rate@" + k), value(m, "crm-affinity", "precision@" + k),
            value(m, "crm-affinity", "recall@" + k), value(m, "crm-affinity", "mrr@" + k),
            value(m, "crm-affinity", "catalogue_coverage@" + k),
            value(m, "crm-affinity", "customers"),
            baselinesShown ? "" : String.format(Locale.ROOT, "   baselines hit/mrr: popularity %.4f/%.4f, "
                + "co-occurrence %.4f/%.4f", value(m, "popularity", "hit_rate@" + k),
                value(m, "popularity", "mrr@" + k), value(m, "co-occurrence", "hit_rate@" + k),
                value(m, "co-occurrence", "mrr@" + k)));
        baselinesShown = true;
      }
      a.baskets().unpersist();
    }
    spark.stop();
  }

}
