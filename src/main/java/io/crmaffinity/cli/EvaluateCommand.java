package io.crmaffinity.cli;

import io.crmaffinity.config.JobConfig;
import io.crmaffinity.job.AffinityJob;
import io.crmaffinity.job.Scenario;
import io.crmaffinity.report.EvaluateReport;
import io.crmaffinity.report.Reports;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

/** {@code evaluate}: a time-split backtest of recommendations, forecast and customer value at a cutoff. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Backtest: run the pipeline on the data before --cutoff, score it against what happened after.")
final class EvaluateCommand implements Callable<Integer> {
  @ParentCommand
  Main parent;

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions options;

  @Mixin
  LocationOptions locations;

  @Option(names = "--cutoff", paramLabel = "YYYY-MM-DD", required = true,
      description = "First day of the evaluation period: the pipeline learns from the days before it.")
  String cutoff;

  @Override
  public Integer call() {
    JobConfig cfg = locations.load(options);
    LocalDate date = RunCommand.parseDate("--cutoff", cutoff);
    SparkSession spark = parent.sessions().apply(cfg.sparkConf());
    List<Scenario.Metric> metrics = new AffinityJob(spark, cfg, date.minusDays(1)).backtest();
    print(date, metrics, spec.commandLine().getOut());
    spec.commandLine().getOut().println(Reports.afterEvaluate(spark, cfg, date));
    spec.commandLine().getOut().flush();
    return Main.OK;
  }

  /** One block per task: a row per metric, a column per method. */
  static void print(LocalDate cutoff, List<Scenario.Metric> metrics, PrintWriter out) {
    out.printf(Locale.ROOT, "crm-affinity evaluate, cutoff %s%n", cutoff);
    Map<String, List<Scenario.Metric>> byTask = new LinkedHashMap<>();
    for (Scenario.Metric m : metrics) {
      byTask.computeIfAbsent(m.task(), k -> new ArrayList<>()).add(m);
    }
    if (byTask.isEmpty()) {
      out.println("  no metrics: no scenario could be evaluated at this cutoff");
    }
    for (Map.Entry<String, List<Scenario.Metric>> t : byTask.entrySet()) {
      List<String> methods = new ArrayList<>();
      Map<String, Map<String, Double>> table = new LinkedHashMap<>();
      for (Scenario.Metric m : t.getValue()) {
        if (!methods.contains(m.method())) {
          methods.add(m.method());
        }
        table.computeIfAbsent(m.metric(), k -> new LinkedHashMap<>()).put(m.method(), m.value());
      }
      out.printf(Locale.ROOT, "%s%n", t.getKey());
      StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-28s", "metric"));
      for (String method : methods) {
        head.append(String.format(Locale.ROOT, " %16s", method));
      }
      out.println(head);
      for (Map.Entry<String, Map<String, Double>> r : table.entrySet()) {
        String metric = r.getKey();
        if (EvaluateReport.errorOfAnother(metric, table.keySet())) {
          continue; // printed beside its metric
        }
        Map<String, Double> errors = table.getOrDefault(metric + EvaluateReport.SE, Map.of());
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-28s", metric));
        for (String method : methods) {
          Double v = r.getValue().get(method);
          Double se = errors.get(method);
          String text = v == null ? "-" : se == null ? String.format(Locale.ROOT, "%.4f", v)
              : String.format(Locale.ROOT, "%.4f ± %.4f", v, se);
          line.append(String.format(Locale.ROOT, " %16s", text));
        }
        out.println(line);
      }
    }
    out.flush();
  }
}
