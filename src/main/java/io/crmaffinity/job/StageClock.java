package io.crmaffinity.job;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Seconds per stage, and the one INFO line each stage logs. */
final class StageClock {
  private static final Logger LOG = LoggerFactory.getLogger("io.crmaffinity.stage");
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private long start;
  private String stage;

  void start(String name) {
    stage = name;
    start = System.nanoTime();
  }

  /** Ends the current stage and logs it with its row counts. */
  void end(String rows) {
    record(stage, (System.nanoTime() - start) / 1e9, rows);
  }

  /** Records a stage that was timed elsewhere (one that ran beside another) and logs it. */
  void record(String name, double s, String rows) {
    seconds.put(name, Math.round(s * 1000) / 1000.0);
    LOG.info("stage {}: {} ({} s)", name, rows, String.format(java.util.Locale.ROOT, "%.1f", s));
  }

  Map<String, Double> seconds() {
    return seconds;
  }
}
