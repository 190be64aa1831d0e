package io.crmaffinity.history;

import static org.apache.spark.sql.functions.col;

import io.crmaffinity.config.ConfigException;
import io.crmaffinity.output.DeltaOutputs;
import io.crmaffinity.output.OutputSchemas;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Finds runs in job_runs and reads the rules a run wrote, through Delta time travel. */
public final class RunHistory {
  private final DeltaOutputs out;

  public RunHistory(DeltaOutputs out) {
    this.out = out;
  }

  /**
   * A SUCCEEDED run: by run_id, or by run date (its latest succeeded run), or — for {@code null} — the
   * latest succeeded run, or the one before {@code before} when that is given.
   */
  public Row resolve(String runOrDate, Row before) {
    Dataset<Row> ok = out.read(OutputSchemas.JOB_RUNS).where(col("status").equalTo("SUCCEEDED"));
    Dataset<Row> match;
    if (runOrDate == null) {
      match = before == null ? ok : ok.where(col("finished_at").lt(before.getAs("finished_at")));
    } else if (runOrDate.matches("\\d{4}-\\d{2}-\\d{2}")) {
      match = ok.where(col("run_date").equalTo(java.sql.Date.valueOf(runOrDate)));
    } else {
      match = ok.where(col("run_id").equalTo(runOrDate));
    }
    List<Row> rows = match.orderBy(col("finished_at").desc()).limit(1).collectAsList();
    if (rows.isEmpty()) {
      throw new ConfigException("No succeeded run " + (runOrDate == null
          ? (before == null ? "in job_runs" : "before run " + before.getString(0))
          : "matches '" + runOrDate + "' (a run_id or a run date YYYY-MM-DD)") + " in " + out.name("job_runs"));
    }
    return rows.get(0);
  }

  /** The association_rules rows a run wrote, as that run left the table. */
  public Dataset<Row> rules(Row run) {
    Map<String, Long> versions = run.isNullAt(run.fieldIndex("output_versions")) ? Map.of()
        : run.getJavaMap(run.fieldIndex("output_versions"));
    Long version = versions.get(OutputSchemas.ASSOCIATION_RULES);
    Dataset<Row> table = version == null ? out.read(OutputSchemas.ASSOCIATION_RULES)
        : out.readVersion(OutputSchemas.ASSOCIATION_RULES, version);
    return table.where(col("run_id").equalTo(run.getString(0)));
  }
}
