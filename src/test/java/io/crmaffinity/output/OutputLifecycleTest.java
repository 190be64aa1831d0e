package io.crmaffinity.output;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import io.crmaffinity.cli.Main;
import io.crmaffinity.config.JobConfig;
import io.crmaffinity.job.AffinityJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reruns, failed runs and concurrent runs against the Delta outputs. */
class OutputLifecycleTest extends SparkTestBase {
  static final Path SAMPLES = Path.of(System.getProperty("crm.project.dir", ".")).resolve("data-samples");
  static final String[] RESULTS = {"association_rules", "frequent_itemsets", "rejected_rows"};

  /** data-samples cut to its first 600 orders, so each run is quick. */
  static Path smallInput(Path tmp) throws IOException {
    Path in = tmp.resolve("in");
    Files.createDirectories(in);
    for (String t : List.of("customers", "products", "opportunities", "contracts")) {
      Files.copy(SAMPLES.resolve(t + ".csv"), in.resolve(t + ".csv"));
    }
    List<String> orders = Files.readAllLines(SAMPLES.resolve("orders.csv")).subList(0, 601);
    Files.write(in.resolve("orders.csv"), orders);
    Set<String> ids = new HashSet<>();
    for (String o : orders.subList(1, orders.size())) {
      ids.add(o.substring(0, o.indexOf(',')));
    }
    List<String> items = new ArrayList<>();
    for (String line : Files.readAllLines(SAMPLES.resolve("order_items.csv"))) {
      if (items.isEmpty() || ids.contains(line.substring(0, line.indexOf(',')))) {
        items.add(line);
      }
    }
    Files.write(in.resolve("order_items.csv"), items);
    return in;
  }

  private int run(Path in, Path out, String date, String... sets) {
    List<String> args = new ArrayList<>(List.of("run", "--input", in.toString(), "--output", out.toString(),
        "--run-date", date, "--set", "summary.top-rules=0", "--set", "mining.min-support=0.02",
        // The lifecycle of the rules tables; the scenario tables' is tested on its own below.
        "--set", "job.scenarios=[]"));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    return Main.execute(args.toArray(String[]::new), conf -> session());
  }

  private Dataset<Row> table(Path out, String name) {
    return session().read().format("delta").load(out.resolve(name).toString());
  }

  /** A table's rows of one date without the run id, for comparing two runs' contents. */
  private Dataset<Row> contents(Path out, String name, String date) {
    return table(out, name).where("run_date = DATE'" + date + "'").drop("run_id");
  }

  /** A snapshot of rows held by the driver: a cached Dataset would be refreshed when the table changes. */
  private Dataset<Row> snapshot(Dataset<Row> rows) {
    return session().createDataFrame(rows.collectAsList(), rows.schema());
  }

  private void assertSameContents(Dataset<Row> expected, Dataset<Row> actual, String what) {
    assertEquals(expected.count(), actual.count(), what);
    assertEquals(0L, expected.exceptAll(actual).count(), what);
    assertEquals(0L, actual.exceptAll(expected).count(), what);
  }

  private String succeededRun(Path out, String date) {
    return table(out, "job_runs").where("status = 'SUCCEEDED' and run_date = DATE'" + date + "'")
        .orderBy(col("finished_at").desc()).first().getString(0);
  }

  @Test
  void rerunningADateReplacesExactlyItsRowsAndLeavesOtherDates(@TempDir Path tmp) throws Exception {
    Path in = smallInput(tmp);
    Path out = tmp.resolve("out");
    assertEquals(0, run(in, out, "2025-06-30"));
    assertEquals(0, run(in, out, "2025-12-31"));
    Map<String, Dataset<Row>> before = new java.util.HashMap<>();
    for (String t : RESULTS) {
      before.put(t, snapshot(contents(out, t, "2025-12-31")));
      before.put(t + "/june", snapshot(contents(out, t, "2025-06-30")));
    }
    assertEquals(0, run(in, out, "2025-12-31"));
    String latest = succeededRun(out, "2025-12-31");
    for (String t : RESULTS) {
      assertSameContents(before.get(t), contents(out, t, "2025-12-31"), t);
      assertSameContents(before.get(t + "/june"), contents(out, t, "2025-06-30"), t + " (other date)");
      assertEquals(List.of(latest), table(out, t).where("run_date = DATE'2025-12-31'").select("run_id").distinct()
          .as(org.apache.spark.sql.Encoders.STRING()).collectAsList(), t);
    }
    assertEquals(3L, table(out, "job_runs").where("status = 'SUCCEEDED'").count());
  }

