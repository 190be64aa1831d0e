package io.crmaffinity.job;

import io.crmaffinity.config.JobConfig;
import io.crmaffinity.ingest.CrmTables;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a scenario stage gets: the validated tables (all of them: a scenario must itself ignore anything
 * created, closed or ordered after {@code runDate}), the run's baskets and selected rules, and the outputs
 * of the scenarios that ran before it.
 *
 * @param baskets the run's baskets (BasketBuilder's columns), before the size guard
 * @param rules the run's selected, scored rules (association_rules' columns without run_id and run_date)
 * @param produced outputs of earlier scenarios, by table name
 * @param notes add a line here for job_runs.notes when something is skipped or degraded, and why
 */
public record JobContext(SparkSession spark, JobConfig config, LocalDate runDate, CrmTables tables,
    Dataset<Row> baskets, Dataset<Row> rules, Map<String, Dataset<Row>> produced, List<String> notes) {}
