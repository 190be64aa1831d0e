package io.crmaffinity.report;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The page model of an {@code evaluate} report: one table per task (a row per metric, a column per method)
 * from the evaluations rows of one cutoff, with one sentence on how to read it.
 */
public record EvaluateReport(String cutoff, String learnedUntil, String runId, List<Task> tasks, String empty) {

  public record Value(String text, boolean best) {}

  public record MetricRow(String metric, List<Value> values) {}

  public record Task(String name, String reading, List<String> methods, List<MetricRow> rows) {}

  /** How to read each task's table; a task not listed gets a generic sentence. */
  static final Map<String, String> READING = Map.of(
      "recommendations", "Each column is a way of choosing products for active customers at the cutoff, scored on"
          + " what they bought in the days after it: a higher hit rate, precision, recall, MRR and NDCG are better;"
          + " catalogue coverage is the share of the products that were recommended at all. ± is one standard error"
          + " (over customers; for coverage, the jackknife). A baseline's lead_ rows are how far crm-affinity leads"
          + " it on the same customers, with the paired standard error.",
      "forecast", "Each column is a way of forecasting monthly revenue from the cutoff on, scored on the months that"
          + " followed: lower absolute percentage errors (APE, MAPE) are better, and an 80 % interval should"
          + " hold about 80 % of the months; its pinball losses (pinball_p10 of the low end as the 10th percentile,"
          + " pinball_p90 of the high end as the 90th, in the currency) are lower for a band both right and tight.",
      "customer_value", "Each column predicts how many orders every customer places after the cutoff: a lower mean"
          + " absolute error (mae) and a higher correlation with what customers then did are better.",
      "customer_health", "How well the risk score ranks the customers who then stopped ordering: an AUC of 0.5 is"
          + " chance, 1 is perfect; lift_high is how much more often HIGH-risk customers stopped than the rest.");

  static final List<String> TASK_ORDER = List.of("recommendations", "forecast", "customer_value", "customer_health");

  /** Suffix of a metric's standard error (shown as "value ± error" in its metric's row). */
  public static final String SE = "_se";

  /** True for the standard error of another metric among {@code metrics}: shown beside it, not as a row. */
  public static boolean errorOfAnother(String metric, java.util.Set<String> metrics) {
    return metric.endsWith(SE) && metrics.contains(metric.substring(0, metric.length() - SE.length()));
  }

  /** Metrics where a lower value is better; every other metric is better higher, except counts and totals. */
  static boolean lowerIsBetter(String metric) {
    return metric.equals("mae") || metric.equals("mape") || metric.contains("ape") || metric.startsWith("pinball_");
  }

  static boolean comparable(String metric) {
    return !(metric.equals("customers") || metric.startsWith("lead_") || metric.startsWith("customers_") || metric.endsWith("_total")
        || metric.equals("months_scored") || metric.startsWith("total_") || metric.equals("interval_coverage"));
  }

  /** The report of one cutoff's rows of the evaluations table. */
  public static EvaluateReport build(String cutoff, Dataset<Row> rows) {
    List<Row> all = rows.select("run_id", "run_date", "task", "method", "metric", "value").collectAsList();
    if (all.isEmpty()) {
      return new EvaluateReport(cutoff, "-", "-", List.of(), "The evaluations table holds no metric for the cutoff "
          + cutoff + ": no scenario could be evaluated there.");
    }
    Map<String, Map<String, Map<String, Double>>> byTask = new TreeMap<>(Comparator.comparing((String t) ->
        TASK_ORDER.contains(t) ? TASK_ORDER.indexOf(t) : TASK_ORDER.size()).thenComparing(Comparator.naturalOrder()));
    Map<String, List<String>> methods = new LinkedHashMap<>();
    for (Row r : all) {
      byTask.computeIfAbsent(r.getString(2), k -> new LinkedHashMap<>())
          .computeIfAbsent(r.getString(4), k -> new LinkedHashMap<>()).put(r.getString(3), r.getDouble(5));
      List<String> m = methods.computeIfAbsent(r.getString(2), k -> new ArrayList<>());
      if (!m.contains(r.getString(3))) {
        m.add(r.getString(3));
      }
    }
    List<Task> tasks = new ArrayList<>();
    byTask.forEach((task, metrics) -> {
      List<String> ms = new ArrayList<>(methods.get(task));
      ms.sort(Comparator.comparing((String m) -> !"crm-affinity".equals(m)).thenComparing(Comparator.naturalOrder()));
      List<MetricRow> metricRows = new ArrayList<>();
      new TreeMap<>(metrics).forEach((metric, byMethod) -> {
        if (errorOfAnother(metric, metrics.keySet())) {
          return; // shown beside its metric
        }
        Map<String, Double> errors = metrics.getOrDefault(metric + SE, Map.of());
        Double best = null;
        if (comparable(metric) && byMethod.size() > 1) {
          best = lowerIsBetter(metric) ? byMethod.values().stream().min(Double::compare).orElse(null)
              : byMethod.values().stream().max(Double::compare).orElse(null);
        }
        List<Value> values = new ArrayList<>();
        for (String m : ms) {
          Double v = byMethod.get(m);
          Double se = errors.get(m);
          values.add(new Value(v == null ? "-" : format(metric, v) + (se == null ? "" : " ± " + format(metric, se)),
              v != null && v.equals(best)));
        }
        metricRows.add(new MetricRow(metric, values));
      });
      tasks.add(new Task(task, READING.getOrDefault(task, "A row per metric, a column per method."), ms, metricRows));
    });
    Row first = all.get(0);
    return new EvaluateReport(cutoff, String.valueOf(first.<Object>get(1)), first.getString(0), tasks, null);
  }

  static String format(String metric, double v) {
    if (metric.equals("customers") || metric.startsWith("customers_") || metric.equals("months_scored")) {
      return Fmt.count(Math.round(v));
    }
    if (Math.abs(v) >= 1000) {
      return Fmt.money(v);
    }
    return Fmt.fixed(v, 4);
  }

  /** The evaluations rows of one cutoff (every task). */
  static Dataset<Row> ofCutoff(Dataset<Row> evaluations, java.time.LocalDate cutoff) {
    return evaluations.where(col("cutoff").equalTo(java.sql.Date.valueOf(cutoff)));
  }
}
