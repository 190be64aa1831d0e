package io.crmaffinity.ingest;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One input table of the contract ({@code crm-input-contract.md}): its columns, key, references and
 * cross-column rules. The order of {@link #ALL} is the order tables are validated in: a table only
 * references tables before it, so a rejected row's dependants can follow it.
 */
public record TableSpec(String name, boolean optional, String key, List<ColumnSpec> columns,
    List<Reference> references, List<RowCheck> checks) {

  /**
   * Tables that hold personal data: their rejected rows keep only these (contract) columns, so a name, or an
   * extra column such as an e-mail address, is never copied into rejected_rows.
   */
  static final java.util.Map<String, List<String>> NOT_PERSONAL = java.util.Map.of("customers",
      List.of("customer_id", "customer_type", "segment", "region", "created_date"));

  /** The columns a rejected row's record may keep; empty when it may keep the whole row. */
  public List<String> recordColumns() {
    return NOT_PERSONAL.getOrDefault(name, List.of());
  }

  /** A foreign key: {@code column} must name an existing, accepted row of {@code parent}. */
  public record Reference(String column, String parent, String parentKey) {}

  /** A rule across columns of one row; {@code violated} is evaluated on the typed columns. */
  public record RowCheck(String rule, String message, Supplier<Column> violated) {}

  public StructType typedSchema() {
    return new StructType(columns.stream()
        .map(c -> new StructField(c.name(), c.type().sparkType(), !c.required(), Metadata.empty()))
        .toArray(StructField[]::new));
  }

  public List<String> requiredColumns() {
    return columns.stream().filter(ColumnSpec::required).map(ColumnSpec::name).toList();
  }

  public Optional<String> keyColumn() {
    return Optional.ofNullable(key);
  }

  private static ColumnSpec req(String n, ColumnType t) {
    return ColumnSpec.required(n, t);
  }

  private static ColumnSpec opt(String n, ColumnType t) {
    return ColumnSpec.optional(n, t);
  }

  private static RowCheck notBefore(String later, String earlier) {
    return new RowCheck(later + ">=" + earlier, later + " must not be before " + earlier,
        () -> col(later).lt(col(earlier)));
  }

  public static final TableSpec CUSTOMERS = new TableSpec("customers", false, "customer_id", List.of(
      req("customer_id", ColumnType.STRING),
      opt("name", ColumnType.STRING),
      ColumnSpec.oneOf("customer_type", "INDIVIDUAL", "BUSINESS"),
      opt("segment", ColumnType.STRING),
      opt("region", ColumnType.STRING),
      opt("created_date", ColumnType.DATE)), List.of(), List.of());

  public static final TableSpec PRODUCTS = new TableSpec("products", false, "product_id", List.of(
      req("product_id", ColumnType.STRING),
      opt("name", ColumnType.STRING),
      req("category", ColumnType.STRING),
      req("unit_price", ColumnType.DECIMAL).atLeast(0)), List.of(), List.of());

  public static final TableSpec OPPORTUNITIES = new TableSpec("opportunities", true, "opportunity_id", List.of(
      req("opportunity_id", ColumnType.STRING),
      req("customer_id", ColumnType.STRING),
      req("product_id", ColumnType.STRING),
      ColumnSpec.oneOf("stage", "PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION", "CLOSED_WON",
          "CLOSED_LOST"),
      req("amount", ColumnType.DECIMAL).atLeast(0),
      opt("probability", ColumnType.DOUBLE).atLeast(0).atMost(1),
      req("created_date", ColumnType.DATE),
      opt("expected_close_date", ColumnType.DATE),
      opt("closed_date", ColumnType.DATE)),
      List.of(new Reference("customer_id", "customers", "customer_id"),
          new Reference("product_id", "products", "product_id")),
      List.of(notBefore("closed_date", "created_date")));

  public static final TableSpec CONTRACTS = new TableSpec("contracts", true, "contract_id", List.of(
      req("contract_id", ColumnType.STRING),
      req("customer_id", ColumnType.STRING),
      req("product_id", ColumnType.STRING),
      opt("opportunity_id", ColumnType.STRING),
      req("start_date", ColumnType.DATE),
      req("end_date", ColumnType.DATE),
      req("value", ColumnType.DECIMAL).atLeast(0),
      ColumnSpec.oneOf("status", "ACTIVE", "EXPIRED", "TERMINATED")),
      List.of(new Reference("customer_id", "customers", "customer_id"),
          new Reference("product_id", "products", "product_id"),
          new Reference("opportunity_id", "opportunities", "opportunity_id")),
      List.of(notBefore("end_date", "start_date")));

  public static final TableSpec ORDERS = new TableSpec("orders", false, "order_id", List.of(
      req("order_id", ColumnType.STRING),
      req("customer_id", ColumnType.STRING),
      req("order_date", ColumnType.DATE),
      opt("channel", ColumnType.STRING),
      ColumnSpec.oneOf("status", "COMPLETED", "PENDING", "CANCELLED", "RETURNED"),
      opt("opportunity_id", ColumnType.STRING),
      opt("contract_id", ColumnType.STRING)),
      List.of(new Reference("customer_id", "customers", "customer_id"),
          new Reference("opportunity_id", "opportunities", "opportunity_id"),
          new Reference("contract_id", "contracts", "contract_id")),
      List.of());

  public static final TableSpec ORDER_ITEMS = new TableSpec("order_items", false, null, List.of(
      req("order_id", ColumnType.STRING),
      req("product_id", ColumnType.STRING),
      req("quantity", ColumnType.INT).greaterThan(0),
      opt("unit_price", ColumnType.DECIMAL).atLeast(0)),
      List.of(new Reference("order_id", "orders", "order_id"),
          new Reference("product_id", "products", "product_id")),
      List.of());

  public static final TableSpec SUPPORT_CASES = new TableSpec("support_cases", true, "case_id", List.of(
      req("case_id", ColumnType.STRING),
      req("customer_id", ColumnType.STRING),
      opt("product_id", ColumnType.STRING),
      opt("order_id", ColumnType.STRING),
      req("opened_date", ColumnType.DATE),
      opt("closed_date", ColumnType.DATE),
      ColumnSpec.oneOf("status", "OPEN", "PENDING", "RESOLVED", "CLOSED"),
      ColumnSpec.oneOf("priority", "LOW", "MEDIUM", "HIGH", "CRITICAL"),
      opt("category", ColumnType.STRING),
      opt("channel", ColumnType.STRING),
      opt("satisfaction", ColumnType.INT).atLeast(1).atMost(5)),
      List.of(new Reference("customer_id", "customers", "customer_id"),
          new Reference("product_id", "products", "product_id"),
          new Reference("order_id", "orders", "order_id")),
      List.of(notBefore("closed_date", "opened_date")));

  /** Parents before children. */
  public static final List<TableSpec> ALL = List.of(CUSTOMERS, PRODUCTS, OPPORTUNITIES, CONTRACTS, ORDERS,
      ORDER_ITEMS, SUPPORT_CASES);

  static {
    // Guard the ordering invariant the cascade relies on.
    for (int i = 0; i < ALL.size(); i++) {
      for (Reference r : ALL.get(i).references()) {
        boolean earlier = ALL.subList(0, i).stream().anyMatch(t -> t.name().equals(r.parent()));
        if (!earlier) {
          throw new IllegalStateException(ALL.get(i).name() + " references " + r.parent() + " declared later");
        }
      }
    }
  }
}
