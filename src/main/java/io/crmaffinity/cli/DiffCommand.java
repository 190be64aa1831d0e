package io.crmaffinity.cli;

import static org.apache.spark.sql.functions.col;

import io.crmaffinity.config.JobConfig;
import io.crmaffinity.history.RuleDiff;
import io.crmaffinity.history.RunHistory;
import io.crmaffinity.output.DeltaOutputs;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code diff}: what changed between two runs' rule sets. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Compare two succeeded runs' rules: new, dropped, and those whose rank or measures moved most.")
final class DiffCommand implements Callable<Integer> {
  @ParentCommand
  Main parent;

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions options;

  @Option(names = "--output", paramLabel = "LOCATION", description = "Output location (sets output.path).")
  String output;

  @Option(names = "--from", paramLabel = "RUN", description = "Earlier run: a run_id or a run date. Default: "
      + "the succeeded run before --to.")
  String from;

  @Option(names = "--to", paramLabel = "RUN", description = "Later run: a run_id or a run date. Default: the "
      + "latest succeeded run.")
  String to;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Rules listed per group (default 10).")
  int top;

  @Override
  public Integer call() {
    JobConfig cfg = options.load(ConfigOptions.shortcut("output.path", output));
    SparkSession spark = parent.sessions().apply(cfg.sparkConf());
    RunHistory history = new RunHistory(new DeltaOutputs(spark, cfg.outputPath(), cfg.outputDatabase(),
        java.time.Duration.ofHours(cfg.staleRunHours())));
    Row later = history.resolve(to, null);
    Row earlier = history.resolve(from, later);
    Dataset<Row> diff = io.crmaffinity.spark.JobCaches.cache(RuleDiff.compare(history.rules(earlier),
        history.rules(later)));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "from run %s (%s) to run %s (%s)%n", earlier.getString(0), earlier.get(1),
        later.getString(0), later.get(1));
    Map<String, Long> counts = new TreeMap<>();
    for (Row r : diff.groupBy("change").count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    out.printf(Locale.ROOT, "rules: %d new, %d dropped, %d changed, %d the same%n", counts.getOrDefault("NEW", 0L),
        counts.getOrDefault("DROPPED", 0L), counts.getOrDefault("CHANGED", 0L), counts.getOrDefault("SAME", 0L));
    section(out, "New", diff.where(col("change").equalTo("NEW")).orderBy(col("segment"), col("rank_to")).limit(top));
    section(out, "Dropped", diff.where(col("change").equalTo("DROPPED")).orderBy(col("segment"), col("rank_from"))
        .limit(top));
    section(out, "Moved most", RuleDiff.movedMost(diff, top));
    out.flush();
    return Main.OK;
  }

  private static void section(PrintWriter out, String title, Dataset<Row> rows) {
    List<Row> list = rows.collectAsList();
    if (list.isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, "%s:%n", title);
    for (Row r : list) {
      String rule = String.join(" + ", r.<String>getList(1)) + " => " + String.join(" + ", r.<String>getList(2));
      out.printf(Locale.ROOT, "  %-24s %-44s rank %s -> %s   IG %s -> %s%n", r.getString(0), rule,
          r.isNullAt(4) ? "-" : r.get(4), r.isNullAt(5) ? "-" : r.get(5),
          r.isNullAt(7) ? "-" : String.format(Locale.ROOT, "%.4f", r.getDouble(7)),
          r.isNullAt(8) ? "-" : String.format(Locale.ROOT, "%.4f", r.getDouble(8)));
    }
  }
}
