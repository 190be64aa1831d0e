package io.crmaffinity.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RowValidatorTest extends SparkTestBase {

  /** Raw text rows as the reader hands them over: the table's columns, record, source file, malformed flag. */
  private Dataset<Row> raw(TableSpec spec, String[]... values) {
    StringBuilder ddl = new StringBuilder();
    for (ColumnSpec c : spec.columns()) {
      ddl.append(c.name()).append(" STRING, ");
    }
    StructType schema = schema(ddl.substring(0, ddl.length() - 2));
    Object[][] rows = new Object[values.length][];
    System.arraycopy(values, 0, rows, 0, values.length);
    return rows(schema, rows).withColumn(RowValidator.RECORD, lit("rec"))
        .withColumn(RowValidator.SOURCE, lit("file")).withColumn(RowValidator.MALFORMED, lit(false));
  }

  private static Map<String, String> rulesByKey(Dataset<Row> tagged, String key) {
    Map<String, String> out = new HashMap<>();
    for (Row r : tagged.select(col(key), col(RowValidator.RULE)).collectAsList()) {
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }

  @Test
  void eachRowGetsTheFirstRuleItBreaks() {
    Dataset<Row> orders = raw(TableSpec.ORDERS,
        new String[] {"O1", "C1", "2025-01-31", "ONLINE", "completed", null, null},
        new String[] {"O2", "C1", "2025-13-45", null, "COMPLETED", null, null},
        new String[] {"O3", null, "2025-01-01", null, "COMPLETED", null, null},
        new String[] {"O4", "C1", "2025-01-01", null, "SHIPPED", null, null},
        new String[] {"O5", "C1", "2025-1-5", null, "PENDING", null, null},
        new String[] {"O6", "C1", " 2025-02-01 ", " ", "RETURNED", "", null});
    Dataset<Row> tagged = RowValidator.tag(orders, TableSpec.ORDERS, Map.of());
    Map<String, String> expected = new HashMap<>();
    expected.put("O1", null);
    expected.put("O2", "type:order_date");
    expected.put("O3", "required:customer_id");
    expected.put("O4", "enum:status");
    expected.put("O5", "type:order_date");
    expected.put("O6", null);
    assertEquals(expected, rulesByKey(tagged, "order_id"));
    Row o1 = RowValidator.accepted(tagged, TableSpec.ORDERS).where(col("order_id").equalTo("O1")).first();
    assertEquals("COMPLETED", o1.getString(4)); // enums are stored upper-case
    assertEquals(java.sql.Date.valueOf("2025-01-31"), o1.getDate(2));
    Row o6 = RowValidator.accepted(tagged, TableSpec.ORDERS).where(col("order_id").equalTo("O6")).first();
    assertEquals(true, o6.isNullAt(3)); // blank optional text is null
  }

  @Test
  void rangesTypesAndCrossColumnChecks() {
    Dataset<Row> contracts = raw(TableSpec.CONTRACTS,
        new String[] {"K1", "C1", "P1", null, "2025-01-01", "2025-12-31", "100.00", "ACTIVE"},
        new String[] {"K2", "C1", "P1", null, "2025-06-01", "2025-01-01", "100.00", "ACTIVE"},
        new String[] {"K3", "C1", "P1", null, "2025-01-01", "2025-12-31", "-1", "ACTIVE"},
        new String[] {"K4", "C1", "P1", null, "2025-01-01", "2025-12-31", "12.345", "ACTIVE"},
        new String[] {"K5", "C1", "P1", null, "2025-01-01", "2025-01-01", "0", "EXPIRED"});
    Map<String, String> expected = new HashMap<>();
    expected.put("K1", null);
    expected.put("K2", "check:end_date>=start_date");
    expected.put("K3", "range:value");
    expected.put("K4", "type:value"); // three decimals would be rounded silently: rejected instead
    expected.put("K5", null);
    assertEquals(expected, rulesByKey(RowValidator.tag(contracts, TableSpec.CONTRACTS, Map.of()), "contract_id"));
  }

  @Test
  void duplicateKeysRejectEveryCopyButABrokenCopyIsNotADuplicate() {
    Dataset<Row> customers = raw(TableSpec.CUSTOMERS,
        new String[] {"C1", "a", "INDIVIDUAL", null, null, null},
        new String[] {"C1", "b", "BUSINESS", null, null, null},
        new String[] {"C2", "c", "BUSINESS", null, null, null},
        new String[] {"C2", "d", "ALIEN", null, null, null});
    List<Row> rows = RowValidator.tag(customers, TableSpec.CUSTOMERS, Map.of())
        .select(col("name"), col(RowValidator.RULE)).orderBy("name").collectAsList();
    assertEquals("unique:customer_id", rows.get(0).getString(1));
    assertEquals("unique:customer_id", rows.get(1).getString(1));
    assertEquals(true, rows.get(2).isNullAt(1));
    assertEquals("enum:customer_type", rows.get(3).getString(1));
  }

  @Test
  void rejectionsCascadeToDependantsThroughRequiredAndOptionalKeys() {
    Map<String, Dataset<Row>> raw = new LinkedHashMap<>();
    raw.put("customers", raw(TableSpec.CUSTOMERS,
        new String[] {"C1", null, "INDIVIDUAL", null, null, null},
        new String[] {"C2", null, "ALIEN", null, null, null}));
    raw.put("products", raw(TableSpec.PRODUCTS,
        new String[] {"P1", "Laptop", "LAPTOPS", "899.00"},
        new String[] {"P2", "Dock", "ACCESSORIES", "-1"}));
    raw.put("opportunities", raw(TableSpec.OPPORTUNITIES,
        new String[] {"OP1", "C1", "P1", "PROPOSAL", "10", "1.5", "2025-01-01", null, null}));
    raw.put("orders", raw(TableSpec.ORDERS,
        new String[] {"O1", "C1", "2025-01-01", null, "COMPLETED", null, null},
        new String[] {"O2", "C2", "2025-01-01", null, "COMPLETED", null, null},
        new String[] {"O3", "C9", "2025-01-01", null, "COMPLETED", null, null},
        new String[] {"O4", "C1", "2025-01-01", null, "COMPLETED", "OP1", null}));
    raw.put("order_items", raw(TableSpec.ORDER_ITEMS,
        new String[] {"O1", "P1", "1", null},
        new String[] {"O1", "P2", "1", null},
        new String[] {"O2", "P1", "1", null},
        new String[] {"O4", "P1", "2", "10.00"},
        new String[] {"O9", "P1", "1", null}));
    CrmTables tables = Ingestion.validate(raw, TableSpec.ALL, 1.0);

    Map<String, String> reasons = new HashMap<>();
    for (Row r : tables.rejected().select("table_name", "rule", "reason").collectAsList()) {
      reasons.put(r.getString(2), r.getString(0) + " " + r.getString(1));
    }
    Map<String, String> expected = new HashMap<>();
    expected.put("customers.customer_type: 'ALIEN' is not one of INDIVIDUAL, BUSINESS", "customers enum:customer_type");
    expected.put("products.unit_price: must be >= 0, got -1", "products range:unit_price");
    expected.put("opportunities.probability: must be <= 1, got 1.5", "opportunities range:probability");
    expected.put("orders.customer_id: 'C2' refers to a rejected customers row", "orders reference:customer_id");
    expected.put("orders.customer_id: 'C9' not found in customers", "orders reference:customer_id");
    expected.put("orders.opportunity_id: 'OP1' refers to a rejected opportunities row",
        "orders reference:opportunity_id");
    expected.put("order_items.product_id: 'P2' refers to a rejected products row", "order_items reference:product_id");
    expected.put("order_items.order_id: 'O2' refers to a rejected orders row", "order_items reference:order_id");
    expected.put("order_items.order_id: 'O4' refers to a rejected orders row", "order_items reference:order_id");
    expected.put("order_items.order_id: 'O9' not found in orders", "order_items reference:order_id");
    assertEquals(expected, reasons);
    assertEquals(new TableCounts(5, 1, 4, Map.of("reference:order_id", 3L, "reference:product_id", 1L)),
        tables.counts().get("order_items"));
    assertEquals(List.of("O1"), tables.table("orders").select("order_id").as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList());
  }

  @Test
  void tooManyRejectsNamesTheTableAndItsRules() {
    Map<String, Dataset<Row>> raw = new LinkedHashMap<>();
    raw.put("customers", raw(TableSpec.CUSTOMERS,
        new String[] {"C1", null, "INDIVIDUAL", null, null, null},
        new String[] {"C2", null, "ALIEN", null, null, null}));
    TooManyRejectsException e = org.junit.jupiter.api.Assertions.assertThrows(TooManyRejectsException.class,
        () -> Ingestion.validate(raw, TableSpec.ALL, 0.4));
    assertEquals("Rejected share above input.max-reject-share = 0.4 in customers: 1 of 2 rows rejected (50.0%, "
        + "rules {enum:customer_type=1})", e.getMessage());
  }
}
