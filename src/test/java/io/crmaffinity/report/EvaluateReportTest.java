package io.crmaffinity.report;


import io.crmaffinity.SparkTestBase;
import io.crmaffinity.report.EvaluateReport.MetricRow;
import io.crmaffinity.report.EvaluateReport.Value;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The evaluate report: one table per task, the best method of each comparable metric marked. */
class EvaluateReportTest extends SparkTestBase {
  static final StructType EVALS = schema("run_id STRING, run_date DATE, cutoff DATE, task STRING, method STRING,"
      + " metric STRING, value DOUBLE");

  private Object[] m(String task, String method, String metric, double value) {
    return new Object[] {"ev-1", Date.valueOf("2025-06-30"), Date.valueOf("2025-07-01"), task, method, metric, value};
  }

  @Test
  void oneTablePerTaskInTheTasksOrderWithTheBestValueOfEachRowMarked() {
    Dataset<Row> rows = rows(EVALS,
        m("forecast", "trailing-3m", "mape", 0.20), m("forecast", "crm-affinity", "mape", 0.25),
        m("forecast", "crm-affinity", "forecast_total", 3347584.79), m("forecast", "trailing-3m", "forecast_total", 3.9e6),
        m("forecast", "crm-affinity", "interval_coverage", 0.5),
        m("forecast", "crm-affinity", "pinball_p10", 1500), m("forecast", "crm-affinity", "pinball_p90", 2500),
        m("recommendations", "popularity", "hit_rate@10", 0.76), m("recommendations", "crm-affinity", "hit_rate@10", 0.83),
        m("recommendations", "crm-affinity", "customers", 201));
    EvaluateReport r = EvaluateReport.build("2025-07-01", rows);
    Assertions.assertEquals("2025-06-30", r.learnedUntil());
    Assertions.assertEquals("ev-1", r.runId());
    Assertions.assertEquals(List.of("recommendations", "forecast"), r.tasks().stream().map(EvaluateReport.Task::name).toList());
    EvaluateReport.Task rec = r.tasks().get(0);
    Assertions.assertEquals(List.of("crm-affinity", "popularity"), rec.methods());
    Assertions.assertEquals(List.of(new MetricRow("customers", List.of(new Value("201", false), new Value("-", false))),
        new MetricRow("hit_rate@10", List.of(new Value("0.8300", true), new Value("0.7600", false)))), rec.rows());
    EvaluateReport.Task f = r.tasks().get(1);
    Assertions.assertEquals(List.of(new MetricRow("forecast_total", List.of(new Value("3,347,585", false),
            new Value("3,900,000", false))),
        new MetricRow("interval_coverage", List.of(new Value("0.5000", false), new Value("-", false))),
        new MetricRow("mape", List.of(new Value("0.2500", false), new Value("0.2000", true))),
        new MetricRow("pinball_p10", List.of(new Value("1,500", false), new Value("-", false))),
        new MetricRow("pinball_p90", List.of(new Value("2,500", false), new Value("-", false)))), f.rows());
    Assertions.assertTrue(EvaluateReport.lowerIsBetter("pinball_p10") && EvaluateReport.lowerIsBetter("pinball_p90"));

    String html = ReportHtml.evaluate(r);
    Assertions.assertTrue(html.contains("<td class=\"num strong\">0.8300</td>"), html);
    Assertions.assertTrue(html.contains(EvaluateReport.READING.get("forecast")));
    Assertions.assertTrue(html.length() < 100_000, "no chart, so no ECharts: " + html.length());
    Assertions.assertFalse(html.contains("Charts drawn with"));
  }

  /** A metric's standard error is shown beside it ("value ± error"), not as a row of its own. */
  @Test
  void standardErrorsStandBesideTheirMetric() {
    Dataset<Row> rows = rows(EVALS,
        m("recommendations", "crm-affinity", "hit_rate@10", 0.6), m("recommendations", "crm-affinity", "hit_rate@10_se", 0.016),
        m("recommendations", "item-knn", "hit_rate@10", 0.58), m("recommendations", "item-knn", "hit_rate@10_se", 0.0162),
        m("recommendations", "item-knn", "orphan_se", 0.1));
    EvaluateReport.Task rec = EvaluateReport.build("2025-07-01", rows).tasks().get(0);
    Assertions.assertEquals(List.of(
        new MetricRow("hit_rate@10", List.of(new Value("0.6000 ± 0.0160", true), new Value("0.5800 ± 0.0162", false))),
        new MetricRow("orphan_se", List.of(new Value("-", false), new Value("0.1000", false)))), rec.rows());
  }

  @Test
  void aCutoffWithoutMetricsSaysSo() {
    EvaluateReport r = EvaluateReport.build("2025-07-01", rows(EVALS));
    Assertions.assertEquals("The evaluations table holds no metric for the cutoff 2025-07-01: no scenario could be evaluated"
        + " there.", r.empty());
    Assertions.assertTrue(ReportHtml.evaluate(r).contains("<p class=\"empty\">" + r.empty() + "</p>"));
  }
}
