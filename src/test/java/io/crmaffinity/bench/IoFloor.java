package io.crmaffinity.bench;

import io.crmaffinity.ingest.TableSpec;
import io.crmaffinity.spark.SparkSessions;
import java.io.File;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * jobs/bench-scale.sh's I/O floor: what any Spark job on the same input must at least pay. Reads every CRM table
 * of a CSV input folder once (header, the contract's typed schema, every column parsed), counts it, and writes
 * the largest as one Delta table; the script times this whole process, JVM and Spark start-up included.
 *
 * <p>Arguments: input folder (files NAME.csv[.gz] or folders NAME/), output folder (replaced).
 */
public final class IoFloor {
  private IoFloor() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSessions.create(Map.of("spark.master", "local[*]", "spark.ui.enabled", "false"));
    spark.sparkContext().setLogLevel("ERROR");
    Dataset<Row> largest = null;
    long most = -1;
    StringBuilder counts = new StringBuilder();
    for (TableSpec spec : TableSpec.ALL) {
      String path = location(args[0], spec.name());
      if (path == null) {
        continue;
      }
      Dataset<Row> t = read(spark, spec, path);
      long n = parseAll(t);
      counts.append(counts.length() == 0 ? "" : ", ").append(spec.name()).append(' ').append(n);
      if (n > most) {
        most = n;
        largest = t;
      }
    }
    long t0 = System.nanoTime();
    largest.write().format("delta").mode("overwrite").save(args[1]);
    System.out.printf("io floor: read %s; wrote %d rows as Delta in %.1f s%n", counts, most,
        (System.nanoTime() - t0) / 1e9);
    spark.stop();
  }

  /** One CRM table's CSV file or folder with the contract's typed schema. */
  static Dataset<Row> read(SparkSession spark, TableSpec spec, String path) {
    return spark.read().option("header", "true").option("mode", "PERMISSIVE").schema(spec.typedSchema()).csv(path);
  }

  /** The rows, every column parsed: count() of a CSV file parses no column, the sum of every column's hash all. */
  static long parseAll(Dataset<Row> table) {
    return table.selectExpr("count(1)", "sum(hash(*))").first().getLong(0);
  }

  /** NAME.csv, NAME.csv.gz or the folder NAME in {@code dir}; null when there is none. */
  static String location(String dir, String table) {
    for (String name : new String[] {table + ".csv", table + ".csv.gz", table}) {
      File f = new File(dir, name);
      if (f.exists()) {
        return f.getPath();
      }
    }
    return null;
  }
}
