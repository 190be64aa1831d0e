package io.crmaffinity.report;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one run wrote, each table as that run left it and filtered to the run's rows: the input of a run's
 * report. A table the run did not write (a scenario left out by job.scenarios, or a table older runs did not
 * have) is null.
 *
 * @param run the run's one job_runs row
 * @param backtest the evaluations rows of the forecast backtest with the latest cutoff on or before the day
 *     after the run date (empty when there is none)
 */
public record RunTables(Dataset<Row> run, Dataset<Row> rules, Dataset<Row> rejected, Dataset<Row> recommendations,
    Dataset<Row> forecast, Dataset<Row> customerValue, Dataset<Row> customerHealth, Dataset<Row> productNames,
    Dataset<Row> backtest) {}
