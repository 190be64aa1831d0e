package io.crmaffinity.ingest;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.crmaffinity.SparkTestBase;
import io.crmaffinity.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus ({@code src/test/resources/corpus/}, see its README): the real CLI on small, complete
 * CSV input folders, each valid except for one planted problem, with the exact outcome asserted — the exit
 * code, and for row-level problems the {@code rule} and {@code reason} of every rejected row, the cascade to
 * dependent rows and the accounting (read = used + rejected per table) in {@code job_runs}.
 *
 * <p>Every case is a folder {@code corpus/cases/<name>/} laid over the shared {@code corpus/base/} data set
 * (4 customers, 4 products, 2 opportunities, 2 contracts, 6 orders, 10 order items, 2 support cases; 4
 * baskets): {@code <table>.append.csv} holds data lines appended to the base file, {@code <table>.csv} or
 * a folder {@code <table>/} replaces it, an empty {@code <table>.absent} removes it. Row-level cases that
 * cannot interfere (own keys, own tables' rows) share one CLI run per group, so the corpus costs a handful of
 * runs; table-level cases (exit 2) stop before any heavy work and each get their own run.
 *
 * <p>The tests at the end ("suspected bugs") were found by this corpus and fixed: duplicate column names,
 * a run with no baskets, part files with their own column order or without a header, tab-padded values,
 * mixed line endings.
 */
class BadInputCorpusTest extends SparkTestBase {
  static final Path CORPUS = Path.of(System.getProperty("crm.project.dir", "."))
      .resolve("src/test/resources/corpus");
  static final String RUN_DATE = "2025-12-31";
  static final List<String> TABLES = List.of("customers", "products", "opportunities", "contracts", "orders",
      "order_items", "support_cases");
  /** Rows of each base file, and the baskets the base data set makes (completed orders O1 to O4). */
  static final Map<String, Long> BASE_ROWS = Map.of("customers", 4L, "products", 4L, "opportunities", 2L,
      "contracts", 2L, "orders", 6L, "order_items", 10L, "support_cases", 2L);
  static final long BASE_BASKETS = 4;
  static final String ALLOW_ALL_REJECTS = "input.max-reject-share=1";

  @TempDir
  static Path tmp;

  private final Map<String, Outcome> outcomes = new HashMap<>();

  // ------------------------------------------------------------------------------------------------ cases

  /** A rejected row expected in {@code rejected_rows}: found by {@code marker} (a substring of its record). */
  record Reject(String table, String marker, boolean exactRecord, String rule, String reason, String source) {
    boolean matches(Row r) {
      String record = r.getAs("record");
      return table.equals(r.getAs("table_name")) && (exactRecord ? record.equals(marker) : record.contains(marker));
    }

    String describe() {
      String m = marker.length() > 80 ? marker.substring(0, 80) + "…(" + marker.length() + " chars)" : marker;
      return table + " [" + m.replace("\n", "\\n") + "]";
    }
  }

  /** One corpus case and its expected outcome inside its run. */
  static final class Case {
    final String name;
    final String planted;
    final Map<String, Long> added = new LinkedHashMap<>();
    final Map<String, Long> replaced = new LinkedHashMap<>();
    final List<String> absent = new ArrayList<>();
    final List<Reject> rejects = new ArrayList<>();
    final List<String[]> accepted = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    long baskets;
    boolean last;

    Case(String name, String planted) {
      this.name = name;
      this.planted = planted;
    }

    /** Data rows the case appends to base tables: table, count, table, count, ... */
    Case adds(Object... tableCount) {
      for (int i = 0; i < tableCount.length; i += 2) {
        added.put((String) tableCount[i], ((Number) tableCount[i + 1]).longValue());
      }
      return this;
    }

    /** Rows read from a table whose base file the case replaces. */
    Case rows(String table, long read) {
      replaced.put(table, read);
      return this;
    }

    Case absent(String table, String note) {
      absent.add(table);
      notes.add(note);
      return this;
    }

    Case reject(String table, String marker, String rule, String reason) {
      rejects.add(new Reject(table, marker, false, rule, reason, table + ".csv"));
      return this;
    }

    Case rejectRecord(String table, String record, String rule, String reason) {
      rejects.add(new Reject(table, record, true, rule, reason, table + ".csv"));
      return this;
    }

    /** Rows of {@code table} whose records hold a marker must all be used: none is in rejected_rows. */
    Case accepts(String table, String... markers) {
      for (String m : markers) {
        accepted.add(new String[] {table, m});
      }
      return this;
    }

    /** The last expected reject comes from this file (path suffix of {@code source_file}). */
    Case from(String sourceSuffix) {
      Reject r = rejects.remove(rejects.size() - 1);
      rejects.add(new Reject(r.table(), r.marker(), r.exactRecord(), r.rule(), r.reason(), sourceSuffix));
      return this;
    }

    /** Baskets the case adds to the base's 4. */
    Case baskets(long n) {
      baskets = n;
      return this;
    }

    /** Appended after every other case of the run (an unclosed quote swallows the rest of its file). */
    Case last() {
      last = true;
      return this;
    }

    @Override
    public String toString() {
      return name + ": " + planted;
    }
  }

  /** Cases sharing one CLI run. */
  record Group(String name, List<String> sets, List<Case> cases) {}

  /** A table-level case: the job stops before writing anything, exit code 2, one error line. */
  record TableLevel(String name, String planted, String error, boolean prefixOnly) {}

  static Case c(String name, String planted) {
    return new Case(name, planted);
  }

  static String malformed(String table) {
    return table + ": malformed line (wrong number of fields or broken quoting), expected the columns of the header";
  }

  static String refRejected(String table, String column, String value, String parent) {
    return table + "." + column + ": '" + value + "' refers to a rejected " + parent + " row";
  }

  static String refMissing(String table, String column, String value, String parent) {
    return table + "." + column + ": '" + value + "' not found in " + parent;
  }

  static String q(String value) {
    return "\"" + value + "\"";
  }

  static final String LONG_NAME = "N".repeat(100_000);

  static final Group ROWS = new Group("row-level", List.of(ALLOW_ALL_REJECTS), List.of(
      c("malformed-too-many-fields", "orders line with 8 fields under a 7-column header")
          .adds("orders", 1, "order_items", 1)
          .rejectRecord("orders", "O-MAL,C1,2025-07-01,ONLINE,COMPLETED,,,EXTRA", "malformed", malformed("orders"))
          .reject("order_items", q("O-MAL"), "reference:order_id",
              refRejected("order_items", "order_id", "O-MAL", "orders")),
      c("malformed-too-few-fields", "customers line with 3 fields under a 6-column header")
          .adds("customers", 1)
          // customers holds personal data: only the malformed line's first field is copied, never the name.
          .rejectRecord("customers", "C-FEW,... (the rest of this malformed line is not copied: customers holds"
              + " personal data)", "malformed", malformed("customers")),
      c("unclosed-quote", "support_cases field opened with a quote that never closes (last line but one)")
          .adds("support_cases", 1).last()
          .rejectRecord("support_cases", "S-QUOTE,C1,,,2025-07-01,,OPEN,LOW,\"BILLING,PHONE,3\n"
              + "S-AFTER,C1,,,2025-07-02,,OPEN,LOW,BILLING,PHONE,3", "malformed", malformed("support_cases")),
      c("stray-quote-inside-unquoted-field", "customers name Stray \"Quote\" Name, quotes inside an unquoted field")
          .adds("customers", 1)
          .accepts("customers", q("C-STRAY")),
      c("type-quantity-word", "order_items.quantity 'two'")
          .adds("orders", 1, "order_items", 1)
          .accepts("orders", q("O-QTYW"))
          .reject("order_items", q("O-QTYW"), "type:quantity",
              "order_items.quantity: expected a whole number, got 'two'"),
      c("type-unit-price-word", "products.unit_price 'abc'")
          .adds("products", 1)
          .reject("products", q("P-ABC"), "type:unit_price",
              "products.unit_price: expected a decimal number, got 'abc'"),
      c("type-probability-word", "opportunities.probability 'high'")
          .adds("opportunities", 1)
          .reject("opportunities", q("OP-HIGH"), "type:probability",
              "opportunities.probability: expected a number, got 'high'"),
      c("decimal-three-places", "order_items.unit_price 19.999 (3 decimals)")
          .adds("orders", 1, "order_items", 1)
          .accepts("orders", q("O-DEC3"))
          .reject("order_items", q("O-DEC3"), "type:unit_price",
              "order_items.unit_price: expected a decimal number, got '19.999'"),
      c("thousands-separator", "products.unit_price \"1,000.00\"")
          .adds("products", 1)
          .reject("products", q("P-THOU"), "type:unit_price",
              "products.unit_price: expected a decimal number, got '1,000.00'"),
      c("quantity-not-an-int", "order_items.quantity 2147483648 (above int) and 2.0")
          .adds("orders", 1, "order_items", 2)
          .accepts("orders", q("O-QBIG"))
          .reject("order_items", "\"quantity\":\"2147483648\"", "type:quantity",
              "order_items.quantity: expected a whole number, got '2147483648'")
          .reject("order_items", "\"quantity\":\"2.0\"", "type:quantity",
              "order_items.quantity: expected a whole number, got '2.0'"),
      c("number-formats-accepted", "quantity +3, unit_price .50, amount 100, probability 1e-1")
          .adds("orders", 1, "order_items", 1, "opportunities", 1).baskets(1)
          .accepts("orders", q("O-NUM"))
          .accepts("order_items", q("O-NUM"))
          .accepts("opportunities", q("OP-NUM")),
      c("date-feb-30", "orders.order_date 2025-02-30; its item follows")
          .adds("orders", 1, "order_items", 1)
          .reject("orders", q("O-FEB30"), "type:order_date",
              "orders.order_date: expected a date yyyy-MM-dd, got '2025-02-30'")
          .reject("order_items", q("O-FEB30"), "reference:order_id",
              refRejected("order_items", "order_id", "O-FEB30", "orders")),
      c("date-month-13", "customers.created_date 2025-13-01 (optional column)")
          .adds("customers", 1)
          .reject("customers", q("C-M13"), "type:created_date",
              "customers.created_date: expected a date yyyy-MM-dd, got '2025-13-01'"),
      c("date-day-first", "contracts.start_date 31/12/2025")
          .adds("contracts", 1)
          .reject("contracts", q("CT-DMY"), "type:start_date",
              "contracts.start_date: expected a date yyyy-MM-dd, got '31/12/2025'"),
      c("quantity-negative", "order_items.quantity -1")
          .adds("orders", 1, "order_items", 1)
          .accepts("orders", q("O-QNEG"))
          .reject("order_items", q("O-QNEG"), "range:quantity", "order_items.quantity: must be > 0, got -1"),
      c("quantity-zero", "order_items.quantity 0")
          .adds("orders", 1, "order_items", 1)
          .accepts("orders", q("O-QZERO"))
          .reject("order_items", q("O-QZERO"), "range:quantity", "order_items.quantity: must be > 0, got 0"),
      c("price-negative", "products.unit_price -5.00; an order line and a support case follow the product")
          .adds("products", 1, "orders", 1, "order_items", 2, "support_cases", 1).baskets(1)
          .accepts("orders", q("O-PNEG"))
          .accepts("order_items", "\"order_id\":\"O-PNEG\",\"product_id\":\"P3\"")
          .reject("products", q("P-NEG"), "range:unit_price", "products.unit_price: must be >= 0, got -5.00")
          .reject("order_items", q("P-NEG"), "reference:product_id",
              refRejected("order_items", "product_id", "P-NEG", "products"))
          .reject("support_cases", q("S-PNEG"), "reference:product_id",
              refRejected("support_cases", "product_id", "P-NEG", "products")),
      c("probability-above-one", "opportunities.probability 1.5")
          .adds("opportunities", 1)
          .reject("opportunities", q("OP-P15"), "range:probability",
              "opportunities.probability: must be <= 1, got 1.5"),
      c("duplicate-customer", "customer_id C-DUP on 2 rows; its order and item follow")
          .adds("customers", 2, "orders", 1, "order_items", 1)
          // Records of customers rows keep no name (personal data): the copies differ by customer_type.
          .reject("customers", "\"C-DUP\",\"customer_type\":\"INDIVIDUAL\"", "unique:customer_id",
              "customers.customer_id: 'C-DUP' appears on 2 rows; all are rejected")
          .reject("customers", "\"C-DUP\",\"customer_type\":\"BUSINESS\"", "unique:customer_id",
              "customers.customer_id: 'C-DUP' appears on 2 rows; all are rejected")
          .reject("orders", q("O-CDUP"), "reference:customer_id",
              refRejected("orders", "customer_id", "C-DUP", "customers"))
          .reject("order_items", q("O-CDUP"), "reference:order_id",
              refRejected("order_items", "order_id", "O-CDUP", "orders")),
      c("duplicate-product", "product_id P-DUP on 2 rows; the order line for it follows")
          .adds("products", 2, "orders", 1, "order_items", 2).baskets(1)
          .accepts("orders", q("O-PDUP"))
          .accepts("order_items", "\"order_id\":\"O-PDUP\",\"product_id\":\"P2\"")
          .reject("products", "Dup Gadget A", "unique:product_id",
              "products.product_id: 'P-DUP' appears on 2 rows; all are rejected")
          .reject("products", "Dup Gadget B", "unique:product_id",
              "products.product_id: 'P-DUP' appears on 2 rows; all are rejected")
          .reject("order_items", q("P-DUP"), "reference:product_id",
              refRejected("order_items", "product_id", "P-DUP", "products")),
      c("duplicate-order", "order_id O-DUP on 2 rows; its item follows")
          .adds("orders", 2, "order_items", 1)
          .reject("orders", "DUP-A", "unique:order_id", "orders.order_id: 'O-DUP' appears on 2 rows; all are rejected")
          .reject("orders", "DUP-B", "unique:order_id", "orders.order_id: 'O-DUP' appears on 2 rows; all are rejected")
          .reject("order_items", q("O-DUP"), "reference:order_id",
              refRejected("order_items", "order_id", "O-DUP", "orders")),
      c("duplicate-with-rejected-copy", "customer_id C-DUPX twice, one copy with customer_type MARTIAN")
          .adds("customers", 2, "orders", 1, "order_items", 1).baskets(1)
          .accepts("customers", "\"C-DUPX\",\"customer_type\":\"BUSINESS\"")
          .accepts("orders", q("O-DUPX"))
          .accepts("order_items", q("O-DUPX"))
          .reject("customers", "\"C-DUPX\",\"customer_type\":\"MARTIAN\"", "enum:customer_type",
              "customers.customer_type: 'MARTIAN' is not one of INDIVIDUAL, BUSINESS"),
      c("orphan-order-customer", "orders.customer_id C-NONE; its item follows")
          .adds("orders", 1, "order_items", 1)
          .reject("orders", q("O-ORC"), "reference:customer_id",
              refMissing("orders", "customer_id", "C-NONE", "customers"))
          .reject("order_items", q("O-ORC"), "reference:order_id",
              refRejected("order_items", "order_id", "O-ORC", "orders")),
      c("orphan-order-opportunity", "orders.opportunity_id OP-NONE")
          .adds("orders", 1)
          .reject("orders", q("O-ORO"), "reference:opportunity_id",
              refMissing("orders", "opportunity_id", "OP-NONE", "opportunities")),
      c("orphan-order-contract", "orders.contract_id CT-NONE")
          .adds("orders", 1)
          .reject("orders", q("O-ORK"), "reference:contract_id",
              refMissing("orders", "contract_id", "CT-NONE", "contracts")),
      c("orphan-item-order", "order_items.order_id O-NONE")
          .adds("order_items", 1)
          .reject("order_items", q("O-NONE"), "reference:order_id",
              refMissing("order_items", "order_id", "O-NONE", "orders")),
      c("orphan-item-product", "order_items.product_id P-NONE")
          .adds("orders", 1, "order_items", 1)
          .accepts("orders", q("O-ORP"))
          .reject("order_items", q("O-ORP"), "reference:product_id",
              refMissing("order_items", "product_id", "P-NONE", "products")),
      c("orphan-opportunity-customer", "opportunities.customer_id C-NONE")
          .adds("opportunities", 1)
          .reject("opportunities", q("OP-ORC"), "reference:customer_id",
              refMissing("opportunities", "customer_id", "C-NONE", "customers")),
      c("orphan-opportunity-product", "opportunities.product_id P-NONE")
          .adds("opportunities", 1)
          .reject("opportunities", q("OP-ORP"), "reference:product_id",
              refMissing("opportunities", "product_id", "P-NONE", "products")),
      c("orphan-contract-customer", "contracts.customer_id C-NONE")
          .adds("contracts", 1)
          .reject("contracts", q("CT-ORC"), "reference:customer_id",
              refMissing("contracts", "customer_id", "C-NONE", "customers")),
      c("orphan-contract-product", "contracts.product_id P-NONE")
          .adds("contracts", 1)
          .reject("contracts", q("CT-ORP"), "reference:product_id",
              refMissing("contracts", "product_id", "P-NONE", "products")),
      c("orphan-contract-opportunity", "contracts.opportunity_id OP-NONE")
          .adds("contracts", 1)
          .reject("contracts", q("CT-ORO"), "reference:opportunity_id",
              refMissing("contracts", "opportunity_id", "OP-NONE", "opportunities")),
      c("orphan-case-customer", "support_cases.customer_id C-NONE")
          .adds("support_cases", 1)
          .reject("support_cases", q("S-ORC"), "reference:customer_id",
              refMissing("support_cases", "customer_id", "C-NONE", "customers")),
      c("orphan-case-product", "support_cases.product_id P-NONE")
          .adds("support_cases", 1)
          .reject("support_cases", q("S-ORP"), "reference:product_id",
              refMissing("support_cases", "product_id", "P-NONE", "products")),
      c("orphan-case-order", "support_cases.order_id O-NONE")
          .adds("support_cases", 1)
          .reject("support_cases", q("S-ORO"), "reference:order_id",
              refMissing("support_cases", "order_id", "O-NONE", "orders")),
      c("cascade-from-customer", "customer C-CAS without customer_type; everything hanging off it follows")
          .adds("customers", 1, "opportunities", 1, "contracts", 1, "orders", 3, "order_items", 3, "support_cases", 2)
          .reject("customers", q("C-CAS"), "required:customer_type",
              "customers.customer_type: required value is missing")
          .reject("opportunities", q("OP-CAS"), "reference:customer_id",
              refRejected("opportunities", "customer_id", "C-CAS", "customers"))
          .reject("contracts", q("CT-CAS"), "reference:opportunity_id",
              refRejected("contracts", "opportunity_id", "OP-CAS", "opportunities"))
          .reject("orders", q("O-CAS1"), "reference:customer_id",
              refRejected("orders", "customer_id", "C-CAS", "customers"))
          .reject("orders", q("O-CAS2"), "reference:contract_id",
              refRejected("orders", "contract_id", "CT-CAS", "contracts"))
          .reject("orders", q("O-CAS3"), "reference:opportunity_id",
              refRejected("orders", "opportunity_id", "OP-CAS", "opportunities"))
          .reject("order_items", q("O-CAS1"), "reference:order_id",
              refRejected("order_items", "order_id", "O-CAS1", "orders"))
          .reject("order_items", q("O-CAS2"), "reference:order_id",
              refRejected("order_items", "order_id", "O-CAS2", "orders"))
          .reject("order_items", q("O-CAS3"), "reference:order_id",
              refRejected("order_items", "order_id", "O-CAS3", "orders"))
          .reject("support_cases", q("S-CAS1"), "reference:customer_id",
              refRejected("support_cases", "customer_id", "C-CAS", "customers"))
          .reject("support_cases", q("S-CAS2"), "reference:order_id",
              refRejected("support_cases", "order_id", "O-CAS2", "orders")),
      c("contract-end-before-start", "contracts end_date 2025-05-31 before start_date 2025-06-01; its order follows")
          .adds("contracts", 1, "orders", 1, "order_items", 1)
          .reject("contracts", q("CT-END"), "check:end_date>=start_date",
              "contracts: end_date must not be before start_date")
          .reject("orders", q("O-CTEND"), "reference:contract_id",
              refRejected("orders", "contract_id", "CT-END", "contracts"))
          .reject("order_items", q("O-CTEND"), "reference:order_id",
              refRejected("order_items", "order_id", "O-CTEND", "orders")),
      c("opportunity-closed-before-created", "opportunities closed_date 2025-04-30 before created_date 2025-05-01")
          .adds("opportunities", 1)
          .reject("opportunities", q("OP-CLS"), "check:closed_date>=created_date",
              "opportunities: closed_date must not be before created_date"),
      c("case-closed-before-opened", "support_cases closed_date 2025-07-09 before opened_date 2025-07-10")
          .adds("support_cases", 1)
          .reject("support_cases", q("S-CLS"), "check:closed_date>=opened_date",
              "support_cases: closed_date must not be before opened_date"),
      c("satisfaction-six", "support_cases.satisfaction 6")
          .adds("support_cases", 1)
          .reject("support_cases", q("S-SAT6"), "range:satisfaction",
              "support_cases.satisfaction: must be <= 5, got 6"),
      c("enum-order-status", "orders.status SHIPPED; its item follows")
          .adds("orders", 1, "order_items", 1)
          .reject("orders", q("O-SHIP"), "enum:status",
              "orders.status: 'SHIPPED' is not one of COMPLETED, PENDING, CANCELLED, RETURNED")
          .reject("order_items", q("O-SHIP"), "reference:order_id",
              refRejected("order_items", "order_id", "O-SHIP", "orders")),
      c("enum-customer-type", "customers.customer_type ALIEN")
          .adds("customers", 1)
          .reject("customers", q("C-ALIEN"), "enum:customer_type",
              "customers.customer_type: 'ALIEN' is not one of INDIVIDUAL, BUSINESS"),
      c("enum-stage", "opportunities.stage WON")
          .adds("opportunities", 1)
          .reject("opportunities", q("OP-WON"), "enum:stage", "opportunities.stage: 'WON' is not one of PROSPECTING, "
              + "QUALIFICATION, PROPOSAL, NEGOTIATION, CLOSED_WON, CLOSED_LOST"),
      c("enum-priority", "support_cases.priority URGENT")
          .adds("support_cases", 1)
          .reject("support_cases", q("S-URG"), "enum:priority",
              "support_cases.priority: 'URGENT' is not one of LOW, MEDIUM, HIGH, CRITICAL"),
      c("lower-case-enums", "business, completed, closed_won, active, resolved, high in lower case")
          .adds("customers", 1, "orders", 1, "order_items", 2, "opportunities", 1, "contracts", 1, "support_cases", 1)
          .accepts("customers", q("C-LOW"))
          .accepts("orders", q("O-LOW"))
          .accepts("order_items", q("O-LOW"))
          .accepts("opportunities", q("OP-LOW"))
          .accepts("contracts", q("CT-LOW"))
          .accepts("support_cases", q("S-LOW"))
          // status 'completed' is stored as COMPLETED: the order is a basket.
          .baskets(1),
      c("blank-lines", "empty lines before and after a customers row")
          .adds("customers", 1)
          .accepts("customers", q("C-BLANK")),
      c("whitespace-only-line", "a products line holding three spaces")
          .adds("products", 1)
          .rejectRecord("products", "   ", "malformed", malformed("products")),
      c("whitespace-around-values", "spaces around ids, enums, dates and numbers of a customer, order and items")
          .adds("customers", 1, "orders", 1, "order_items", 2).baskets(1)
          .accepts("customers", "C-WS")
          .accepts("orders", "O-WS")
          .accepts("order_items", "O-WS"),
      c("quoted-commas", "quoted fields holding commas (\"Smith, John\", \"Cable, USB-C, 2m\"), quoted number")
          .adds("customers", 1, "products", 1, "orders", 1, "order_items", 1).baskets(1)
          .accepts("customers", q("C-QC"))
          .accepts("products", q("P-QC"))
          .accepts("orders", q("O-QC"))
          .accepts("order_items", q("O-QC")),
      c("embedded-newline", "quoted fields spanning 2 and 3 lines (customer name, support case category)")
          .adds("customers", 1, "support_cases", 1)
          .accepts("customers", q("C-NL"))
          .accepts("support_cases", q("S-NL")),
      c("doubled-quotes", "\"The \"\"Best\"\" Co\" and a product id P-\"Q\" written with doubled quotes")
          .adds("customers", 1, "products", 1, "orders", 1, "order_items", 1).baskets(1)
          .accepts("customers", q("C-DQ"))
          .accepts("products", "Quoted Key Gadget")
          .accepts("orders", q("O-DQ"))
          .accepts("order_items", q("O-DQ")),
      c("non-ascii-ids", "ids Kündé-Ω1, 顧客-7, 商品-Ω, Ø-1, 注文-2 across customers, products, orders, items")
          .adds("customers", 2, "products", 1, "orders", 2, "order_items", 3).baskets(2)
          .accepts("customers", "Kündé-Ω1", "顧客-7")
          .accepts("products", "商品-Ω")
          .accepts("orders", "Ø-1", "注文-2")
          .accepts("order_items", "Ø-1", "注文-2"),
      c("long-field", "a 100,000-character customer name (one valid row, one rejected for its type)")
          .adds("customers", 2, "orders", 1, "order_items", 1).baskets(1)
          .accepts("customers", q("C-LONG"))
          .accepts("orders", q("O-LONG"))
          .accepts("order_items", q("O-LONG"))
          // The name (personal data) is not copied into the rejected row's record.
          .rejectRecord("customers", "{\"customer_id\":\"C-LONGBAD\",\"customer_type\":\"ALIEN\"}",
              "enum:customer_type",
              "customers.customer_type: 'ALIEN' is not one of INDIVIDUAL, BUSINESS"),
      c("required-blank-key", "customers.customer_id of three spaces")
          .adds("customers", 1)
          .reject("customers", "\"customer_id\":\"   \"", "required:customer_id",
              "customers.customer_id: required value is missing"),
      c("required-quoted-empty", "orders.customer_id \"\"; its item follows")
          .adds("orders", 1, "order_items", 1)
          .reject("orders", q("O-REQ"), "required:customer_id", "orders.customer_id: required value is missing")
          .reject("order_items", q("O-REQ"), "reference:order_id",
              refRejected("order_items", "order_id", "O-REQ", "orders")),
      c("key-case-sensitive", "orders.customer_id c1 (the customer is C1)")
          .adds("orders", 1)
          .reject("orders", q("O-CASE"), "reference:customer_id",
              refMissing("orders", "customer_id", "c1", "customers")),
      c("order-after-run-date", "completed order dated 2026-01-15, after the run date")
          .adds("orders", 1, "order_items", 2)
          .accepts("orders", q("O-FUT"))
          .accepts("order_items", q("O-FUT"))));

  static final Group FORMATS = new Group("file-format-1", List.of(ALLOW_ALL_REJECTS), List.of(
      c("utf8-bom", "customers.csv starts with a UTF-8 byte order mark").rows("customers", 4),
      c("column-case-and-order", "products.csv header Unit_Price,CATEGORY,Name,PRODUCT_ID").rows("products", 4),
      c("crlf-line-endings", "orders.csv with CRLF line endings").rows("orders", 6),
      c("table-as-part-files", "order_items/ folder of 2 part files, each with a header; one bad row in part 2")
          .rows("order_items", 11)
          .reject("order_items", "\"quantity\":\"0\"", "range:quantity", "order_items.quantity: must be > 0, got 0")
          .from("order_items/part-00001.csv"),
      c("extra-unknown-columns", "opportunities.csv with extra columns owner (first) and Notes (last)")
          .rows("opportunities", 2),
      c("header-names-padded", "contracts.csv header names with spaces around them").rows("contracts", 2),
      c("header-only-file", "support_cases.csv holds only its header").rows("support_cases", 0)));

  static final Group FORMATS_2 = new Group("file-format-2", List.of(ALLOW_ALL_REJECTS), List.of(
      c("optional-table-absent", "no opportunities.csv; orders carry no opportunity ids")
          .absent("opportunities", "table opportunities not given: outputs that need it are empty")
          .rows("orders", 6),
      c("optional-columns-absent", "customers.csv with only customer_id and customer_type").rows("customers", 4),
      c("bom-and-quoted-header", "products.csv: byte order mark, then quoted header names and values")
          .rows("products", 4),
      c("cr-only-line-endings", "contracts.csv with CR-only line endings (contract CT1 names the absent OP1)")
          .rows("contracts", 2),
      c("no-final-newline", "order_items.csv without a newline after its last row").rows("order_items", 10),
      c("crlf-with-quoted-crlf", "support_cases.csv with CRLF endings and a quoted field holding a CRLF")
          .rows("support_cases", 2)));

  static final Case TOO_MANY_REJECTS = c("too-many-rejects",
      "one of 5 products rejected (20 %) with input.max-reject-share=0.1").adds("products", 1);

  static final List<TableLevel> TABLE_LEVEL = List.of(
      new TableLevel("empty-file", "products.csv of 0 bytes",
          "Table products: required column 'product_id' is missing in {in}/products.csv; expected columns "
              + "product_id, category, unit_price (found: )", false),
      new TableLevel("blank-lines-only", "support_cases.csv of three empty lines (an optional table)",
          "Table support_cases: required column 'case_id' is missing in {in}/support_cases.csv; expected columns "
              + "case_id, customer_id, opened_date, status, priority (found: )", false),
      new TableLevel("missing-required-file", "no order_items.csv",
          "Table order_items: not found; expected a file {in}/order_items.csv (or order_items.csv.gz) or a folder "
              + "{in}/order_items/ of CSV files", false),
      new TableLevel("missing-required-column", "orders.csv without the order_date column",
          "Table orders: required column 'order_date' is missing in {in}/orders.csv; expected columns order_id, "
              + "customer_id, order_date, status (found: order_id, customer_id, channel, status, opportunity_id, "
              + "contract_id)", false),
      new TableLevel("optional-table-missing-required-column", "contracts.csv (optional table) without end_date",
          "Table contracts: required column 'end_date' is missing in {in}/contracts.csv; expected columns "
              + "contract_id, customer_id, product_id, start_date, end_date, value, status (found: contract_id, "
              + "customer_id, product_id, opportunity_id, start_date, value, status)", false),
      new TableLevel("empty-folder", "order_items/ folder without a part file",
          "Table order_items: the folder {in}/order_items holds no CSV file; expected one or more part files, "
              + "each starting with the header row", false),
      new TableLevel("semicolon-delimiter", "customers.csv separated by semicolons",
          "Table customers: required column 'customer_id' is missing in {in}/customers.csv; expected columns "
              + "customer_id, customer_type (found: customer_id;name;customer_type;segment;region;created_date)",
          false),
      new TableLevel("utf16-encoded", "customers.csv in UTF-16 (with its byte order mark)",
          "Table customers: required column 'customer_id' is missing in {in}/customers.csv; expected columns "
              + "customer_id, customer_type (found: ", true));

  // ------------------------------------------------------------------------------------------------ tests

  @TestFactory
  Stream<DynamicNode> corpus() {
    List<DynamicNode> nodes = new ArrayList<>();
    for (Group g : List.of(ROWS, FORMATS, FORMATS_2)) {
      List<DynamicNode> tests = new ArrayList<>();
      tests.add(dynamicTest("run: exit 0, read = used + rejected per table, no unexpected rejected row",
          () -> assertRun(g, outcome(g))));
      for (Case c : g.cases()) {
        tests.add(dynamicTest(c.toString(), () -> assertCase(c, outcome(g))));
      }
      nodes.add(dynamicContainer(g.name() + " (" + g.cases().size() + " cases, one run)", tests));
    }
    nodes.add(dynamicContainer("table-level (exit 2)", TABLE_LEVEL.stream()
        .map(t -> dynamicTest(t.name() + ": " + t.planted(), () -> assertTableLevel(t)))));
    nodes.add(dynamicTest(TOO_MANY_REJECTS.toString(), this::assertTooManyRejects));
    return nodes.stream();
  }

  private void assertRun(Group g, Outcome o) {
    Assertions.assertEquals(0, o.code(), o.err());
    Assertions.assertEquals("", o.err().strip());
    Row run = o.singleJobRun();
    Assertions.assertEquals("SUCCEEDED", run.getAs("status"));
    Map<String, Long> read = run.getJavaMap(run.fieldIndex("input_rows"));
    Map<String, Long> used = run.getJavaMap(run.fieldIndex("used_rows"));
    Map<String, Long> rejected = run.getJavaMap(run.fieldIndex("rejected_rows"));

    Map<String, Long> expectedRead = new HashMap<>(BASE_ROWS);
    Map<String, Long> expectedRejected = new HashMap<>();
    List<String> expectedNotes = new ArrayList<>();
    long baskets = BASE_BASKETS;
    for (Case c : g.cases()) {
      c.absent.forEach(expectedRead::remove);
      expectedRead.putAll(c.replaced);
      c.added.forEach((t, n) -> expectedRead.merge(t, n, Long::sum));
      expectedNotes.addAll(c.notes);
      baskets += c.baskets;
    }
    expectedRead.keySet().forEach(t -> expectedRejected.put(t, 0L));
    g.cases().forEach(c -> c.rejects.forEach(r -> expectedRejected.merge(r.table(), 1L, Long::sum)));
    Assertions.assertEquals(expectedRead, new HashMap<>(read), "input_rows");
    Assertions.assertEquals(expectedRejected, new HashMap<>(rejected), "rejected_rows");
    Assertions.assertEquals(expectedRead.keySet(), used.keySet(), "used_rows tables");
    for (String t : read.keySet()) {
      Assertions.assertEquals(read.get(t), used.get(t) + rejected.get(t), "read = used + rejected for " + t);
    }
    Assertions.assertEquals(expectedNotes, run.getList(run.fieldIndex("notes")), "notes");
    Assertions.assertEquals(baskets, o.baskets(), "baskets");

    // Every rejected row is one the corpus planted (or a dependant of one), each matched exactly once.
    List<Reject> all = g.cases().stream().flatMap(c -> c.rejects.stream()).toList();
    for (Row r : o.rejected()) {
      long matches = all.stream().filter(e -> e.matches(r)).count();
      Assertions.assertEquals(1, matches, "expected rejects matching " + r.getAs("table_name") + " " + r.getAs("rule")
          + " " + abbreviate(r.getAs("record")));
      Assertions.assertEquals(run.<String>getAs("run_id"), r.getAs("run_id"));
      Assertions.assertEquals(java.sql.Date.valueOf(RUN_DATE), r.getAs("run_date"));
    }
    Assertions.assertEquals(all.size(), o.rejected().size(), "rejected rows");
  }

  private void assertCase(Case c, Outcome o) {
    Assertions.assertEquals(0, o.code(), o.err());
    for (Reject e : c.rejects) {
      List<Row> rows = o.rejected().stream().filter(e::matches).toList();
      Assertions.assertEquals(1, rows.size(), "rejected rows matching " + e.describe());
      Row r = rows.get(0);
      Assertions.assertEquals(e.rule(), r.getAs("rule"), e.describe());
      Assertions.assertEquals(e.reason(), r.getAs("reason"), e.describe());
      String source = r.getAs("source_file");
      Assertions.assertTrue(source.endsWith("/" + e.source()), e.describe() + " source_file " + source);
    }
    for (String[] a : c.accepted) {
      List<String> hits = o.rejected().stream()
          .filter(r -> a[0].equals(r.getAs("table_name")) && r.<String>getAs("record").contains(a[1]))
          .map(r -> r.<String>getAs("rule") + " " + abbreviate(r.getAs("record"))).toList();
      Assertions.assertEquals(List.of(), hits, a[0] + " rows with " + a[1] + " are used");
    }
    Row run = o.singleJobRun();
    Map<String, Long> read = run.getJavaMap(run.fieldIndex("input_rows"));
    Map<String, Long> used = run.getJavaMap(run.fieldIndex("used_rows"));
    // A replaced table belongs to this case alone in its run: its rows are all accounted for here.
    c.replaced.forEach((t, n) -> {
      Assertions.assertEquals(n, read.get(t), "rows read from " + t);
      long own = c.rejects.stream().filter(r -> r.table().equals(t)).count();
      Assertions.assertEquals(n - own, used.get(t), "rows used from " + t);
    });
    c.absent.forEach(t -> Assertions.assertFalse(read.containsKey(t) || used.containsKey(t), t + " is absent"));
  }

  private void assertTableLevel(TableLevel t) {
    Outcome o = run(t.name(), List.of(c(t.name(), t.planted())), List.of(ALLOW_ALL_REJECTS));
    Assertions.assertEquals(2, o.code(), o.err());
    String expected = "crm-affinity: error: " + t.error().replace("{in}", o.input().toString());
    if (t.prefixOnly()) {
      Assertions.assertTrue(o.err().startsWith(expected), o.err());
      Assertions.assertEquals(1, o.err().strip().lines().count(), o.err());
    } else {
      Assertions.assertEquals(expected, o.err().strip());
    }
    Assertions.assertEquals("", o.out());
    Assertions.assertFalse(Files.exists(o.output()), "nothing is written");
  }

  private void assertTooManyRejects() {
    Outcome o = run(TOO_MANY_REJECTS.name, List.of(TOO_MANY_REJECTS), List.of("input.max-reject-share=0.1"));
    String message = "Rejected share above input.max-reject-share = 0.1 in products: 1 of 5 rows rejected "
        + "(20.0%, rules {range:unit_price=1})";
    Assertions.assertEquals(3, o.code(), o.err());
    Assertions.assertEquals("crm-affinity: error: " + message, o.err().strip());
    Row run = o.singleJobRun();
    Assertions.assertEquals("FAILED", run.getAs("status"));
    Assertions.assertEquals("TooManyRejectsException: " + message, run.getAs("error"));
    // The tables are created with their schemas when a run starts; this one adds no rows to them.
    for (String table : List.of("rejected_rows", "frequent_itemsets", "association_rules")) {
      Assertions.assertEquals(0L, session().read().format("delta").load(o.output().resolve(table).toString()).count(),
          table + " holds no result");
    }
  }

  // ------------------------------------------------ found by this corpus (were bugs, fixed since)

  @Test
  void duplicateOptionalColumnStopsWithExitCode2() {
    Outcome o = run("duplicate-optional-column", List.of(c("duplicate-optional-column", "segment twice")),
        List.of(ALLOW_ALL_REJECTS));
    Assertions.assertEquals(2, o.code(), o.out());
    Assertions.assertEquals("crm-affinity: error: Table customers: column 'segment' appears twice in " + o.input()
        + "/customers.csv (column names are matched case-insensitively)", o.err().strip());
    Assertions.assertFalse(Files.exists(o.output()));
  }

  @Test
  void duplicateRequiredColumnIsNamedAsDuplicate() {
    Outcome o = run("duplicate-required-column", List.of(c("duplicate-required-column", "quantity twice")),
        List.of(ALLOW_ALL_REJECTS));
    Assertions.assertEquals(2, o.code(), o.out());
    Assertions.assertEquals("crm-affinity: error: Table order_items: column 'quantity' appears twice in " + o.input()
        + "/order_items.csv (column names are matched case-insensitively)", o.err().strip());
  }

  @Test
  void headerOnlyRequiredTableRunsWithNoBaskets() {
    Outcome o = run("header-only-required-table", List.of(c("header-only-required-table", "order_items header only")),
        List.of(ALLOW_ALL_REJECTS));
    Assertions.assertEquals(0, o.code(), o.err());
    Row run = o.singleJobRun();
    Assertions.assertEquals("SUCCEEDED", run.getAs("status"));
    Assertions.assertEquals(0L, run.<String, Long>getJavaMap(run.fieldIndex("input_rows")).get("order_items"));
    Assertions.assertEquals(List.of("no baskets in the window ending " + RUN_DATE + ": nothing to mine"),
        run.getList(run.fieldIndex("notes")));
    Assertions.assertEquals(0L, o.baskets());
  }

  @Test
  void partFilesAreMatchedByTheirOwnHeader() {
    Outcome o = run("part-files-different-column-order",
        List.of(c("part-files-different-column-order", "part 2 lists product_id before order_id")),
        List.of(ALLOW_ALL_REJECTS));
    if (o.code() == 2) {
      Assertions.assertTrue(o.err().contains("part-00001.csv"), o.err());
      return;
    }
    Assertions.assertEquals(0, o.code(), o.err());
    Row run = o.singleJobRun();
    Assertions.assertEquals(10L, run.<String, Long>getJavaMap(run.fieldIndex("input_rows")).get("order_items"));
    Assertions.assertEquals(10L, run.<String, Long>getJavaMap(run.fieldIndex("used_rows")).get("order_items"));
    Assertions.assertEquals(List.of(), o.rejected());
  }

  @Test
  void partFileWithoutHeaderDropsNothingSilently() {
    Outcome o = run("part-file-without-header",
        List.of(c("part-file-without-header", "part 2 has no header row")), List.of(ALLOW_ALL_REJECTS));
    if (o.code() == 2) {
      Assertions.assertTrue(o.err().contains("part-00001.csv"), o.err());
      return;
    }
    Assertions.assertEquals(0, o.code(), o.err());
    Row run = o.singleJobRun();
    Map<String, Long> read = run.getJavaMap(run.fieldIndex("input_rows"));
    Map<String, Long> used = run.getJavaMap(run.fieldIndex("used_rows"));
    Map<String, Long> rejected = run.getJavaMap(run.fieldIndex("rejected_rows"));
    Assertions.assertEquals(10L, read.get("order_items"), "every data line is a row");
    Assertions.assertEquals(10L, used.get("order_items") + rejected.get("order_items"));
  }

  @Test
  void tabsAroundValuesAreTrimmed() {
    Outcome o = run("tab-around-values", List.of(c("tab-around-values", "tab-padded customer id")),
        List.of(ALLOW_ALL_REJECTS));
    Assertions.assertEquals(0, o.code(), o.err());
    Assertions.assertEquals(List.of(), o.rejected());
    Assertions.assertEquals(BASE_BASKETS + 1, o.baskets());
  }

  @Test
  void mixedLineEndingsKeepOneRowPerLine() {
    Outcome o = run("mixed-line-endings", List.of(c("mixed-line-endings", "CRLF header, LF rows")),
        List.of(ALLOW_ALL_REJECTS));
    Assertions.assertEquals(0, o.code(), o.err());
    Row run = o.singleJobRun();
    Assertions.assertEquals(6L, run.<String, Long>getJavaMap(run.fieldIndex("input_rows")).get("orders"));
    Assertions.assertEquals(List.of(), o.rejected());
    Assertions.assertEquals(BASE_BASKETS, o.baskets());
  }

  // ------------------------------------------------------------------------------------------- machinery

  record Outcome(int code, String out, String err, Path input, Path output, List<Row> jobRuns, List<Row> rejected) {
    Row singleJobRun() {
      Assertions.assertEquals(1, jobRuns.size(), "job_runs rows");
      return jobRuns.get(0);
    }

    long baskets() {
      Matcher m = Pattern.compile("(?m)^(\\d+) baskets, ").matcher(out);
      Assertions.assertTrue(m.find(), out);
      return Long.parseLong(m.group(1));
    }
  }

  private Outcome outcome(Group g) {
    return outcomes.computeIfAbsent(g.name(), n -> run(n, g.cases(), g.sets()));
  }

  /** Lays the cases over the base data set, runs the CLI once and reads what it wrote. */
  private Outcome run(String name, List<Case> cases, List<String> sets) {
    Path dir = tmp.resolve(name);
    Path input = dir.resolve("in");
    Path output = dir.resolve("out");
    try {
      assemble(input, cases);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args = new ArrayList<>(List.of("run", "--input", input.toString(), "--output", output.toString(),
        "--run-date", RUN_DATE, "--set", "summary.top-rules=0", "--set", "mining.min-support=0.2",
        "--set", "job.scenarios=[]"));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Main.execute(args.toArray(String[]::new), conf -> session());
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), input,
        output, deltaRows(output.resolve("job_runs")), deltaRows(output.resolve("rejected_rows")));
  }

  private List<Row> deltaRows(Path table) {
    if (!Files.exists(table)) {
      return List.of();
    }
    return session().read().format("delta").load(table.toString()).collectAsList();
  }

  /** Base files, then each case's overlay; a table replaced by one case cannot be touched by another. */
  static void assemble(Path input, List<Case> cases) throws IOException {
    Files.createDirectories(input);
    for (String t : TABLES) {
      Files.copy(CORPUS.resolve("base").resolve(t + ".csv"), input.resolve(t + ".csv"));
    }
    Map<String, String> owner = new HashMap<>();
    List<Case> ordered = cases.stream().sorted(Comparator.comparing(c -> c.last)).toList();
    for (Case c : ordered) {
      Path caseDir = CORPUS.resolve("cases").resolve(c.name);
      Assertions.assertTrue(Files.isDirectory(caseDir), "corpus case folder " + caseDir);
      List<Path> files;
      try (Stream<Path> s = Files.walk(caseDir)) {
        files = s.filter(Files::isRegularFile).sorted().toList();
      }
      Assertions.assertFalse(files.isEmpty(), caseDir + " is empty");
      for (Path f : files) {
        String rel = caseDir.relativize(f).toString().replace('\\', '/');
        int slash = rel.indexOf('/');
        String table = slash >= 0 ? rel.substring(0, slash)
            : rel.replaceFirst("(\\.append\\.csv|\\.absent|\\.csv)$", "");
        Assertions.assertTrue(TABLES.contains(table), "unknown table in " + f);
        boolean append = rel.endsWith(".append.csv");
        String previous = owner.putIfAbsent(table, (append ? "append:" : "replace:") + c.name);
        if (previous != null && !previous.equals("replace:" + c.name) && !(append && previous.startsWith("append:"))) {
          Assertions.fail(c.name + " and " + previous + " both change " + table + " in one run");
        }
        Path target = input.resolve(table + ".csv");
        if (append) {
          Files.write(target, Files.readAllBytes(f), StandardOpenOption.APPEND);
        } else if (rel.endsWith(".absent")) {
          Files.deleteIfExists(target);
        } else if (slash >= 0) {
          Files.createDirectories(input.resolve(rel).getParent());
          Files.copy(f, input.resolve(rel), StandardCopyOption.REPLACE_EXISTING);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static String abbreviate(String s) {
    return s == null || s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  @Test
  void everyCorpusFolderIsACase() throws IOException {
    List<String> known = new ArrayList<>();
    for (Group g : List.of(ROWS, FORMATS, FORMATS_2)) {
      g.cases().forEach(c -> known.add(c.name));
    }
    TABLE_LEVEL.forEach(t -> known.add(t.name()));
    known.add(TOO_MANY_REJECTS.name);
    known.addAll(List.of("duplicate-optional-column", "duplicate-required-column", "header-only-required-table",
        "part-files-different-column-order", "part-file-without-header", "tab-around-values", "mixed-line-endings"));
    List<String> folders;
    try (Stream<Path> s = Files.list(CORPUS.resolve("cases"))) {
      folders = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    Assertions.assertEquals(known.stream().sorted().toList(), folders);
    Assertions.assertNotNull(Files.readString(CORPUS.resolve("README.md")));
  }
}
