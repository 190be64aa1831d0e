package io.crmaffinity.forecast;

import static org.apache.spark.sql.functions.col;

import io.crmaffinity.ingest.CrmTables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reads the opportunity and contract rows the forecast needs onto the driver (a few columns per row). The
 * forecast's simulation works on the individual open deals, and the history is used row by row for
 * time-to-close and renewals; both tables are small next to orders (thousands to a few hundred thousand rows
 * in a CRM), so they are collected, projected to the columns used.
 */
public final class ForecastInputs {
  private ForecastInputs() {}

  /** All opportunities with their product's category, or null when the table was not given. */
  public static List<Opportunity> opportunities(CrmTables tables) {
    return tables.optionalTable("opportunities").map(o -> opportunities(o, tables.table("products")))
        .orElse(null);
  }

  static List<Opportunity> opportunities(Dataset<Row> opps, Dataset<Row> products) {
    Dataset<Row> df = opps.join(products.select(col("product_id"), col("category")), "product_id")
        .select(col("opportunity_id"), col("category"), col("stage"), col("amount").cast("double"),
            col("probability"), col("created_date"), col("expected_close_date"), col("closed_date"));
    List<Opportunity> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(new Opportunity(r.getString(0), r.getString(1), r.getString(2), r.getDouble(3),
          r.isNullAt(4) ? null : r.getDouble(4), date(r.get(5)), date(r.get(6)), date(r.get(7))));
    }
    out.sort(java.util.Comparator.comparing(Opportunity::id));
    return out;
  }

  /** All contracts, or null when the table was not given. */
  public static List<Contract> contracts(CrmTables tables) {
    return tables.optionalTable("contracts").map(ForecastInputs::contracts).orElse(null);
  }

  static List<Contract> contracts(Dataset<Row> contracts) {
    Dataset<Row> df = contracts.select(col("contract_id"), col("customer_id"), col("product_id"),
        col("opportunity_id"), col("start_date"), col("end_date"), col("value").cast("double"));
    List<Contract> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(new Contract(r.getString(0), r.getString(1), r.getString(2), r.getString(3), date(r.get(4)),
          date(r.get(5)), r.getDouble(6)));
    }
    out.sort(java.util.Comparator.comparing(Contract::id));
    return out;
  }

  static LocalDate date(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof LocalDate d) {
      return d;
    }
    return ((java.sql.Date) v).toLocalDate();
  }
}
