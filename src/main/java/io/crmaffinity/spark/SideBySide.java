package io.crmaffinity.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Independent pieces of driver work run on a few threads at once. Spark runs jobs from several threads side
 * by side; on small data most of a job's time is the driver's (planning, Delta's log, commits) and one thread
 * at a time leaves the executors idle.
 */
public final class SideBySide {
  private SideBySide() {}

  /**
   * Applies {@code task} to every element, up to {@code width} at once, each on a daemon thread that uses
   * {@code spark} and the caller's {@link JobCaches} scope. Returns the results in the order given. Every task has
   * ended when this returns or throws (unless the calling thread is interrupted: then the tasks are interrupted
   * too); the first failure in the order given is thrown as it was thrown, the others are added to it as
   * suppressed.
   */
  public static <T, R> List<R> map(SparkSession spark, String name, int width, List<T> tasks, Function<T, R> task) {
    if (tasks.size() <= 1 || width <= 1) {
      List<R> results = new ArrayList<>();
      for (T t : tasks) {
        results.add(task.apply(t));
      }
      return results;
    }
    JobCaches scope = JobCaches.current();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(width, tasks.size()), r -> {
      Thread t = new Thread(r, "crm-affinity-" + name);
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T t : tasks) {
        futures.add(pool.submit(() -> {
          SparkSession.setActiveSession(spark);
          return JobCaches.within(scope, () -> task.apply(t));
        }));
      }
      List<R> results = new ArrayList<>();
      Throwable first = null;
      for (Future<R> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          results.add(null);
          if (first == null) {
            first = e.getCause();
          } else if (e.getCause() != first) {
            first.addSuppressed(e.getCause());
          }
        }
      }
      if (first != null) {
        throw SideBySide.<RuntimeException>rethrow(first);
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + name, e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Throws {@code t} as it is, checked or not (Spark's Scala code throws checked exceptions that Java does not
   * declare); the return type lets a caller write {@code throw rethrow(t)}.
   */
  @SuppressWarnings("unchecked")
  public static <E extends Throwable> E rethrow(Throwable t) throws E {
    throw (E) t;
  }
}
