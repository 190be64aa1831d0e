package io.crmaffinity.forecast;

import static io.crmaffinity.forecast.Fixtures.contract;
import static io.crmaffinity.forecast.Fixtures.opp;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.crmaffinity.SparkTestBase;
import io.crmaffinity.ingest.ColumnSpec;
import io.crmaffinity.ingest.CrmTables;
import io.crmaffinity.ingest.Ingestion;
import io.crmaffinity.ingest.RowValidator;
import io.crmaffinity.ingest.TableSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The forecast's read of validated (typed) tables: categories joined, decimals and dates converted. */
class ForecastInputsTest extends SparkTestBase {

  private Dataset<Row> raw(TableSpec spec, String[]... values) {
    StringBuilder ddl = new StringBuilder();
    for (ColumnSpec c : spec.columns()) {
      ddl.append(c.name()).append(" STRING, ");
    }
    Object[][] rows = new Object[values.length][];
    System.arraycopy(values, 0, rows, 0, values.length);
    return rows(schema(ddl.substring(0, ddl.length() - 2)), rows).withColumn(RowValidator.RECORD, lit("rec"))
        .withColumn(RowValidator.SOURCE, lit("file")).withColumn(RowValidator.MALFORMED, lit(false));
  }

  private CrmTables tables(boolean withPipeline) {
    Map<String, Dataset<Row>> raw = new LinkedHashMap<>();
    raw.put("customers", raw(TableSpec.CUSTOMERS, new String[] {"C1", null, "BUSINESS", null, null, null}));
    raw.put("products", raw(TableSpec.PRODUCTS, new String[] {"P1", "Licence", "SOFTWARE", "100.00"}));
    raw.put("orders", raw(TableSpec.ORDERS, new String[] {"O1", "C1", "2025-01-01", null, "COMPLETED", null, null}));
    raw.put("order_items", raw(TableSpec.ORDER_ITEMS, new String[] {"O1", "P1", "1", null}));
    if (withPipeline) {
      raw.put("opportunities", raw(TableSpec.OPPORTUNITIES,
          new String[] {"OP2", "C1", "P1", "CLOSED_WON", "1250.50", null, "2025-01-01", null, "2025-02-01"},
          new String[] {"OP1", "C1", "P1", "PROPOSAL", "99.99", "0.4", "2025-03-01", "2025-05-15", null}));
      raw.put("contracts", raw(TableSpec.CONTRACTS,
          new String[] {"K1", "C1", "P1", "OP2", "2025-02-01", "2026-01-31", "3650.00", "ACTIVE"}));
    }
    return Ingestion.validate(raw, TableSpec.ALL, 1.0);
  }

  @Test
  void readsOpportunitiesWithTheirCategoryAndContractsAsTyped() {
    CrmTables t = tables(true);
    assertEquals(List.of(
        opp("OP1", "SOFTWARE", "PROPOSAL", 99.99, 0.4, "2025-03-01", "2025-05-15", null),
        opp("OP2", "SOFTWARE", "CLOSED_WON", 1250.50, null, "2025-01-01", null, "2025-02-01")),
        ForecastInputs.opportunities(t));
    Contract k = contract("K1", "C1", "P1", "2025-02-01", "2026-01-31", 3650);
    assertEquals(List.of(new Contract(k.id(), k.customerId(), k.productId(), "OP2", k.start(), k.end(), k.value())),
        ForecastInputs.contracts(t));
  }

  @Test
  void absentTablesReadAsNull() {
    CrmTables t = tables(false);
    assertNull(ForecastInputs.opportunities(t));
    assertNull(ForecastInputs.contracts(t));
  }
}
