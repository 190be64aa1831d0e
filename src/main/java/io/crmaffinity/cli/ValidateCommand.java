package io.crmaffinity.cli;

import io.crmaffinity.config.JobConfig;
import io.crmaffinity.ingest.CrmTables;
import io.crmaffinity.ingest.Ingestion;
import io.crmaffinity.ingest.JdbcOptions;
import io.crmaffinity.ingest.TableCounts;
import io.crmaffinity.ingest.TableReader;
import io.crmaffinity.ingest.TableSpec;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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

/**
 * {@code validate}: only the input stage — table checks and row rules — with a per-table summary. Writes
 * nothing. Exit 0 when the input is usable, 2 when a table is not, 3 when a table's rejected share is above
 * input.max-reject-share (the summary is printed first).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check the CRM tables against the contract and print rows read, used and rejected by rule.")
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand
  Main parent;

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions options;

  @Option(names = "--input", paramLabel = "LOCATION", description = "Input location (sets input.path).")
  String input;

  @Override
  public Integer call() {
    JobConfig cfg = options.load(ConfigOptions.shortcut("input.path", input));
    SparkSession spark = parent.sessions().apply(cfg.sparkConf());
    TableReader reader = new TableReader(spark, cfg.inputPath(), cfg.inputFormat(), cfg.jdbc(), System::getenv);
    Map<String, Dataset<Row>> raw = new LinkedHashMap<>();
    for (TableSpec t : TableSpec.ALL) {
      reader.read(t).ifPresent(df -> raw.put(t.name(), df));
    }
    CrmTables tables = Ingestion.validateRows(raw, TableSpec.ALL);
    PrintWriter out = spec.commandLine().getOut();
    print(JdbcOptions.redact(cfg.inputPath()), tables.counts(), cfg.maxRejectShare(), out);
    for (TableSpec t : TableSpec.ALL) {
      if (!raw.containsKey(t.name())) {
        out.printf(Locale.ROOT, "  %-14s not given (optional)%n", t.name());
      }
    }
    out.flush();
    Ingestion.checkRejectShares(tables.counts(), cfg.maxRejectShare());
    return Main.OK;
  }

  static void print(String input, Map<String, TableCounts> counts, double maxShare, PrintWriter out) {
    out.printf(Locale.ROOT, "Input %s (max reject share %.1f%%):%n", input, 100 * maxShare);
    out.printf(Locale.ROOT, "  %-14s %9s %9s %9s %7s  %s%n", "table", "read", "used", "rejected", "share",
        "rejected by rule");
    counts.forEach((t, c) -> out.printf(Locale.ROOT, "  %-14s %9d %9d %9d %6.2f%%  %s%s%n", t, c.read(), c.used(),
        c.rejected(), 100 * c.rejectedShare(), c.rejectedByRule().isEmpty() ? "-" : new java.util.TreeMap<>(
            c.rejectedByRule()), c.rejectedShare() > maxShare ? "  <-- above the bound" : ""));
    out.flush();
  }
}
