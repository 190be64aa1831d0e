package io.crmaffinity.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.crmaffinity.output.DeltaOutputs;
import io.crmaffinity.output.OutputSchemas;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reads what a run wrote from the Delta tables alone: each results table at the version the run wrote
 * ({@code job_runs.output_versions}, Delta time travel), so the report of a run whose rows a later run of the
 * date replaced is the same as on the day it ran.
 */
public final class ReportSource {
  private final DeltaOutputs out;

  public ReportSource(DeltaOutputs out) {
    this.out = out;
  }

  /** The tables of the run with this run_id (a SUCCEEDED run, as RunHistory resolves it). */
  public RunTables run(String runId) {
    Dataset<Row> run = io.crmaffinity.spark.JobCaches.cache(out.read(OutputSchemas.JOB_RUNS)
        .where(col("run_id").equalTo(runId)));
    Row r = run.first();
    LocalDate runDate = r.<Date>getAs("run_date").toLocalDate();
    Map<String, Long> versions = r.isNullAt(r.fieldIndex("output_versions")) ? null
        : r.getJavaMap(r.fieldIndex("output_versions"));
    // Each table's snapshot is resolved on its own (Delta reads its log): side by side.
    List<String> names = List.of(OutputSchemas.ASSOCIATION_RULES, OutputSchemas.REJECTED_ROWS,
        OutputSchemas.RECOMMENDATIONS, OutputSchemas.REVENUE_FORECAST, OutputSchemas.CUSTOMER_VALUE,
        OutputSchemas.CUSTOMER_HEALTH, OutputSchemas.PRODUCT_NAMES, OutputSchemas.EVALUATIONS);
    List<Dataset<Row>> t = io.crmaffinity.spark.SideBySide.map(run.sparkSession(), "report-read", 4, names,
        name -> name.equals(OutputSchemas.EVALUATIONS) ? forecastBacktest(runDate)
            : table(name, versions, runId, runDate));
    return new RunTables(run, t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), t.get(5), t.get(6), t.get(7));
  }

  /**
   * A table as the run left it, filtered to its rows; null when the run wrote no such table. Runs recorded
   * before job_runs had output_versions are read from the table as it is now.
   */
  private Dataset<Row> table(String table, Map<String, Long> versions, String runId, LocalDate runDate) {
    Dataset<Row> df;
    if (versions == null) {
      if (!out.exists(table)) {
        return null;
      }
      df = out.read(table);
    } else {
      Long version = versions.get(table);
      if (version == null) {
        return null;
      }
      df = out.readVersion(table, version);
    }
    // The report reads each table several times; a time-travel read resolves its snapshot again each time.
    return io.crmaffinity.spark.JobCaches.cache(
        df.where(col("run_date").equalTo(Date.valueOf(runDate)).and(col("run_id").equalTo(runId))));
  }

  /** The forecast rows of the evaluations table at its latest cutoff on or before the day after the run date. */
  private Dataset<Row> forecastBacktest(LocalDate runDate) {
    if (!out.exists(OutputSchemas.EVALUATIONS)) {
      return null;
    }
    Dataset<Row> forecast = out.read(OutputSchemas.EVALUATIONS).where(col("task").equalTo("forecast")
        .and(col("cutoff").leq(Date.valueOf(runDate.plusDays(1)))));
    Row last = forecast.agg(max(col("cutoff"))).first();
    if (last.isNullAt(0)) {
      return null;
    }
    return forecast.where(col("cutoff").equalTo(last.get(0)));
  }

  /** The evaluations rows of one cutoff; empty when that cutoff was never evaluated. */
  public Dataset<Row> evaluations(LocalDate cutoff) {
    if (!out.exists(OutputSchemas.EVALUATIONS)) {
      throw new io.crmaffinity.config.ConfigException("No evaluations table in " + out.name(OutputSchemas.EVALUATIONS)
          + ": run evaluate --cutoff " + cutoff + " first");
    }
    return EvaluateReport.ofCutoff(out.read(OutputSchemas.EVALUATIONS), cutoff);
  }
}
