package io.crmaffinity.spark;

import java.lang.reflect.Method;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * A DataFrame with the same rows as a given one whose plan starts afresh: a scan of the given one's computed
 * rows, so that what is built on it is planned without the given one's (possibly long) plan. Unlike a local
 * checkpoint, nothing is stored here: the rows are recomputed from the original plan whenever they are needed
 * (cache the result to compute them once), so a lost executor's share is simply computed again.
 *
 * <p>The rows pass as Spark's internal rows, through the session's {@code internalCreateDataFrame} (public in the
 * bytecode of Spark 3.5's and Spark 4's classic sessions, though not in their Scala API). Where it is missing
 * the rows take the public route, converted to {@link Row} objects and back: the same rows, only slower.
 */
public final class PlanCut {
  private PlanCut() {}

  /** {@code ds}'s rows under a plan that starts from them. */
  @SuppressWarnings("unchecked")
  public static Dataset<Row> of(Dataset<Row> ds) {
    SparkSession spark = ds.sparkSession();
    StructType schema = ds.schema();
    Method create = internalCreate(spark);
    Object execution = invoke(ds, "queryExecution");
    if (create != null && execution != null) {
      RDD<InternalRow> computed = (RDD<InternalRow>) invoke(execution, "toRdd");
      if (computed != null) {
        // Spark reuses one mutable row per partition while it computes: each row is copied before it is kept.
        RDD<InternalRow> rows = computed.toJavaRDD().map(InternalRow::copy).rdd();
        try {
          return (Dataset<Row>) create.invoke(spark, rows, schema, false);
        } catch (ReflectiveOperationException e) {
          // Falls through to the public route.
        }
      }
    }
    return spark.createDataFrame(ds.javaRDD(), schema);
  }

  /** Whether this session takes the internal-rows route (else rows are converted to {@link Row} and back). */
  static boolean internalRoute(SparkSession spark) {
    return internalCreate(spark) != null;
  }

  private static Method internalCreate(SparkSession spark) {
    try {
      return spark.getClass().getMethod("internalCreateDataFrame", RDD.class, StructType.class, boolean.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Object invoke(Object target, String method) {
    try {
      return target.getClass().getMethod(method).invoke(target);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
