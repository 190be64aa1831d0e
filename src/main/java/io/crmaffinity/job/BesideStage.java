package io.crmaffinity.job;

import io.crmaffinity.spark.JobCaches;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * A stage that writes nothing, run on its own thread beside the driver's main line of work (the input's
 * validation beside the claim of the run date, which in a fresh JVM is mostly Delta's first use and leaves
 * Spark's executors idle). Its Spark jobs run in their own job group; what it caches belongs to the scope that
 * started it. {@link #close()} cancels it when its result was never taken, and waits for it to end, so nothing
 * of it outlives the run.
 */
final class BesideStage<T> implements AutoCloseable {
  private final SparkSession spark;
  private final String group;
  private final ExecutorService thread;
  private final Future<T> result;
  private volatile double seconds;
  private boolean taken;

  private BesideStage(SparkSession spark, String name, Supplier<T> work) {
    this.spark = spark;
    this.group = "crm-affinity-" + name + "-" + java.util.UUID.randomUUID();
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "crm-affinity-" + name);
      t.setDaemon(true);
      return t;
    });
    JobCaches scope = JobCaches.current();
    this.result = thread.submit(() -> {
      SparkSession.setActiveSession(spark);
      spark.sparkContext().setJobGroup(group, "crm-affinity: " + name, false);
      long start = System.nanoTime();
      try {
        return JobCaches.within(scope, work);
      } finally {
        seconds = (System.nanoTime() - start) / 1e9;
        spark.sparkContext().clearJobGroup();
      }
    });
  }

  /** Starts {@code work} on its own thread now. */
  static <T> BesideStage<T> start(SparkSession spark, String name, Supplier<T> work) {
    return new BesideStage<>(spark, name, work);
  }

  /** Waits for the stage and returns its result, or throws what it threw. */
  T join() {
    taken = true;
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw io.crmaffinity.spark.SideBySide.<RuntimeException>rethrow(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a stage", e);
    }
  }

  /** The stage's own seconds (valid once {@link #join()} returned or threw). */
  double seconds() {
    return seconds;
  }

  /** Cancels the stage when its result was not taken, and waits until it has ended either way. */
  @Override
  public void close() {
    if (!taken && !result.isDone()) {
      spark.sparkContext().cancelJobGroup(group);
    }
    try {
      result.get();
    } catch (ExecutionException | java.util.concurrent.CancellationException e) {
      // Its failure was reported by join(), or nobody asked for its result.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      thread.shutdownNow();
    }
  }
}
