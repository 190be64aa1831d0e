package io.crmaffinity.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.crmaffinity.SparkTestBase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The side-by-side writes of {@link DeltaOutputs}: results in order, and no write left running on failure. */
class DeltaOutputsTest extends SparkTestBase {
  private static final StructType NAMES = OutputSchemas.PRODUCT_NAMES_SCHEMA;

  private Dataset<Row> names(String runId, String... ids) {
    List<Row> rows = new java.util.ArrayList<>();
    for (String id : ids) {
      rows.add(RowFactory.create(runId, java.sql.Date.valueOf("2025-12-31"), id, "name " + id, "cat"));
    }
    return session().createDataFrame(rows, NAMES);
  }

  private Dataset<Row> rejected(String runId) {
    return session().createDataFrame(List.of(RowFactory.create(runId, java.sql.Date.valueOf("2025-12-31"), "orders",
        "type:order_date", "orders: order_date 'x' is not a date", "{}", "orders.csv")), OutputSchemas.REJECTED);
  }

  private long rows(DeltaOutputs out, String table, String runId) {
    return out.read(table).where("run_id = '" + runId + "'").count();
  }

  @Test
  void appendAllWritesEachTableAndReturnsItsVersionInOrder(@TempDir Path tmp) {
    DeltaOutputs out = new DeltaOutputs(session(), tmp.resolve("out").toString());
    out.createTables(List.of(OutputSchemas.PRODUCT_NAMES, OutputSchemas.REJECTED_ROWS));
    out.append(OutputSchemas.PRODUCT_NAMES, NAMES, names("r0", "p0"));
    Map<String, Long> versions = out.appendAll(List.of(
        new DeltaOutputs.Append(OutputSchemas.PRODUCT_NAMES, NAMES, names("r1", "p1", "p2")),
        new DeltaOutputs.Append(OutputSchemas.REJECTED_ROWS, OutputSchemas.REJECTED, rejected("r1"))));
    assertEquals(List.of(OutputSchemas.PRODUCT_NAMES, OutputSchemas.REJECTED_ROWS), List.copyOf(versions.keySet()));
    // product_names: created (0), r0 (1), r1 (2); rejected_rows: created (0), r1 (1).
    assertEquals(Map.of(OutputSchemas.PRODUCT_NAMES, 2L, OutputSchemas.REJECTED_ROWS, 1L), versions);
    assertEquals(2L, rows(out, OutputSchemas.PRODUCT_NAMES, "r1"));
  }

  @Test
  void aFailedAppendIsThrownOnlyAfterEveryOtherAppendHasEnded(@TempDir Path tmp) {
    DeltaOutputs out = new DeltaOutputs(session(), tmp.resolve("out").toString());
    List<String> tables = List.of(OutputSchemas.PRODUCT_NAMES, OutputSchemas.REJECTED_ROWS);
    out.createTables(tables);
    session().udf().register("fail_on_bad", (UDF1<String, String>) s -> {
      if (s.equals("bad")) {
        throw new IllegalStateException("row 'bad' cannot be written");
      }
      return s;
    }, DataTypes.StringType);
    Dataset<Row> failing = names("r1", "ok", "bad").selectExpr("run_id", "run_date",
        "fail_on_bad(product_id) as product_id", "name", "category");
    Exception e = assertThrows(Exception.class, () -> out.appendAll(List.of(
        new DeltaOutputs.Append(OutputSchemas.PRODUCT_NAMES, NAMES, failing),
        new DeltaOutputs.Append(OutputSchemas.REJECTED_ROWS, OutputSchemas.REJECTED, rejected("r1")))));
    org.junit.jupiter.api.Assertions.assertTrue(String.valueOf(org.apache.commons.lang3.exception.ExceptionUtils
        .getStackTrace(e)).contains("row 'bad' cannot be written"), e::toString);
    // The failed table got no commit; the other one's commit had ended before the failure was thrown.
    assertEquals(0L, out.read(OutputSchemas.PRODUCT_NAMES).count());
    assertEquals(1L, rows(out, OutputSchemas.REJECTED_ROWS, "r1"));
    // Removing other runs' rows side by side: r1's rejected row goes, and no table reports a failure.
    assertEquals(Map.of(), out.removeOtherRuns(tables, LocalDate.of(2025, 12, 31), "r2"));
    assertEquals(0L, out.read(OutputSchemas.REJECTED_ROWS).count());
  }
}
