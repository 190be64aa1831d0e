package io.crmaffinity.generate;

import java.util.List;

/** The seven input tables the generator writes, with their columns in the contract's order. */
enum Table {
  CUSTOMERS("customers", "customer_id", "name", "customer_type", "segment", "region", "created_date"),
  PRODUCTS("products", "product_id", "name", "category", "unit_price"),
  ORDERS("orders", "order_id", "customer_id", "order_date", "channel", "status", "opportunity_id", "contract_id"),
  ORDER_ITEMS("order_items", "order_id", "product_id", "quantity", "unit_price"),
  OPPORTUNITIES("opportunities", "opportunity_id", "customer_id", "product_id", "stage", "amount", "probability",
      "created_date", "expected_close_date", "closed_date"),
  CONTRACTS("contracts", "contract_id", "customer_id", "product_id", "opportunity_id", "start_date", "end_date",
      "value", "status"),
  SUPPORT_CASES("support_cases", "case_id", "customer_id", "product_id", "order_id", "opened_date", "closed_date",
      "status", "priority", "category", "channel", "satisfaction");

  private final String tableName;
  private final List<String> columns;

  Table(String tableName, String... columns) {
    this.tableName = tableName;
    this.columns = List.of(columns);
  }

  /** The table's name in the input contract (and its file or folder name). */
  String tableName() {
    return tableName;
  }

  List<String> columns() {
    return columns;
  }
}
