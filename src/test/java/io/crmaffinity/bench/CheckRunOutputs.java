package io.crmaffinity.bench;

import io.crmaffinity.RunOutputCheck;
import io.crmaffinity.spark.SparkSessions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Reads back the Delta tables a {@code run} wrote and checks them with {@link RunOutputCheck}
 * (jobs/run-shared-datasets.sh). Prints per data set the rows per table, the job's notes and stage seconds, a
 * few distributions to eyeball, every failed check, and a line {@code RESULT <name> PASS|FAIL <failed checks>}.
 *
 * <p>Arguments, repeated per data set: NAME OUTPUT_DIR RUN_DATE INPUT_DIR. Exit code 0 when every data set
 * passed, else 1.
 */
public final class CheckRunOutputs {
  private CheckRunOutputs() {}

  public static void main(String[] args) {
    if (args.length == 0 || args.length % 4 != 0) {
      System.err.println("usage: CheckRunOutputs (NAME OUTPUT_DIR RUN_DATE INPUT_DIR)...");
      System.exit(2);
    }
    SparkSession spark = SparkSessions.create(Map.of("spark.master", "local[2]",
        "spark.sql.shuffle.partitions", "4", "spark.ui.enabled", "false",
        "spark.databricks.delta.snapshotPartitions", "2"));
    spark.sparkContext().setLogLevel("ERROR");
    boolean allPassed = true;
    for (int i = 0; i < args.length; i += 4) {
      long start = System.nanoTime();
      RunOutputCheck c = new RunOutputCheck(spark, args[i], Path.of(args[i + 1]), LocalDate.parse(args[i + 2]),
          Path.of(args[i + 3]), null).run();
      System.out.println(c.text());
      System.out.printf(Locale.ROOT, "  checked in %.1f s%n", (System.nanoTime() - start) / 1e9);
      System.out.flush();
      allPassed &= c.failures().isEmpty();
    }
    spark.stop();
    System.exit(allPassed ? 0 : 1);
  }

}
