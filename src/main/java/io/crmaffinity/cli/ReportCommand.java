package io.crmaffinity.cli;

import io.crmaffinity.config.JobConfig;
import io.crmaffinity.report.Reports;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code report}: writes the HTML report of a past run, or of an evaluate cutoff, again from the Delta tables. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write the HTML report of a succeeded run (default: the latest) or of an evaluate cutoff again, "
        + "from the Delta tables alone, under <output>/reports/.")
final class ReportCommand implements Callable<Integer> {
  @ParentCommand
  Main parent;

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions options;

  @Option(names = "--output", paramLabel = "LOCATION", description = "Output location (sets output.path).")
  String output;

  @ArgGroup(exclusive = true)
  Which which = new Which();

  static final class Which {
    @Option(names = "--run-date", paramLabel = "YYYY-MM-DD", description = "The date's latest succeeded run.")
    String runDate;

    @Option(names = "--run-id", paramLabel = "RUN_ID", description = "A succeeded run by its run_id.")
    String runId;

    @Option(names = "--cutoff", paramLabel = "YYYY-MM-DD", description = "The backtest of this cutoff (evaluate).")
    String cutoff;
  }

  @Override
  public Integer call() {
    JobConfig cfg = options.load(ConfigOptions.shortcut("output.path", output));
    String runOrDate = which.runId != null ? which.runId
        : which.runDate == null ? null : RunCommand.parseDate("--run-date", which.runDate).toString();
    java.time.LocalDate cutoff = which.cutoff == null ? null : RunCommand.parseDate("--cutoff", which.cutoff);
    SparkSession spark = parent.sessions().apply(cfg.sparkConf());
    String path = cutoff != null ? Reports.writeEvaluate(spark, cfg, cutoff) : Reports.writeRun(spark, cfg, runOrDate);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Report: " + path);
    out.flush();
    return Main.OK;
  }
}
