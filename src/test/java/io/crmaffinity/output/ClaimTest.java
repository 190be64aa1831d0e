package io.crmaffinity.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.crmaffinity.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run date's claim (one MERGE into job_runs) and how it finds dead attempts: through a heartbeat file left
 * behind, or, when there is none, only once the date turns out to be held.
 */
class ClaimTest extends SparkTestBase {
  static final LocalDate DATE = LocalDate.parse("2025-12-31");

  private DeltaOutputs outputs(Path root) {
    DeltaOutputs out = new DeltaOutputs(session(), root.toString(), null, Duration.ofHours(6), Duration.ofSeconds(2));
    out.createTables(List.of(OutputSchemas.JOB_RUNS));
    return out;
  }

  /** A job_runs row; engine_versions set, as every attempt of a version that beats writes it. */
  private static Row run(String runId, String status, Instant started) {
    return RowFactory.create(runId, Date.valueOf(DATE), status, Timestamp.from(started),
        "RUNNING".equals(status) ? null : Timestamp.from(Instant.now()), Map.of(), null, null, null, null, null,
        null, null, null, null, null, "spark=test");
  }

  @Test
  void theEndOfAClaimedRunUpdatesItsRowWithEveryValue(@TempDir Path tmp) {
    DeltaOutputs out = outputs(tmp);
    Instant started = Instant.now();
    out.claim(run("mine", "RUNNING", started), DATE);
    Map<String, String> params = new java.util.LinkedHashMap<>();
    params.put("mining.min-support", "0.01");
    params.put("input.path", "data-samples");
    Map<String, Long> rows = new java.util.LinkedHashMap<>();
    rows.put("orders", 5001L);
    rows.put("customers", 401L);
    Timestamp finished = Timestamp.from(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    out.recordRun(RowFactory.create("mine", Date.valueOf(DATE), "SUCCEEDED", Timestamp.from(started), finished,
        params, rows, Map.of(), null, Map.of("recommendations", 10L), null, Map.of("association_rules", 3L), null,
        Map.of("claim", 1.5), List.of("a note", "another"), null, "spark=test"));
    Row r = out.read(OutputSchemas.JOB_RUNS).first();
    assertEquals(1L, out.read(OutputSchemas.JOB_RUNS).count());
    assertEquals("SUCCEEDED", r.<String>getAs("status"));
    assertEquals(finished, r.<Timestamp>getAs("finished_at"));
    // Written in the order given, as the report reads them.
    assertEquals(List.of("mining.min-support", "input.path"), out.read(OutputSchemas.JOB_RUNS)
        .select(org.apache.spark.sql.functions.map_keys(org.apache.spark.sql.functions.col("parameters")))
        .first().getList(0));
    assertEquals(params, r.getJavaMap(r.fieldIndex("parameters")));
    assertEquals(rows, r.getJavaMap(r.fieldIndex("input_rows")));
    assertEquals(Map.of(), r.getJavaMap(r.fieldIndex("used_rows")));
    Assertions.assertTrue(r.isNullAt(r.fieldIndex("rejected_rows")));
    assertEquals(Map.of("claim", 1.5), r.getJavaMap(r.fieldIndex("stage_seconds")));
    assertEquals(List.of("a note", "another"), r.getList(r.fieldIndex("notes")));
    Assertions.assertTrue(r.isNullAt(r.fieldIndex("error")));
  }

  private Map<String, String> statuses(DeltaOutputs out) {
    Map<String, String> s = new java.util.TreeMap<>();
    for (Row r : out.read(OutputSchemas.JOB_RUNS).select("run_id", "status").collectAsList()) {
      s.put(r.getString(0), r.getString(1));
    }
    return s;
  }

  private static Path heartbeat(Path root, String runId) {
    return root.resolve(OutputSchemas.JOB_RUNS).resolve(Heartbeat.FOLDER).resolve(runId);
  }

  @Test
  void aFreeDateIsClaimedAndASecondClaimWhileItRunsFails(@TempDir Path tmp) {
    DeltaOutputs out = outputs(tmp);
    // Its driver is alive: it beats (every 250 ms with a 2-second timeout).
    try (Heartbeat beating = out.startHeartbeat("first")) {
      assertEquals(List.of(), out.claim(run("first", "RUNNING", Instant.now()), DATE));
      RunConflictException e = assertThrows(RunConflictException.class,
          () -> outputs(tmp).claim(run("second", "RUNNING", Instant.now()), DATE));
      Assertions.assertTrue(e.getMessage().startsWith("Another run for 2025-12-31 is in progress (run first, started "),
          e.getMessage());
    }
    assertEquals(Map.of("first", "RUNNING"), statuses(out));
  }

  @Test
  void anAttemptWithoutAHeartbeatFileIsFoundDeadOnceItHoldsTheDate(@TempDir Path tmp) {
    DeltaOutputs out = outputs(tmp);
    // It claimed the date an hour ago and never recorded an end; its heartbeat file is gone.
    out.claim(run("lost", "RUNNING", Instant.now().minus(Duration.ofHours(1))), DATE);
    assertFalse(Files.exists(heartbeat(tmp, "lost")));
    assertEquals(List.of("lost"), outputs(tmp).claim(run("next", "RUNNING", Instant.now()), DATE));
    assertEquals(Map.of("lost", "FAILED", "next", "RUNNING"), statuses(out));
  }

  @Test
  void aSilentHeartbeatFileMarksItsAttemptDeadBeforeTheClaim(@TempDir Path tmp) throws Exception {
    DeltaOutputs out = outputs(tmp);
    // Over six hours old: it no longer holds the date, yet it is marked, and its file goes.
    out.claim(run("old", "RUNNING", Instant.now().minus(Duration.ofHours(7))), DATE);
    Path file = heartbeat(tmp, "old");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "beat");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(7))));
    assertEquals(List.of("old"), outputs(tmp).claim(run("next", "RUNNING", Instant.now()), DATE));
    assertEquals(Map.of("next", "RUNNING", "old", "FAILED"), statuses(out));
    assertFalse(Files.exists(file));
  }

  @Test
  void theHeartbeatFileGoesOnlyOnceTheEndIsRecorded(@TempDir Path tmp) throws Exception {
    DeltaOutputs failing = outputs(tmp);
    Heartbeat unrecorded = failing.startHeartbeat("unrecorded");
    failing.claim(run("unrecorded", "RUNNING", Instant.now()), DATE);
    unrecorded.close();
    Assertions.assertTrue(Files.exists(heartbeat(tmp, "unrecorded")),
        "an attempt that recorded no end leaves its last beat");

    DeltaOutputs ending = outputs(tmp);
    Heartbeat recorded = ending.startHeartbeat("recorded");
    ending.recordRun(run("recorded", "SUCCEEDED", Instant.now()));
    recorded.close();
    assertFalse(Files.exists(heartbeat(tmp, "recorded")));
    // The one left behind is silent since a moment from now; the caller's own file never counts.
    org.apache.hadoop.fs.Path jobRuns = new org.apache.hadoop.fs.Path(tmp.resolve(OutputSchemas.JOB_RUNS).toString());
    org.apache.hadoop.fs.FileSystem fs =
        org.apache.hadoop.fs.FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
    Assertions.assertTrue(Heartbeat.othersSilentSince(fs, jobRuns, "recorded", Instant.now().plusSeconds(1)));
    assertFalse(Heartbeat.othersSilentSince(fs, jobRuns, "unrecorded", Instant.now().plusSeconds(1)));
  }
}
