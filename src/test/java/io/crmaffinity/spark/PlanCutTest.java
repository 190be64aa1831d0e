package io.crmaffinity.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.upper;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class PlanCutTest extends SparkTestBase {

  private Dataset<Row> joined() {
    Dataset<Row> customers = rows(schema("customer_id STRING, region STRING"),
        new Object[] {"C1", "north"}, new Object[] {"C2", null}, new Object[] {"C3", "süd"});
    Dataset<Row> orders = rows(schema("order_id STRING, customer_id STRING, tags ARRAY<STRING>, value DOUBLE"),
        new Object[] {"O1", "C1", new String[] {"a", "b"}, 10.5},
        new Object[] {"O2", "C2", null, null},
        new Object[] {"O3", "C3", new String[] {}, 7.0},
        new Object[] {"O4", "C1", new String[] {"c"}, -1.0},
        new Object[] {"O5", "C9", new String[] {"x"}, 3.0}).repartition(3);
    return orders.join(customers, "customer_id").where(col("order_id").notEqual("O4"))
        .select(col("order_id"), col("customer_id"), upper(col("region")).as("region"), col("tags"), col("value"));
  }

  @Test
  void sameRowsUnderAPlanThatStartsFromThem() {
    Dataset<Row> ds = joined();
    Dataset<Row> cut = JobCaches.cache(PlanCut.of(ds));

    assertEquals(ds.schema(), cut.schema());
    List<List<Object>> got = cut.orderBy("order_id").collectAsList().stream().map(PlanCutTest::values).toList();
    assertEquals(List.of(
        java.util.Arrays.asList("O1", "C1", "NORTH", List.of("a", "b"), 10.5),
        java.util.Arrays.asList("O2", "C2", null, null, null),
        java.util.Arrays.asList("O3", "C3", "SÜD", List.of(), 7.0)), got);
    // Read again (now from the cache) and through a further query: still the same rows, each its own.
    assertEquals(3, cut.select("order_id").distinct().count());
    assertEquals(17.5, cut.groupBy().sum("value").first().getDouble(0), 1e-12);

    String plan = plan(cut);
    Assertions.assertTrue(plan.startsWith("LogicalRDD"), plan);
    Assertions.assertFalse(plan.contains("Join"), plan);
    Assertions.assertTrue(plan(ds).contains("Join"), plan(ds));
  }

  @Test
  void takesTheInternalRowsRouteOnThisSpark() {
    Assertions.assertTrue(PlanCut.internalRoute(session()));
  }

  private static List<Object> values(Row r) {
    return java.util.Arrays.asList(r.get(0), r.get(1), r.get(2), r.isNullAt(3) ? null : r.getList(3), r.get(4));
  }

  /** The Dataset's logical plan as text (Spark 4's API Dataset does not declare the method; its class does). */
  private static String plan(Dataset<Row> ds) {
    try {
      return ds.getClass().getMethod("logicalPlan").invoke(ds).toString();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
