package io.crmaffinity.output;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.ConcurrentAppendException;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * All Delta IO of the job. A run writes its results next to the previous run's (rows carry their run_id),
 * marks itself SUCCEEDED in job_runs, and only then deletes older runs' rows of the same run date. So a
 * reader that follows the latest SUCCEEDED run always sees one whole run, a failed run leaves the previous
 * results as they were, and a rerun or retry of a date ends with exactly one run's rows for it.
 *
 * <p>Tables live under a folder ({@code output.path}) or, with {@code output.database}, in the session's
 * catalog (the Hive metastore on a cluster that has one) as managed tables.
 */
public final class DeltaOutputs {
  /** A RUNNING attempt older than this is taken for a crashed one and no longer blocks its run date. */
  private final Duration staleAfter;
  private final SparkSession spark;
  private final String root;
  private final String database;

  public DeltaOutputs(SparkSession spark, String root, String database, Duration staleAfter) {
    this.spark = spark;
    this.root = qualified(spark, root);
    this.database = database == null || database.isBlank() ? null : database.trim();
    this.staleAfter = staleAfter;
  }

  public DeltaOutputs(SparkSession spark, String root) {
    this(spark, root, null, Duration.ofHours(6));
  }

  public boolean exists(String table) {
    if (database != null) {
      return spark.catalog().tableExists(name(table));
    }
    try {
      Path log = new Path(name(table), "_delta_log");
      return log.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(log);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** An absolute, scheme-qualified location: Delta's table builder takes no relative path. */
  private static String qualified(SparkSession spark, String root) {
    try {
      Path p = new Path(root);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString();
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new io.crmaffinity.config.ConfigException("Cannot use output.path '" + root + "': " + e.getMessage());
    }
  }

  /** Where a table is: a path, or a catalog name when a database is configured. */
  public String name(String table) {
    return database == null ? new Path(root, table).toString() : database + "." + table;
  }

  private DeltaTable deltaTable(String table) {
    return database == null ? DeltaTable.forPath(spark, name(table)) : DeltaTable.forName(spark, name(table));
  }

  /** Creates every output table that does not exist yet, with its schema, partitioning, comments and properties. */
  public void createTables() {
    createTables(OutputSchemas.TABLES.keySet());
  }

  /** Creates the named output tables that do not exist yet. */
  public void createTables(java.util.Collection<String> tables) {
    if (database != null) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + quote(database));
    }
    for (Map.Entry<String, StructType> t : OutputSchemas.TABLES.entrySet()) {
      if (!tables.contains(t.getKey()) || exists(t.getKey())) {
        continue; // the common case after the first run: no need to load the table's snapshot
      }
      DeltaTableBuilder b = DeltaTable.createIfNotExists(spark)
          .addColumns(t.getValue())
          .comment(OutputSchemas.COMMENTS.get(t.getKey()))
          .property("crm_affinity.schema_version", OutputSchemas.VERSION);
      b = database == null ? b.location(name(t.getKey())) : b.tableName(name(t.getKey()));
      if (!t.getKey().equals(OutputSchemas.JOB_RUNS)) {
        b = b.partitionedBy("run_date");
      }
      b.execute();
    }
  }

  /**
   * Claims a run date for this attempt: inserts its RUNNING row unless another attempt for the date is
   * RUNNING (and not stale). Two claims racing each other conflict in Delta; the loser fails here.
   */
  public void claim(Row running, LocalDate runDate) {
    Dataset<Row> row = spark.createDataFrame(List.of(running), OutputSchemas.JOB_RUNS_SCHEMA);
    // The claim is a run's first job_runs write: a newer version of the job adds its job_runs columns here.
    spark.conf().set("spark.databricks.delta.schema.autoMerge.enabled", "true");
    String cutoff = java.sql.Timestamp.from(Instant.now().minus(staleAfter)).toString();
    try {
      deltaTable(OutputSchemas.JOB_RUNS).as("t")
          .merge(row.as("s"), "t.run_date = s.run_date AND t.status = 'RUNNING' AND t.started_at > TIMESTAMP'"
              + cutoff + "'")
          .whenNotMatched().insertAll()
          .execute();
    } catch (ConcurrentAppendException e) {
      throw new RunConflictException("Another run for " + runDate + " started at the same moment and claimed it"
          + " first; this one stops without writing results", e);
    }
    Dataset<Row> mine = read(OutputSchemas.JOB_RUNS).where(col("run_id").equalTo(running.getString(0)));
    if (mine.isEmpty()) {
      List<Row> other = read(OutputSchemas.JOB_RUNS)
          .where(col("run_date").equalTo(java.sql.Date.valueOf(runDate)).and(col("status").equalTo("RUNNING")))
          .select("run_id", "started_at").collectAsList();
      String who = other.isEmpty() ? "" : " (run " + other.get(0).getString(0) + ", started " + other.get(0).get(1) + ")";
      throw new RunConflictException("Another run for " + runDate + " is in progress" + who + "; this one stops "
          + "without writing results. A crashed run stops blocking its date after " + staleAfter.toHours()
          + " hours (output.stale-run-hours)");
    }
  }

  /** Appends this run's rows to a results table in one commit; returns the table version written. */
  public long append(String table, StructType schema, Dataset<Row> rows) {
    rows.select(conform(schema)).write()
        .format("delta")
        .mode(SaveMode.Append)
        // Columns added by a newer version of the job are added to an existing table.
        .option("mergeSchema", "true")
        .save(location(table));
    return latestVersion(table);
  }

  /** After this run SUCCEEDED: every other run's rows for the run date go, in one commit per table. */
  public void removeOtherRuns(String table, LocalDate runDate, String runId) {
    deltaTable(table).delete(col("run_date").equalTo(java.sql.Date.valueOf(runDate))
        .and(col("run_id").notEqual(runId)));
  }

  /** Inserts or updates this attempt's row in {@code job_runs}. */
  public void recordRun(Row run) {
    Dataset<Row> row = spark.createDataFrame(List.of(run), OutputSchemas.JOB_RUNS_SCHEMA);
    // Lets a newer version of the job add job_runs columns to an existing table.
    spark.conf().set("spark.databricks.delta.schema.autoMerge.enabled", "true");
    io.delta.exceptions.DeltaConcurrentModificationException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        deltaTable(OutputSchemas.JOB_RUNS).as("t")
            .merge(row.as("s"), "t.run_id = s.run_id")
            .whenMatched().updateAll()
            .whenNotMatched().insertAll()
            .execute();
        return;
      } catch (io.delta.exceptions.DeltaConcurrentModificationException e) {
        // Another run's job_runs commit in between: this row is ours alone, so trying again is safe.
        last = e;
      }
    }
    throw last;
  }

  public Dataset<Row> read(String table) {
    return database == null ? spark.read().format("delta").load(name(table)) : spark.table(name(table));
  }

  public Dataset<Row> readVersion(String table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(location(table));
  }

  private String location(String table) {
    if (database == null) {
      return name(table);
    }
    return deltaTable(table).detail().select("location").first().getString(0);
  }

  private long latestVersion(String table) {
    return deltaTable(table).history(1).select("version").first().getLong(0);
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  private static Column[] conform(StructType schema) {
    StructField[] fields = schema.fields();
    Column[] cols = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      cols[i] = col(fields[i].name()).cast(fields[i].dataType()).as(fields[i].name(), fields[i].metadata());
    }
    return cols;
  }
}
