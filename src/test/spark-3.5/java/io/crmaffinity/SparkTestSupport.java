package io.crmaffinity;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark 3.5's test session and DataFrame comparison, from spark-testing-base (the Spark 4 build has its own,
 * plain-JUnit version of this class in src/test/spark-4).
 */
public abstract class SparkTestSupport extends JavaDataFrameSuiteBase {

  @Override
  public SparkConf conf() {
    return TestSparkConf.conf();
  }

  /** The JVM-wide session, created on first use. */
  protected SparkSession sharedSparkSession() {
    // Creates the JVM-wide context once; later calls reuse it.
    runBefore();
    return SparkSession.builder().sparkContext(sc()).getOrCreate();
  }

  /** Same schema and the same rows, each as often, in any order. */
  protected void assertRowsNoOrder(Dataset<Row> expected, Dataset<Row> actual) {
    assertDataFrameNoOrderEquals(expected, actual);
  }
}
