package io.crmaffinity.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.crmaffinity.RunOutputCheck;
import io.crmaffinity.SparkTestBase;
import io.crmaffinity.output.OutputSchemas;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark 4 build and the Spark 3.5 build give the same results on the bundled sample: every output table,
 * row for row, and the run's record in job_runs (status, row counts, notes). The Spark 4 side runs the date
 * twice, so its tables also show that a rerun leaves exactly one run's rows. Only in the Spark 4 build. The
 * Spark 4 side runs in the suite's session (interpreted, see TestSparkConf), the Spark 3.5 reference as the CLI
 * runs (generated code), so the comparison also covers both execution paths.
 *
 * <p>The Spark 3.5 results are the output folder named by the system property {@code crm.reference.output}
 * (CI passes the README's run on the sample), or, without it, a run of {@code jobs/run-local.sh} on Spark 3.5
 * started by this test.
 */
class SparkLinesAgreeTest extends SparkTestBase {
  static final Path PROJECT = Path.of(System.getProperty("crm.project.dir", "."));
  static final String[] RUN = {"run", "--config", "conf/local.conf", "--run-date", "2025-12-31"};
  /** Job-run fields that say what was computed, not when or by which build. */
  static final String[] RUN_RECORD = {"run_date", "status", "input_rows", "used_rows", "rejected_rows",
      "output_rows", "basket_counts", "rule_filters", "notes", "error"};

  @TempDir Path tmp;

  @Test
  void theSampleGivesTheSameOutputsOnSpark35AndSpark4() throws Exception {
    Path reference = reference();
    Path mine = tmp.resolve("spark-4");
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(RUN),
        java.util.stream.Stream.of("--output", mine.toString())).toArray(String[]::new);
    CliRun r = CliRun.of(session(), args);
    assertEquals(0, r.code(), r.err());
    // A rerun of the date on Spark 4 (Delta 4's DELETE after the commit) must leave exactly one run's rows, the
    // same as the single Spark 3.5 run's.
    CliRun again = CliRun.of(session(), args);
    assertEquals(0, again.code(), again.err());
    String latest = session().read().format("delta").load(mine.resolve(OutputSchemas.JOB_RUNS).toString())
        .where(col("status").equalTo("SUCCEEDED")).orderBy(col("finished_at").desc()).first().getString(0);

    List<String> tables = new ArrayList<>(RunOutputCheck.RUN_TABLES);
    tables.add(OutputSchemas.PRODUCT_NAMES);
    List<String> differences = new ArrayList<>();
    for (String table : tables) {
      List<String> expected = canonical(session().read().format("delta").load(reference.resolve(table).toString()));
      Dataset<Row> mineRows = session().read().format("delta").load(mine.resolve(table).toString());
      assertEquals(0L, mineRows.where(col("run_id").notEqual(latest)).count(), table + ": the rerun left rows of "
          + "the first run");
      List<String> actual = canonical(mineRows);
      assertTrue(!expected.isEmpty() || table.equals(OutputSchemas.REJECTED_ROWS), table + " is empty on Spark 3.5");
      if (!expected.equals(actual)) {
        differences.add(table + ": " + firstDifference(expected, actual));
      }
    }
    List<String> expectedRun = canonical(session().read().format("delta")
        .load(reference.resolve(OutputSchemas.JOB_RUNS).toString()).where(col("status").equalTo("SUCCEEDED"))
        .select(RUN_RECORD[0], java.util.Arrays.copyOfRange(RUN_RECORD, 1, RUN_RECORD.length)));
    List<String> actualRun = canonical(session().read().format("delta")
        .load(mine.resolve(OutputSchemas.JOB_RUNS).toString()).where(col("run_id").equalTo(latest))
        .select(RUN_RECORD[0], java.util.Arrays.copyOfRange(RUN_RECORD, 1, RUN_RECORD.length)));
    assertEquals(1, expectedRun.size(), "one SUCCEEDED run in the Spark 3.5 reference at " + reference);
    if (!expectedRun.equals(actualRun)) {
      differences.add("job_runs: " + firstDifference(expectedRun, actualRun));
    }
    if (!differences.isEmpty()) {
      fail("Spark 4 and Spark 3.5 disagree on the sample:\n  " + String.join("\n  ", differences));
    }
  }

  /** The Spark 3.5 run's output folder: given, or made now with jobs/run-local.sh. */
  private Path reference() throws IOException, InterruptedException {
    String given = System.getProperty("crm.reference.output", "");
    if (!given.isBlank()) {
      Path p = Path.of(given);
      assertTrue(Files.isDirectory(p.resolve(OutputSchemas.JOB_RUNS)), "no job_runs table in " + p);
      return p;
    }
    Path out = tmp.resolve("spark-3.5");
    List<String> command = new ArrayList<>(List.of("bash", "jobs/run-local.sh"));
    command.addAll(List.of(RUN));
    command.addAll(List.of("--output", out.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("spark-3.5.log").toFile());
    pb.environment().put("CRM_AFFINITY_SPARK", "3.5");
    Process p = pb.start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("the Spark 3.5 run did not end in 15 minutes");
    }
    assertEquals(0, p.exitValue(), () -> "the Spark 3.5 run failed: " + tail(tmp.resolve("spark-3.5.log").toFile()));
    return out;
  }

  /**
   * The rows as sorted strings, without the run id and timestamps; doubles to 9 significant digits (the two
   * lines may sum in another order, which moves the last bits).
   */
  static List<String> canonical(Dataset<Row> df) {
    List<String> keep = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (!f.name().equals("run_id") && !(f.dataType() instanceof TimestampType)) {
        keep.add(f.name());
      }
    }
    Dataset<Row> kept = df.select(keep.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new));
    List<String> rows = new ArrayList<>();
    for (Row row : kept.collectAsList()) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        s.append(i == 0 ? "" : " | ").append(kept.columns()[i]).append('=').append(value(row.get(i)));
      }
      rows.add(s.toString());
    }
    rows.sort(null);
    return rows;
  }

  private static String value(Object v) {
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.9g", d);
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      // Map entries in key order: the two Scala versions iterate maps differently.
      List<String> entries = new ArrayList<>();
      m.foreach(e -> entries.add(e._1() + "->" + value(e._2())));
      entries.sort(null);
      return entries.toString();
    }
    if (v instanceof scala.collection.Seq<?> s) {
      List<String> items = new ArrayList<>();
      s.foreach(x -> items.add(value(x)));
      return items.toString();
    }
    if (v instanceof Row r) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        items.add(value(r.get(i)));
      }
      return items.toString();
    }
    return String.valueOf(v);
  }

  private static String firstDifference(List<String> expected, List<String> actual) {
    List<String> missing = new ArrayList<>(expected);
    missing.removeAll(actual);
    List<String> extra = new ArrayList<>(actual);
    extra.removeAll(expected);
    return expected.size() + " rows on Spark 3.5, " + actual.size() + " on Spark 4; "
        + missing.size() + " only on 3.5" + (missing.isEmpty() ? "" : " (first: " + missing.get(0) + ")") + ", "
        + extra.size() + " only on 4" + (extra.isEmpty() ? "" : " (first: " + extra.get(0) + ")");
  }

  private static String tail(File log) {
    try {
      List<String> lines = Files.readAllLines(log.toPath());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
