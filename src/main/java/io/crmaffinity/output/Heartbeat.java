package io.crmaffinity.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running attempt's sign of life: a small file, {@code <job_runs>/_heartbeats/<run_id>}, rewritten every few
 * seconds by a daemon thread of the driver until the attempt has recorded its end. A RUNNING row in job_runs
 * whose file is missing or older than the timeout belongs to a driver that died (killed, lost its machine,
 * out of memory) and is marked as such by the next run of its date. The file is removed once the attempt's end is
 * recorded; an attempt that could not record it stops beating and leaves the file, so the next run of its date
 * finds it dead just the same. Delta ignores the folder: its name starts with an underscore, so neither readers
 * nor VACUUM touch it.
 */
public final class Heartbeat implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
  static final String FOLDER = "_heartbeats";

  private final FileSystem fs;
  private final Path file;
  private final ScheduledExecutorService timer;
  private volatile boolean ended;

  private Heartbeat(FileSystem fs, Path file, Duration every) throws IOException {
    this.fs = fs;
    this.file = file;
    beat();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "crm-affinity-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long ms = Math.max(200, every.toMillis());
    timer.scheduleWithFixedDelay(this::beatQuietly, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Writes the first beat now (failing if it cannot) and keeps beating every {@code every}. */
  static Heartbeat start(FileSystem fs, Path jobRuns, String runId, Duration every) throws IOException {
    return new Heartbeat(fs, file(jobRuns, runId), every);
  }

  static Path file(Path jobRuns, String runId) {
    return new Path(new Path(jobRuns, FOLDER), runId);
  }

  /** When the attempt last beat, as the file system stamped it; empty when it has no heartbeat file. */
  static Optional<Instant> last(FileSystem fs, Path jobRuns, String runId) throws IOException {
    Path f = file(jobRuns, runId);
    if (!fs.exists(f)) {
      return Optional.empty();
    }
    FileStatus st = fs.getFileStatus(f);
    return Optional.of(Instant.ofEpochMilli(st.getModificationTime()));
  }

  /**
   * Whether a heartbeat file other than {@code runId}'s was last written before {@code since}: the sign of a
   * dead attempt. No folder: none.
   */
  static boolean othersSilentSince(FileSystem fs, Path jobRuns, String runId, Instant since) throws IOException {
    Path folder = new Path(jobRuns, FOLDER);
    FileStatus[] files;
    try {
      files = fs.listStatus(folder);
    } catch (java.io.FileNotFoundException e) {
      return false;
    }
    for (FileStatus f : files) {
      if (!f.getPath().getName().equals(runId) && f.getModificationTime() < since.toEpochMilli()) {
        return true;
      }
    }
    return false;
  }

  /** The attempt's end is recorded in job_runs: {@link #close} removes the file. */
  void ended() {
    ended = true;
  }

  private void beat() throws IOException {
    try (FSDataOutputStream out = fs.create(file, true)) {
      out.write(Instant.now().toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private void beatQuietly() {
    try {
      beat();
    } catch (IOException | RuntimeException e) {
      // A missed beat is survivable; only many in a row make the attempt look dead.
      LOG.debug("heartbeat {} not written: {}", file, e.toString());
    }
  }

  /**
   * Stops beating; removes the file when the attempt's end is recorded, else leaves it with its last beat, so the
   * next run of the date finds the attempt dead once the timeout has passed.
   */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
      if (ended) {
        fs.delete(file, false);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("heartbeat {} not removed: {}", file, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
