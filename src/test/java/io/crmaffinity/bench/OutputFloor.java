package io.crmaffinity.bench;

import io.crmaffinity.ingest.TableSpec;
import io.crmaffinity.output.DeltaOutputs;
import io.crmaffinity.output.OutputSchemas;
import io.crmaffinity.spark.SparkSessions;
import java.io.File;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * jobs/bench-scale.sh's output floor: the Delta bookkeeping any run that honours the output contract pays,
 * with no analysis at all. Reads every CRM table of the input once (as {@link IoFloor} does), then, through the
 * job's own {@link DeltaOutputs}: creates the output tables a run writes, claims the run date (the MERGE into
 * job_runs), appends one commit to each results table (empty: a floor) and records the run as SUCCEEDED. The
 * script times this whole process, JVM and Spark start-up included. No report is written.
 *
 * <p>With a fourth argument {@code bare}, the same commits without the run's guarantees: each table is created by
 * its first append (no comments or properties), and job_runs gets two plain appends instead of the claim's and
 * the end's MERGE (no exclusive claim of the date). The difference is what those guarantees cost.
 *
 * <p>Arguments: input folder (files NAME.csv[.gz] or folders NAME/), output folder (replaced), run date, and
 * optionally {@code bare}.
 */
public final class OutputFloor {
  private OutputFloor() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSessions.create(Map.of("spark.master", "local[*]", "spark.ui.enabled", "false"));
    spark.sparkContext().setLogLevel("ERROR");
    StringBuilder counts = new StringBuilder();
    for (TableSpec spec : TableSpec.ALL) {
      String path = IoFloor.location(args[0], spec.name());
      if (path == null) {
        continue;
      }
      long n = IoFloor.parseAll(IoFloor.read(spark, spec, path));
      counts.append(counts.length() == 0 ? "" : ", ").append(spec.name()).append(' ').append(n);
    }
    if (args.length > 3 && "bare".equals(args[3])) {
      bare(spark, args[1], LocalDate.parse(args[2]), counts.toString());
      spark.stop();
      return;
    }
    long t0 = System.nanoTime();
    DeltaOutputs out = new DeltaOutputs(spark, args[1]);
    List<String> results = new ArrayList<>(OutputSchemas.TABLES.keySet());
    results.remove(OutputSchemas.JOB_RUNS);
    results.remove(OutputSchemas.EVALUATIONS);
    List<String> created = new ArrayList<>(results);
    created.add(OutputSchemas.JOB_RUNS);
    out.createTables(created);
    long t1 = System.nanoTime();
    String runId = java.util.UUID.randomUUID().toString();
    LocalDate runDate = LocalDate.parse(args[2]);
    Timestamp started = Timestamp.from(Instant.now());
    out.claim(run(runId, runDate, "RUNNING", started), runDate);
    long t2 = System.nanoTime();
    List<DeltaOutputs.Append> appends = new ArrayList<>();
    for (String table : results) {
      appends.add(new DeltaOutputs.Append(table, OutputSchemas.TABLES.get(table),
          spark.createDataFrame(List.of(), OutputSchemas.TABLES.get(table))));
    }
    out.appendAll(appends);
    long t3 = System.nanoTime();
    out.recordRun(run(runId, runDate, "SUCCEEDED", started));
    long t4 = System.nanoTime();
    System.out.printf(java.util.Locale.ROOT, "output floor: read %s; created %d tables %.1f s, claimed %.1f s, appended"
        + " to %d %.1f s, recorded %.1f s: %.1f s%n", counts, created.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9,
        results.size(), (t3 - t2) / 1e9, (t4 - t3) / 1e9, (t4 - t0) / 1e9);
    spark.stop();
  }

  /** One plain append to each output table, job_runs twice; a table is created by its first append. */
  private static void bare(SparkSession spark, String root, LocalDate runDate, String counts) {
    long t0 = System.nanoTime();
    String runId = java.util.UUID.randomUUID().toString();
    Timestamp started = Timestamp.from(Instant.now());
    append(spark, root, OutputSchemas.JOB_RUNS, List.of(run(runId, runDate, "RUNNING", started)));
    long t1 = System.nanoTime();
    int tables = 0;
    for (String table : OutputSchemas.TABLES.keySet()) {
      if (!table.equals(OutputSchemas.JOB_RUNS) && !table.equals(OutputSchemas.EVALUATIONS)) {
        append(spark, root, table, List.of());
        tables++;
      }
    }
    long t2 = System.nanoTime();
    append(spark, root, OutputSchemas.JOB_RUNS, List.of(run(runId, runDate, "SUCCEEDED", started)));
    long t3 = System.nanoTime();
    System.out.printf(java.util.Locale.ROOT, "bare output floor: read %s; job_runs appended %.1f s, appended to %d"
        + " %.1f s, job_runs appended %.1f s: %.1f s%n", counts, (t1 - t0) / 1e9, tables, (t2 - t1) / 1e9,
        (t3 - t2) / 1e9, (t3 - t0) / 1e9);
  }

  private static void append(SparkSession spark, String root, String table, List<Row> rows) {
    org.apache.spark.sql.DataFrameWriter<Row> w = spark.createDataFrame(rows, OutputSchemas.TABLES.get(table)).write()
        .format("delta").mode("append");
    if (!table.equals(OutputSchemas.JOB_RUNS)) {
      w = w.partitionBy("run_date");
    }
    w.save(new File(root, table).getAbsolutePath());
  }

  private static Row run(String runId, LocalDate runDate, String status, Timestamp started) {
    return RowFactory.create(runId, Date.valueOf(runDate), status, started,
        "RUNNING".equals(status) ? null : Timestamp.from(Instant.now()), Map.of(), null, null, null, null, null,
        null, null, null, null, null, "floor");
  }
}
