package io.crmaffinity.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The one place that builds a SparkSession, for spark-submit, local runs and tests alike. */
public final class SparkSessions {
  private SparkSessions() {}

  /** Settings every crm-affinity session needs, whoever starts it. */
  public static SparkConf baseConf() {
    return new SparkConf()
        .setAppName("crm-affinity")
        // Delta Lake tables need its SQL extension and catalog.
        .set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        // Dates in the inputs are calendar dates; keep them independent of the machine's zone.
        .set("spark.sql.session.timeZone", "UTC")
        // A value that does not cast is null, and validation quarantines its row with a reason naming the
        // column and the expected type. Spark 4 turns ANSI mode on by default, which would fail the whole job on
        // the first bad value instead; Spark 3.5's default (off) is kept on both lines.
        .set("spark.sql.ansi.enabled", "false")
        // Strict ISO date parsing without the Spark 2 fallback parser's surprises.
        .set("spark.sql.legacy.timeParserPolicy", "CORRECTED")
        .set("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED")
        .set("spark.sql.parquet.datetimeRebaseModeInRead", "CORRECTED")
        // Validation plans carry many rule columns; a longer plan string keeps Spark from warning about it.
        .set("spark.sql.debug.maxToStringFields", "500");
  }

  /**
   * A session for the job. Under spark-submit the master comes from spark-submit; started directly (local
   * development) it runs in local mode on all cores. {@code extra} (the configuration's {@code spark.*} keys)
   * wins over both.
   */
  public static SparkSession create(Map<String, String> extra) {
    SparkConf conf = baseConf();
    if (!conf.contains("spark.master") && !extra.containsKey("spark.master")) {
      conf.setMaster("local[*]");
      // Few, small tasks suit a single machine better than the cluster default of 200 partitions.
      conf.setIfMissing("spark.sql.shuffle.partitions", "8");
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.databricks.delta.snapshotPartitions", "4");
    }
    extra.forEach(conf::set);
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