  @Test
  void scenarioTablesAreReplacedOnARerunAndEmptiedWhenTheirScenarioIsLeftOut(@TempDir Path tmp) throws Exception {
    Path in = smallInput(tmp);
    Path out = tmp.resolve("out");
    String[] scenarioTables = {"recommendations", "revenue_forecast", "customer_value", "customer_health",
        "model_parameters"};
    String all = "job.scenarios=[recommend, forecast, customer]";
    assertEquals(0, run(in, out, "2025-12-31", all));
    Map<String, Long> counts = new java.util.HashMap<>();
    for (String t : scenarioTables) {
      counts.put(t, table(out, t).count());
      Assertions.assertTrue(counts.get(t) > 0, t);
    }
    assertEquals(0, run(in, out, "2025-12-31", all));
    String latest = succeededRun(out, "2025-12-31");
    for (String t : scenarioTables) {
      assertEquals(counts.get(t), table(out, t).count(), t);
      assertEquals(List.of(latest), table(out, t).select("run_id").distinct()
          .as(org.apache.spark.sql.Encoders.STRING()).collectAsList(), t);
    }
    // Only the forecast this time: the other scenarios' tables lose the date's earlier rows.
    assertEquals(0, run(in, out, "2025-12-31", "job.scenarios=[forecast]"));
    String third = succeededRun(out, "2025-12-31");
    assertEquals(0L, table(out, "recommendations").count());
    assertEquals(0L, table(out, "customer_health").count());
    assertEquals(6L, table(out, "revenue_forecast").where(col("run_id").equalTo(third)).count());
    assertEquals(6L, table(out, "revenue_forecast").count());
    assertEquals(0L, table(out, "model_parameters").where("model like 'bg_nbd%'").count());
  }

  @Test
  void aFailedRunLeavesThePreviousResultsReadableAndTheNextRunCleansUp(@TempDir Path tmp) throws Exception {
    Path in = smallInput(tmp);
    Path out = tmp.resolve("out");
    assertEquals(0, run(in, out, "2025-12-31"));
    String good = succeededRun(out, "2025-12-31");
    Map<String, Dataset<Row>> before = resultsOf(out, good);
    // The next attempt fails while writing association_rules, after rejected_rows and frequent_itemsets.
    session().sql("ALTER TABLE delta.`" + out.resolve("association_rules") + "` ADD CONSTRAINT only_good CHECK "
        + "(run_id = '" + good + "')");
    assertEquals(1, run(in, out, "2025-12-31"));
    Row failed = table(out, "job_runs").where("status = 'FAILED'").first();
    Assertions.assertTrue(failed.<String>getAs("error").contains("only_good"), failed.<String>getAs("error"));
    // Readers following the latest SUCCEEDED run see the previous results, whole and unchanged.
    assertPreviousRunIntact(out, good, before);
    // The failed attempt's rows sit beside them until a run of the date succeeds.
    Assertions.assertTrue(table(out, "rejected_rows").where(col("run_id").equalTo(failed.getString(0))).count() > 0);

    session().sql("ALTER TABLE delta.`" + out.resolve("association_rules") + "` DROP CONSTRAINT only_good");
    assertEquals(0, run(in, out, "2025-12-31"));
    assertOnlyRun(out, succeededRun(out, "2025-12-31"), before);
  }

