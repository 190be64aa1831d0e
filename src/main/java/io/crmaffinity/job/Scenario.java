package io.crmaffinity.job;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One of the scenarios served on top of the rules and the CRM model (recommendations, revenue forecast,
 * customer value and health). A run calls {@link #outputs}; {@code evaluate} calls it as of the day before
 * the cutoff and then {@link #evaluate}.
 */
public interface Scenario {
  /** Stage name, for logs, job_runs.stage_seconds and job.scenarios. */
  String name();

  /** The output tables this scenario writes (model_parameters may be shared with other scenarios). */
  List<String> tables();

  /**
   * This scenario's output tables by contract name, with the table's columns except run_id and run_date,
   * from data known on {@code ctx.runDate()} only. {@code model_parameters} may come from several scenarios;
   * the job unions them.
   */
  Map<String, Dataset<Row>> outputs(JobContext ctx);

  /** Lines for the end-of-run summary, from this run's outputs. */
  default List<String> summary(JobContext ctx, Map<String, Dataset<Row>> outputs) {
    return List.of();
  }

  /**
   * Backtest metrics: {@code ctx.runDate()} is the day before the cutoff and {@code outputs} are this
   * scenario's outputs as of then; what happened from the cutoff on is in {@code ctx.tables()}. Baselines are
   * computed here too, in the same run.
   */
  default List<Metric> evaluate(JobContext ctx, Map<String, Dataset<Row>> outputs) {
    return List.of();
  }

  /** One row of the evaluations table. */
  record Metric(String task, String method, String metric, double value) {}
}
