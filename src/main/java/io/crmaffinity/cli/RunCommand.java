package io.crmaffinity.cli;

import io.crmaffinity.config.ConfigException;
import io.crmaffinity.config.JobConfig;
import io.crmaffinity.ingest.TableCounts;
import io.crmaffinity.job.AffinityJob;
import io.crmaffinity.job.RunSummary;
import io.crmaffinity.report.Reports;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code run}: mine the CRM tables into rules and write the Delta tables. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Mine the CRM tables into ranked rules and write the Delta tables.")
final class RunCommand implements Callable<Integer> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunCommand.class);

  @ParentCommand
  Main parent;

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions options;

  @Mixin
  LocationOptions locations;

  @Option(names = "--run-date", paramLabel = "YYYY-MM-DD",
      description = "Date the run is for; orders after it are not used. Default: today (UTC).")
  String runDate;

  @Override
  public Integer call() {
    JobConfig cfg = locations.load(options);
    LocalDate date = parseRunDate(runDate);
    SparkSession spark = parent.sessions().apply(cfg.sparkConf());
    RunSummary summary = new AffinityJob(spark, cfg, date).run();
    try {
      print(summary, spec.commandLine().getOut());
    } catch (RuntimeException e) {
      // The run is committed (SUCCEEDED in job_runs): a console that fails cannot make it a failure.
      LOG.warn("Run {} SUCCEEDED; printing its summary failed: {}", summary.runId(), e.toString());
    }
    // After the commit too: a report that cannot be written is a WARN, and the path is the last line printed.
    spec.commandLine().getOut().println(Reports.afterRun(spark, cfg, summary.runId()));
    spec.commandLine().getOut().flush();
    return Main.OK;
  }

  static LocalDate parseRunDate(String text) {
    return text == null ? LocalDate.now(ZoneOffset.UTC) : parseDate("--run-date", text);
  }

  /** A YYYY-MM-DD option value; a bad one is an argument error (exit 2) naming the option. */
  static LocalDate parseDate(String option, String text) {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new ConfigException(option + ": expected a date YYYY-MM-DD, got '" + text + "'");
    }
  }

  static void print(RunSummary s, PrintWriter out) {
    out.printf(Locale.ROOT, "crm-affinity run %s for %s: SUCCEEDED%n", s.runId(), s.runDate());
    StringBuilder in = new StringBuilder();
    for (Map.Entry<String, TableCounts> e : s.inputs().entrySet()) {
      TableCounts c = e.getValue();
      in.append(String.format(Locale.ROOT, "  %-14s %7d read %7d used %5d rejected%n", e.getKey(), c.read(),
          c.used(), c.rejected()));
    }
    out.print(in);
    out.printf(Locale.ROOT, "%d baskets, %d frequent itemsets, %d rules (%d kept) -> %s%n", s.baskets(),
        s.itemsets(), s.rules(), s.rulesKept(), s.outputPath());
    if (s.rulesBySegment().size() > 1) {
      out.printf(Locale.ROOT, "Rules kept per segment: %s%n", s.rulesBySegment());
    }
    if (!s.topRules().isEmpty()) {
      out.printf(Locale.ROOT, "Top rules by %s over all baskets:%n", s.rankBy());
      out.printf(Locale.ROOT, "  %4s  %-60s %8s %6s %6s %8s%n", "rank", "rule", "support", "conf", "lift", "IG bits");
      for (RunSummary.TopRule r : s.topRules()) {
        String rule = String.join(" + ", r.antecedent()) + " => " + String.join(" + ", r.consequent());
        out.printf(Locale.ROOT, "  %4d  %-60s %8.4f %6.3f %6.2f %8.5f%n", r.rank(), rule, r.support(),
            r.confidence(), r.lift(), r.informationGain());
      }
    }
    for (String line : s.report()) {
      out.println(line);
    }
    StringBuilder st = new StringBuilder("Seconds per stage:");
    s.stageSeconds().forEach((k, v) -> st.append(String.format(Locale.ROOT, " %s %.1f", k, v)));
    out.println(st);
    out.flush();
  }
}
