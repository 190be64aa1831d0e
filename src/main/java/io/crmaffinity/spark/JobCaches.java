package io.crmaffinity.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * What one command keeps in Spark's memory, released when it ends. The stages cache what several of their
 * steps read (validated tables, baskets, rules, scenario outputs) and cut long plans with local checkpoints;
 * in a session that outlives the command (a notebook, a scheduler's long-lived driver, the test suite) those
 * blocks and their plans would otherwise stay until the session stops: memory fills, every later query is
 * planned against a growing list of cached plans, and garbage collection takes over.
 *
 * <p>A scope is opened per thread ({@link #open()}, closed with try-with-resources); scopes nest, and each
 * releases what was cached while it was the innermost one. Outside any scope the helpers only cache, as
 * {@link Dataset#persist} does.
 */
public final class JobCaches implements AutoCloseable {
  private static final ThreadLocal<JobCaches> CURRENT = new ThreadLocal<>();
  private final JobCaches outer;
  private final Deque<Runnable> releases = new ArrayDeque<>();

  private JobCaches(JobCaches outer) {
    this.outer = outer;
  }

  /** Opens a scope on this thread: what is cached from now on is released by {@link #close()}. */
  public static JobCaches open() {
    JobCaches scope = new JobCaches(CURRENT.get());
    CURRENT.set(scope);
    return scope;
  }

  /** Caches {@code ds} (memory, spilling to disk) until the current scope ends; returns it. */
  public static <T> Dataset<T> cache(Dataset<T> ds) {
    return persist(ds, StorageLevel.MEMORY_AND_DISK());
  }

  /** Persists {@code ds} at {@code level} until the current scope ends; returns it. */
  public static <T> Dataset<T> persist(Dataset<T> ds, StorageLevel level) {
    ds.persist(level);
    track(() -> ds.unpersist(false));
    return ds;
  }

  /** Persists {@code rdd} at {@code level} until the current scope ends; returns it. */
  public static <T> JavaRDD<T> persist(JavaRDD<T> rdd, StorageLevel level) {
    rdd.persist(level);
    track(() -> rdd.unpersist(false));
    return rdd;
  }

  /**
   * {@link Dataset#localCheckpoint()}: computes {@code ds} now and restarts its plan from the stored result,
   * whose blocks are released when the current scope ends.
   */
  public static <T> Dataset<T> localCheckpoint(Dataset<T> ds) {
    Dataset<T> cut = ds.localCheckpoint();
    if (logicalPlan(cut) instanceof LogicalRDD stored) {
      track(() -> stored.rdd().unpersist(false));
    }
    return cut;
  }

  /**
   * The Dataset's logical plan. Spark 3.5's Dataset has it as a method; Spark 4's API class does not (its
   * classic implementation does), so it is looked up on the object the session returned. Null if absent: then
   * the checkpoint's blocks stay until the session stops, as with a bare {@link Dataset#localCheckpoint()}.
   */
  private static LogicalPlan logicalPlan(Dataset<?> ds) {
    try {
      return (LogicalPlan) ds.getClass().getMethod("logicalPlan").invoke(ds);
    } catch (ReflectiveOperationException | ClassCastException e) {
      return null;
    }
  }

  /** The innermost scope open on this thread, or null. */
  public static JobCaches current() {
    return CURRENT.get();
  }

  /**
   * Runs {@code work} on this thread with {@code scope} (another thread's, or null) as the innermost scope:
   * what it caches is released when that scope closes.
   */
  public static <T> T within(JobCaches scope, java.util.function.Supplier<T> work) {
    JobCaches before = CURRENT.get();
    if (scope == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(scope);
    }
    try {
      return work.get();
    } finally {
      if (before == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(before);
      }
    }
  }

  private static void track(Runnable release) {
    JobCaches scope = CURRENT.get();
    if (scope != null) {
      synchronized (scope.releases) {
        scope.releases.push(release);
      }
    }
  }

  /** Releases what this scope cached, newest first, and makes the enclosing scope current again. */
  @Override
  public void close() {
    try {
      while (true) {
        Runnable release;
        synchronized (releases) {
          if (releases.isEmpty()) {
            break;
          }
          release = releases.pop();
        }
        try {
          release.run();
        } catch (RuntimeException e) {
          // A block that cannot be dropped now is dropped when the session stops: never a failure of the job.
          org.slf4j.LoggerFactory.getLogger(JobCaches.class).debug("cache release failed: {}", e.toString());
        }
      }
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }
}
