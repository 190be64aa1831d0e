package io.crmaffinity.report;

import io.crmaffinity.config.JobConfig;
import io.crmaffinity.history.RunHistory;
import io.crmaffinity.output.DeltaOutputs;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTML reports: a run's ({@code <output>/reports/<run_date>.html}) and an evaluate cutoff's
 * ({@code <output>/reports/evaluate-<cutoff>.html}), built from the Delta tables alone, so that {@code report}
 * writes the same page again for any past run.
 */
public final class Reports {
  private static final Logger LOG = LoggerFactory.getLogger(Reports.class);

  private Reports() {}

  /**
   * Writes the report of a succeeded run: a run_id, a run date (its latest succeeded run) or null (the latest
   * succeeded run). The date's latest run gets {@code <run_date>.html}; an earlier run of the date, replaced
   * since, gets {@code <run_date>_<run_id>.html}, so its page does not take the current one's place.
   *
   * @return the path of the file written
   */
  public static String writeRun(SparkSession spark, JobConfig cfg, String runOrDate) {
    DeltaOutputs out = outputs(spark, cfg);
    RunHistory history = new RunHistory(out);
    Row run = history.resolve(runOrDate, null);
    String runId = run.getString(0);
    String date = String.valueOf(run.<Object>get(1));
    String latest = history.resolve(date, null).getString(0);
    String file = latest.equals(runId) ? date + ".html" : date + "_" + runId + ".html";
    long start = System.nanoTime();
    spark.sparkContext().setJobDescription("crm-affinity: report of run " + runId);
    String html;
    // What the report caches (each table's rows of the run) is released when it is built.
    try (io.crmaffinity.spark.JobCaches caches = io.crmaffinity.spark.JobCaches.open()) {
      html = ReportHtml.run(RunReportBuilder.build(new ReportSource(out).run(runId)));
    }
    String path = ReportFiles.write(spark.sparkContext().hadoopConfiguration(), cfg.outputPath(), file, html);
    LOG.info("report of run {}: {} ({} s)", runId, path, String.format(java.util.Locale.ROOT, "%.1f",
        (System.nanoTime() - start) / 1e9));
    return path;
  }

  /** Writes the report of the evaluations of one cutoff; returns the path of the file written. */
  public static String writeEvaluate(SparkSession spark, JobConfig cfg, LocalDate cutoff) {
    DeltaOutputs out = outputs(spark, cfg);
    String html = ReportHtml.evaluate(EvaluateReport.build(cutoff.toString(), new ReportSource(out)
        .evaluations(cutoff)));
    return ReportFiles.write(spark.sparkContext().hadoopConfiguration(), cfg.outputPath(),
        "evaluate-" + cutoff + ".html", html);
  }

  /**
   * The report of a run that has just SUCCEEDED. The run is committed: a report that cannot be written is a
   * WARN in the log, never a failure. Returns the line to print last.
   */
  public static String afterRun(SparkSession spark, JobConfig cfg, String runId) {
    try {
      return "Report: " + writeRun(spark, cfg, runId);
    } catch (Exception | LinkageError | org.apache.hadoop.fs.FSError e) {
      LOG.warn("Run {} SUCCEEDED; writing its report failed (report --run-id {} writes it again): {}", runId, runId,
          e.toString());
      return "Report not written: " + oneLine(e) + " (the run SUCCEEDED; report --run-id " + runId
          + " writes it again)";
    }
  }

  /** The same for the report of an evaluate run, whose rows are written. */
  public static String afterEvaluate(SparkSession spark, JobConfig cfg, LocalDate cutoff) {
    try {
      return "Report: " + writeEvaluate(spark, cfg, cutoff);
    } catch (Exception | LinkageError | org.apache.hadoop.fs.FSError e) {
      LOG.warn("The evaluations of cutoff {} are written; writing their report failed (report --cutoff {} writes it"
          + " again): {}", cutoff, cutoff, e.toString());
      return "Report not written: " + oneLine(e) + " (report --cutoff " + cutoff + " writes it again)";
    }
  }

  private static DeltaOutputs outputs(SparkSession spark, JobConfig cfg) {
    return new DeltaOutputs(spark, cfg.outputPath(), cfg.outputDatabase(), Duration.ofHours(cfg.staleRunHours()));
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