  /**
   * A scheduled run whose driver is killed (SIGKILL) after some tables are appended: readers still see the
   * previous run whole; the dead attempt is RUNNING in job_runs until the next run of the date finds its
   * heartbeat stopped, marks it FAILED (crashed), succeeds, and leaves only its own rows.
   */
  @Test
  void aKilledDriverLeavesThePreviousResultsAndTheNextRunMarksItCrashed(@TempDir Path tmp) throws Exception {
    Path in = smallInput(tmp);
    Path out = tmp.resolve("out");
    assertEquals(0, run(in, out, "2025-12-31"));
    String good = succeededRun(out, "2025-12-31");
    Map<String, Dataset<Row>> before = resultsOf(out, good);
    long itemsetsVersion;
    try (var files = Files.list(out.resolve("frequent_itemsets/_delta_log"))) {
      itemsetsVersion = files.filter(f -> f.toString().endsWith(".json")).count() - 1;
    }
    Path next = out.resolve("frequent_itemsets/_delta_log").resolve(String.format("%020d.json", itemsetsVersion + 1));

    Path console = tmp.resolve("killed.log");
    Process p = io.crmaffinity.CliProcess.builder(console, "run", "--input", in.toString(), "--output",
        out.toString(), "--run-date", "2025-12-31", "--set", "summary.top-rules=0", "--set",
        "mining.min-support=0.02", "--set", "job.scenarios=[]").start();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
    while (!Files.exists(next) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Assertions.assertTrue(p.isAlive(), () -> "the run ended before it could be killed: " + tail(console));
    Assertions.assertTrue(Files.exists(next), () -> "the run appended nothing in 5 minutes: " + tail(console));
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
    p.waitFor();

    Row dead = table(out, "job_runs").where("status = 'RUNNING'").first();
    String deadId = dead.getString(0);
    Assertions.assertTrue(table(out, "frequent_itemsets").where(col("run_id").equalTo(deadId)).count() > 0,
        "the killed attempt had appended frequent_itemsets");
    // Readers following the latest SUCCEEDED run see the previous results, whole and unchanged.
    assertPreviousRunIntact(out, good, before);

    // Its heartbeat has stopped: with a 2-second timeout, the next run finds it dead.
    Thread.sleep(2500);
    assertEquals(0, run(in, out, "2025-12-31", "output.heartbeat-timeout-seconds=2"));
    Row marked = table(out, "job_runs").where(col("run_id").equalTo(deadId)).first();
    assertEquals("FAILED", marked.<String>getAs("status"));
    Assertions.assertTrue(marked.<String>getAs("error").startsWith("crashed: the driver stopped without recording"),
        marked.<String>getAs("error"));
    Assertions.assertNotNull(marked.getAs("finished_at"));
    String after = succeededRun(out, "2025-12-31");
    Row latest = table(out, "job_runs").where(col("run_id").equalTo(after)).first();
    Assertions.assertTrue(latest.getList(latest.fieldIndex("notes")).toString().contains("run " + deadId
        + " for 2025-12-31 had crashed"), latest.getList(latest.fieldIndex("notes")).toString());
    assertOnlyRun(out, after, before);
    assertEquals(0L, table(out, "job_runs").where("status = 'RUNNING'").count());
    try (var beats = Files.list(out.resolve("job_runs/_heartbeats"))) {
      assertEquals(List.of(), beats.map(f -> f.getFileName().toString()).toList(),
          "heartbeat files left: a finished run removes its own, the run that marks a dead attempt removes its");
    }
  }

  /**
   * The output's disk is read-only, or fills up mid-run: exit 1 with an error naming the location and the file
   * system's reason; readers still see the previous run whole; once there is room again the next run of the date
   * succeeds and leaves only its own rows. Uses small tmpfs mounts (needs root, as in CI).
   */
  @Test
  void aReadOnlyOrFullOutputFailsWithItsLocationAndLeavesNothingHalfVisible(@TempDir Path tmp) throws Exception {
    Path ro = tmp.resolve("ro");
    Path full = tmp.resolve("full");
    Files.createDirectories(ro);
    Files.createDirectories(full);
    Assumptions.assumeTrue(mount(ro, "ro,size=1m") && mount(full, "size=4m"),
        "mounting a small tmpfs needs root (CI runs as root)");
    try {
      Path in = smallInput(tmp);
      String[] err = new String[1];
      assertEquals(1, runCapturing(in, ro.resolve("out"), err));
      Assertions.assertTrue(err[0].contains("crm-affinity: error: Output location file:" + ro.resolve("out")
          + " is not writable: " + ro.resolve("out") + ": Read-only file system; nothing was written"), err[0]);

      Path out = full.resolve("out");
      assertEquals(0, run(in, out, "2025-12-31"));
      String good = succeededRun(out, "2025-12-31");
      Map<String, Dataset<Row>> before = resultsOf(out, good);
      // Fill the disk, leaving a little room: the next run claims its date, then a results table cannot be written.
      Path filler = full.resolve("filler");
      try (var o = Files.newOutputStream(filler)) {
        byte[] block = new byte[4096];
        while (Files.getFileStore(full).getUsableSpace() > 160 * 1024) {
          o.write(block);
          o.flush();
        }
      }
      assertEquals(1, runCapturing(in, out, err));
      Assertions.assertTrue(err[0].matches("(?s).*crm-affinity: error: Cannot write output table \\w+ at file:"
          + java.util.regex.Pattern.quote(out.toString()) + "/\\w+: No space left on device.*"), err[0]);
      assertPreviousRunIntact(out, good, before);

      Files.delete(filler);
      Thread.sleep(2500);
      assertEquals(0, run(in, out, "2025-12-31", "output.heartbeat-timeout-seconds=2"));
      String after = succeededRun(out, "2025-12-31");
      assertOnlyRun(out, after, before);
      assertEquals(0L, table(out, "job_runs").where("status = 'RUNNING'").count());
    } finally {
      umount(ro);
      umount(full);
    }
  }

  private int runCapturing(Path in, Path out, String[] err) {
    java.io.PrintStream old = System.err;
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    try {
      System.setErr(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
      return run(in, out, "2025-12-31");
    } finally {
      System.setErr(old);
      err[0] = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static boolean mount(Path dir, String options) throws Exception {
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
        .redirectErrorStream(true).start();
    return p.waitFor() == 0;
  }

  private static void umount(Path dir) throws Exception {
    new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start().waitFor();
  }

  /** The results tables' rows of one run, kept in memory. */
  private Map<String, Dataset<Row>> resultsOf(Path out, String runId) {
    Map<String, Dataset<Row>> rows = new java.util.HashMap<>();
    for (String t : RESULTS) {
      rows.put(t, snapshot(table(out, t).where(col("run_id").equalTo(runId))));
    }
    return rows;
  }

  /** Readers following the latest SUCCEEDED run still see {@code good}'s results, whole and unchanged. */
  private void assertPreviousRunIntact(Path out, String good, Map<String, Dataset<Row>> before) {
    assertEquals(good, succeededRun(out, "2025-12-31"));
    for (String t : RESULTS) {
      assertSameContents(before.get(t), table(out, t).where(col("run_id").equalTo(good)), t);
    }
  }

  /** Only {@code runId}'s rows are left for the date, with the same contents as {@code before}. */
  private void assertOnlyRun(Path out, String runId, Map<String, Dataset<Row>> before) {
    for (String t : RESULTS) {
      assertEquals(List.of(runId), table(out, t).select("run_id").distinct()
          .as(org.apache.spark.sql.Encoders.STRING()).collectAsList(), t);
      assertSameContents(before.get(t).drop("run_id"), contents(out, t, "2025-12-31"), t);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Test
  void twoRunsForTheSameDateAtOnceOneSucceedsTheOtherFailsCleanly(@TempDir Path tmp) throws Exception {
    Path in = smallInput(tmp);
    Path out = tmp.resolve("out");
    Path solo = tmp.resolve("solo");
    assertEquals(0, run(in, solo, "2025-12-31"));
    JobConfig config = JobConfig.load(null, Map.of("input.path", in.toString(), "output.path", out.toString(),
        "summary.top-rules", "0", "mining.min-support", "0.02"));
    // Tables exist first, as after any earlier run; the two runs then race for the date.
    new DeltaOutputs(session(), out.toString()).createTables();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      results.add(pool.submit(() -> {
        start.await();
        try {
          new AffinityJob(session(), config, LocalDate.parse("2025-12-31")).run();
          return "OK";
        } catch (RuntimeException e) {
          return "FAILED " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
      }));
    }
    start.countDown();
    List<String> outcomes = new ArrayList<>();
    for (Future<String> f : results) {
      outcomes.add(f.get());
    }
    pool.shutdown();
    assertEquals(1L, outcomes.stream().filter("OK"::equals).count(), outcomes.toString());
    String loser = outcomes.stream().filter(o -> !o.equals("OK")).findFirst().orElseThrow();
    Assertions.assertTrue(loser.contains("RunConflictException") && loser.contains("2025-12-31"), loser);
    Dataset<Row> runs = table(out, "job_runs");
    assertEquals(1L, runs.where("status = 'SUCCEEDED'").count());
    assertEquals(1L, runs.where("status = 'FAILED'").count());
    assertEquals(0L, runs.where("status = 'RUNNING'").count());
    for (String t : RESULTS) {
      assertSameContents(contents(solo, t, "2025-12-31"), contents(out, t, "2025-12-31"), t);
    }
  }

  @Test
  void diffListsNewDroppedAndMovedRulesBetweenTwoRuns(@TempDir Path tmp) throws Exception {
    Path in = smallInput(tmp);
    Path out = tmp.resolve("out");
    assertEquals(0, run(in, out, "2025-11-30", "mining.min-confidence=0.5"));
    assertEquals(0, run(in, out, "2025-12-31", "mining.min-confidence=0.3"));
    long strict = table(out, "association_rules").where("run_date = DATE'2025-11-30'").count();
    long loose = table(out, "association_rules").where("run_date = DATE'2025-12-31'").count();
    Assertions.assertTrue(loose > strict && strict > 0, strict + " / " + loose);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.out;
    int code;
    try {
      System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
      code = Main.execute(new String[] {"diff", "--output", out.toString(), "--from", "2025-11-30", "--to",
          "2025-12-31", "--top", "3"}, conf -> session());
    } finally {
      System.setOut(old);
    }
    String printed = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, code, printed);
    // Same baskets, lower confidence bar: every earlier rule is still there with the same measures, and
    // only ranks can move (the new rules rank among them).
    Assertions.assertTrue(printed.contains("rules: " + (loose - strict) + " new, 0 dropped, "), printed);
    // Without arguments: the latest succeeded run against the one before it — the same pair here.
    bytes.reset();
    try {
      System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
      code = Main.execute(new String[] {"diff", "--output", out.toString()}, conf -> session());
    } finally {
      System.setOut(old);
    }
    Assertions.assertTrue(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)
        .contains("rules: " + (loose - strict) + " new, 0 dropped, "));
    assertEquals(2, Main.execute(new String[] {"diff", "--output", out.toString(), "--from", "1999-01-01"},
        conf -> session()));
  }

  @Test
  void tablesCanLiveInADatabaseOfTheCatalog(@TempDir Path tmp) throws Exception {
    Path in = smallInput(tmp);
    assertEquals(0, run(in, tmp.resolve("unused"), "2025-12-31", "output.database=crm_affinity_test"));
    Dataset<Row> rules = session().table("crm_affinity_test.association_rules");
    Assertions.assertTrue(rules.count() > 0);
    assertEquals("SUCCEEDED", session().table("crm_affinity_test.job_runs").first().<String>getAs("status"));
    Row detail = session().sql("DESCRIBE DETAIL crm_affinity_test.association_rules").first();
    assertEquals(List.of("run_date"), detail.getList(detail.fieldIndex("partitionColumns")));
    assertEquals("crm-affinity: scored and ranked association rules per run date and segment",
        detail.<String>getAs("description"));
    // No table folder under output.path: only the HTML report, which is a file and not a table.
    try (java.util.stream.Stream<Path> left = Files.list(tmp.resolve("unused"))) {
      assertEquals(List.of("reports"), left.map(p -> p.getFileName().toString()).toList());
    }
  }
}
