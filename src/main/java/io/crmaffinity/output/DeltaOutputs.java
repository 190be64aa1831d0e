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
  /** A RUNNING attempt whose heartbeat is older than this (or gone) has a dead driver. */
  private final Duration deadAfter;
  private final SparkSession spark;
  private final String root;
  private final String database;
  /** This attempt's heartbeat, told when the attempt's end is recorded. */
  private Heartbeat heartbeat;

  public DeltaOutputs(SparkSession spark, String root, String database, Duration staleAfter, Duration deadAfter) {
    this.spark = spark;
    this.root = qualified(spark, root);
    this.database = database == null || database.isBlank() ? null : database.trim();
    this.staleAfter = staleAfter;
    this.deadAfter = deadAfter;
  }

  public DeltaOutputs(SparkSession spark, String root, String database, Duration staleAfter) {
    this(spark, root, database, staleAfter, Duration.ofMinutes(2));
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

  /**
   * Creates the named output tables that do not exist yet. Each creation is one Delta commit to its own table,
   * so they run side by side (a fresh output has about ten of them).
   */
  public void createTables(java.util.Collection<String> tables) {
    checkWritable();
    if (database != null) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + quote(database));
    }
    List<Map.Entry<String, StructType>> missing = new java.util.ArrayList<>();
    for (Map.Entry<String, StructType> t : OutputSchemas.TABLES.entrySet()) {
      // The common case after the first run: every table is there, and no snapshot needs loading.
      if (tables.contains(t.getKey()) && !exists(t.getKey())) {
        missing.add(t);
      }
    }
    sideBySide(missing, t -> {
      create(t);
      return t.getKey();
    });
  }

  /**
   * Fails before the first table or claim when the output folder cannot take a file (read-only, full, no
   * permission), naming the folder and the file system's reason. A catalog database is checked by its writes.
   */
  public void checkWritable() {
    if (database != null) {
      return;
    }
    Path dir = new Path(root);
    try {
      org.apache.hadoop.fs.FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if ("file".equals(fs.getUri().getScheme())) {
        // The local file system's own reason ("Read-only file system"), which Hadoop's mkdirs does not give.
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir.toUri()));
      }
      fs.mkdirs(dir);
      Path probe = new Path(dir, "_crm_affinity_write_check_" + java.util.UUID.randomUUID());
      try (org.apache.hadoop.fs.FSDataOutputStream o = fs.create(probe, false)) {
        o.write(new byte[4096]);
      } finally {
        fs.delete(probe, false);
      }
    } catch (java.io.IOException | RuntimeException e) {
      throw new OutputException("Output location " + root + " is not writable: " + OutputException.reason(e)
          + "; nothing was written", e);
    }
  }

  private void create(Map.Entry<String, StructType> t) {
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

  /**
   * Claims a run date for this attempt: inserts its RUNNING row unless another attempt for the date is
   * RUNNING (and not stale). Two claims racing each other conflict in Delta; the loser fails here.
   *
   * <p>Dead attempts (see {@link #markDeadAttempts}) are looked for in job_runs only when a heartbeat file other
   * than this attempt's is older than the heartbeat timeout, or when the date turns out to be held: a driver
   * that dies leaves its file behind, and so does one that could not record its end. The usual run so reads
   * job_runs not at all before its claim, and learns from the MERGE's own counts whether its row went in.
   */
  public List<String> claim(Row running, LocalDate runDate) {
    String runId = running.getString(0);
    boolean looked = staleHeartbeats(runId);
    List<String> crashed = looked ? markDeadAttempts(runDate) : List.of();
    boolean inserted = insertIfFree(running, runDate);
    if (!inserted && !looked) {
      crashed = markDeadAttempts(runDate);
      inserted = !crashed.isEmpty() && insertIfFree(running, runDate);
    }
    if (!inserted) {
      List<Row> other = read(OutputSchemas.JOB_RUNS)
          .where(col("run_date").equalTo(java.sql.Date.valueOf(runDate)).and(col("status").equalTo("RUNNING")))
          .select("run_id", "started_at").collectAsList();
      String who = other.isEmpty() ? "" : " (run " + other.get(0).getString(0) + ", started " + other.get(0).get(1) + ")";
      throw new RunConflictException("Another run for " + runDate + " is in progress" + who + "; this one stops "
          + "without writing results. A crashed run stops blocking its date after " + staleAfter.toHours()
          + " hours (output.stale-run-hours)");
    }
    return crashed;
  }

  /** Whether a heartbeat file other than this attempt's has not been rewritten for the heartbeat timeout. */
  private boolean staleHeartbeats(String runId) {
    try {
      Path jobRuns = new Path(location(OutputSchemas.JOB_RUNS));
      return Heartbeat.othersSilentSince(jobRuns.getFileSystem(spark.sparkContext().hadoopConfiguration()), jobRuns,
          runId, Instant.now().minus(deadAfter));
    } catch (java.io.IOException e) {
      return true; // cannot tell: look in job_runs
    }
  }

  /**
   * Inserts the RUNNING row unless a RUNNING row of the date started within output.stale-run-hours (one MERGE);
   * returns whether it went in, from the MERGE's own count of inserted rows.
   */
  private boolean insertIfFree(Row running, LocalDate runDate) {
    // The claim is a run's first job_runs write: a newer version of the job adds its job_runs columns here.
    spark.conf().set("spark.databricks.delta.schema.autoMerge.enabled", "true");
    String cutoff = java.sql.Timestamp.from(Instant.now().minus(staleAfter)).toString();
    String view = "crm_affinity_claim_" + running.getString(0).replaceAll("[^A-Za-z0-9]", "_");
    spark.createDataFrame(List.of(running), OutputSchemas.JOB_RUNS_SCHEMA).createOrReplaceTempView(view);
    String target = database == null ? "delta." + quote(name(OutputSchemas.JOB_RUNS))
        : quote(database) + "." + quote(OutputSchemas.JOB_RUNS);
    Row counts;
    try {
      Row[] result = new Row[1];
      writing(OutputSchemas.JOB_RUNS, () -> result[0] = spark.sql("MERGE INTO " + target + " t USING " + view
          + " s ON t.run_date = s.run_date AND t.status = 'RUNNING' AND t.started_at > TIMESTAMP'" + cutoff + "'"
          + " WHEN NOT MATCHED THEN INSERT *").first());
      counts = result[0];
    } catch (ConcurrentAppendException e) {
      throw new RunConflictException("Another run for " + runDate + " started at the same moment and claimed it"
          + " first; this one stops without writing results", e);
    } finally {
      spark.catalog().dropTempView(view);
    }
    return counts.getLong(counts.fieldIndex("num_inserted_rows")) > 0;
  }

  /** Starts this attempt's heartbeat (the first beat is written now, before its claim). */
  public Heartbeat startHeartbeat(String runId) {
    try {
      Path jobRuns = new Path(location(OutputSchemas.JOB_RUNS));
      org.apache.hadoop.fs.FileSystem fs = jobRuns.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Duration every = deadAfter.dividedBy(8).compareTo(Duration.ofSeconds(15)) < 0 ? deadAfter.dividedBy(8)
          : Duration.ofSeconds(15);
      heartbeat = Heartbeat.start(fs, jobRuns, runId, every);
      return heartbeat;
    } catch (java.io.IOException e) {
      throw new OutputException("Cannot write the run's heartbeat under " + location(OutputSchemas.JOB_RUNS) + ": "
          + OutputException.reason(e) + "; nothing was written", e);
    }
  }

  /**
   * RUNNING attempts of the date whose driver is dead: written by a version of the job that beats (it records
   * engine_versions), and without a heartbeat for {@code deadAfter}. Each is marked FAILED with an error saying
   * it crashed, so it no longer blocks the date; its rows go when a run of the date succeeds. Attempts of older
   * versions keep the {@code staleAfter} rule.
   */
  List<String> markDeadAttempts(LocalDate runDate) {
    Dataset<Row> runs = read(OutputSchemas.JOB_RUNS);
    if (!java.util.Arrays.asList(runs.columns()).contains("engine_versions")) {
      return List.of();
    }
    List<Row> running = runs.where(col("run_date").equalTo(java.sql.Date.valueOf(runDate))
            .and(col("status").equalTo("RUNNING")).and(col("engine_versions").isNotNull()))
        .select("run_id", "started_at").collectAsList();
    List<String> dead = new java.util.ArrayList<>();
    if (running.isEmpty()) {
      return dead;
    }
    Path jobRuns = new Path(location(OutputSchemas.JOB_RUNS));
    org.apache.hadoop.fs.FileSystem fs;
    try {
      fs = jobRuns.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (java.io.IOException e) {
      return dead; // cannot tell: leave them to the stale rule
    }
    Instant now = Instant.now();
    for (Row r : running) {
      String id = r.getString(0);
      java.util.Optional<Instant> last;
      try {
        last = Heartbeat.last(fs, jobRuns, id);
      } catch (java.io.IOException e) {
        continue; // cannot tell: leave it to the stale rule
      }
      Instant seen = last.orElse(r.getTimestamp(1).toInstant());
      if (seen.isAfter(now.minus(deadAfter))) {
        continue;
      }
      String error = "crashed: the driver stopped without recording an end (last heartbeat "
          + last.map(Instant::toString).orElse("none") + "); marked by a later run of " + runDate;
      // Idempotent: another run marking the same attempt at once changes nothing.
      writeJobRuns(() -> deltaTable(OutputSchemas.JOB_RUNS).update(
          col("run_id").equalTo(id).and(col("status").equalTo("RUNNING")),
          Map.of("status", org.apache.spark.sql.functions.lit("FAILED"),
              "finished_at", org.apache.spark.sql.functions.current_timestamp(),
              "error", org.apache.spark.sql.functions.lit(error))));
      dead.add(id);
      try {
        fs.delete(Heartbeat.file(jobRuns, id), false);
      } catch (java.io.IOException e) {
        // a stale file of a FAILED attempt is never read again
      }
      org.slf4j.LoggerFactory.getLogger(DeltaOutputs.class).warn("Run {} for {} had crashed (its driver stopped"
          + " without recording an end; last heartbeat {}): marked FAILED", id, runDate,
          last.map(Instant::toString).orElse("none"));
    }
    return dead;
  }

  /** Appends this run's rows to a results table in one commit; returns the table version written. */
  public long append(String table, StructType schema, Dataset<Row> rows) {
    writing(table, () -> rows.select(conform(schema)).write()
        .format("delta")
        .mode(SaveMode.Append)
        // Columns added by a newer version of the job are added to an existing table.
        .option("mergeSchema", "true")
        .save(location(table)));
    return latestVersion(table);
  }

  /** One table's rows of a run, in that table's schema. */
  public record Append(String table, StructType schema, Dataset<Row> rows) {}

  /**
   * Appends each table's rows, one Delta commit per table, side by side. Returns the version written to each
   * table, in the order given. When an append fails, the others are waited for and the first failure in that
   * order is thrown (the run is not committed, so its rows stay invisible to readers either way).
   */
  public Map<String, Long> appendAll(List<Append> appends) {
    List<Long> written = sideBySide(appends, a -> append(a.table(), a.schema(), a.rows()));
    Map<String, Long> versions = new java.util.LinkedHashMap<>();
    for (int i = 0; i < appends.size(); i++) {
      versions.put(appends.get(i).table(), written.get(i));
    }
    return versions;
  }

  /**
   * Runs one task per table side by side (up to four at once): each is its own Delta commit to its own table,
   * and most of a small commit's time is the driver's and the file system's, so tables need not wait for each
   * other. Returns the results in the order given. Every task has ended when this returns or throws (unless the
   * calling thread is interrupted: then the tasks are interrupted too); the first failure in the order given is
   * thrown, the others are added to it as suppressed.
   */
  private <T, R> List<R> sideBySide(List<T> tasks, java.util.function.Function<T, R> task) {
    return io.crmaffinity.spark.SideBySide.map(spark, "delta-commit", 4, tasks, task);
  }

  /**
   * Runs a write to {@code table}; an IO failure underneath (a full or read-only disk) becomes an
   * {@link OutputException} naming the table, its location and the file system's reason.
   */
  private void writing(String table, Runnable write) {
    try {
      write.run();
    } catch (Exception | org.apache.hadoop.fs.FSError e) {
      // Spark's job failures are checked exceptions thrown from Scala code; Hadoop's local IO failures are Errors.
      if (isWriteFailure(e)) {
        throw new OutputException("Cannot write output table " + table + " at " + location(table) + ": "
            + OutputException.reason(e), e);
      }
      throw io.crmaffinity.spark.SideBySide.<RuntimeException>rethrow(e);
    }
  }

  /** An IO failure of the file system underneath (full, read-only, gone), as opposed to a bug or bad data. */
  private static boolean isWriteFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.io.IOException || t instanceof org.apache.hadoop.fs.FSError) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether any attempt other than {@code runId} ever claimed {@code runDate}: only such an attempt can have
   * left rows of the date in a results table (every attempt claims its date in job_runs before it writes).
   */
  public boolean otherAttemptsOf(LocalDate runDate, String runId) {
    return !read(OutputSchemas.JOB_RUNS)
        .where(col("run_date").equalTo(java.sql.Date.valueOf(runDate)).and(col("run_id").notEqual(runId)))
        .isEmpty();
  }

  /** After this run SUCCEEDED: every other run's rows for the run date go, in one commit per table. */
  public void removeOtherRuns(String table, LocalDate runDate, String runId) {
    writing(table, () -> deltaTable(table).delete(col("run_date").equalTo(java.sql.Date.valueOf(runDate))
        .and(col("run_id").notEqual(runId))));
  }

  /**
   * {@link #removeOtherRuns} for each table, side by side; returns the tables it failed for, with their
   * failures (the others are done).
   */
  public Map<String, Exception> removeOtherRuns(List<String> tables, LocalDate runDate, String runId) {
    List<Exception> failures = sideBySide(tables, t -> {
      try {
        removeOtherRuns(t, runDate, runId);
        return null;
      } catch (Exception e) {
        // Spark's failures are checked exceptions thrown from Scala code.
        return e;
      }
    });
    Map<String, Exception> failed = new java.util.LinkedHashMap<>();
    for (int i = 0; i < tables.size(); i++) {
      if (failures.get(i) != null) {
        failed.put(tables.get(i), failures.get(i));
      }
    }
    return failed;
  }

  /**
   * Inserts or updates this attempt's row in {@code job_runs}; once a SUCCEEDED or FAILED row is written, this
   * attempt's heartbeat file goes when it stops.
   */
  public void recordRun(Row run) {
    Dataset<Row> row = spark.createDataFrame(List.of(run), OutputSchemas.JOB_RUNS_SCHEMA);
    // Lets a newer version of the job add job_runs columns to an existing table.
    spark.conf().set("spark.databricks.delta.schema.autoMerge.enabled", "true");
    // This row is ours alone, so trying again after another run's commit is safe.
    writeJobRuns(() -> deltaTable(OutputSchemas.JOB_RUNS).as("t")
        .merge(row.as("s"), "t.run_id = s.run_id")
        .whenMatched().updateAll()
        .whenNotMatched().insertAll()
        .execute());
    if (heartbeat != null && !"RUNNING".equals(run.getString(2))) {
      heartbeat.ended();
    }
  }

  /**
   * A write to job_runs that touches only rows no other run writes: tried again (up to five times) when another
   * run's job_runs commit came in between.
   */
  private void writeJobRuns(Runnable write) {
    io.delta.exceptions.DeltaConcurrentModificationException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        writing(OutputSchemas.JOB_RUNS, write);
        return;
      } catch (io.delta.exceptions.DeltaConcurrentModificationException e) {
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

  /**
   * The table's newest version: the highest commit file in its _delta_log (one listing, no Spark job; the
   * newest commit file is never removed by log clean-up). Delta's history when the listing finds none.
   */
  private long latestVersion(String table) {
    try {
      Path log = new Path(location(table), "_delta_log");
      long newest = -1;
      for (org.apache.hadoop.fs.FileStatus f : log.getFileSystem(spark.sparkContext().hadoopConfiguration())
          .listStatus(log)) {
        String name = f.getPath().getName();
        if (name.length() == 25 && name.endsWith(".json") && name.substring(0, 20).chars().allMatch(Character::isDigit)) {
          newest = Math.max(newest, Long.parseLong(name.substring(0, 20)));
        }
      }
      if (newest >= 0) {
        return newest;
      }
    } catch (java.io.IOException e) {
      // Delta's own history below.
    }
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
