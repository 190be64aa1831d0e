package io.crmaffinity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark 4's test session and DataFrame comparison. spark-testing-base is not published for Spark 4, so this is
 * plain JUnit; it keeps the contract of the Spark 3.5 version (src/test/spark-3.5): one session for the JVM, and
 * a comparison of schema and rows regardless of order.
 */
public abstract class SparkTestSupport {
  private static SparkSession session;

  /** The JVM-wide session, created on first use. */
  protected synchronized SparkSession sharedSparkSession() {
    if (session == null) {
      session = SparkSession.builder().config(TestSparkConf.conf()).getOrCreate();
    }
    return session;
  }

  /** Same schema and the same rows, each as often, in any order. */
  protected void assertRowsNoOrder(Dataset<Row> expected, Dataset<Row> actual) {
    assertEquals(expected.schema(), actual.schema(), "schema");
    assertEquals(counts(expected), counts(actual), "rows (each with how often it occurs)");
  }

  private static Map<Row, Long> counts(Dataset<Row> df) {
    Map<Row, Long> counts = new HashMap<>();
    for (Row row : df.collectAsList()) {
      counts.merge(row, 1L, Long::sum);
    }
    return counts;
  }
}
