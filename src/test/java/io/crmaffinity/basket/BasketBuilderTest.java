package io.crmaffinity.basket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import io.crmaffinity.mining.SegmentMiner;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Baskets on a hand-made CRM model. Run date 2025-06-30; a 90-day lookback is the window 2025-04-02 to
 * 2025-06-30.
 * <pre>
 * orders  O1 C1 2025-01-05 ONLINE COMPLETED  P2 P1 P2(again)   customers C1 INDIVIDUAL CONSUMER   NORTH
 *         O2 C1 2025-02-05 STORE  COMPLETED  P3 P1                       C2 BUSINESS   SMB        (none)
 *         O3 C2 2025-03-05 ONLINE CANCELLED  P1                          C3 BUSINESS   ENTERPRISE SOUTH
 *         O4 C2 2025-07-01 ONLINE COMPLETED  P1 (after the run date)
 *         O5 C3 2025-06-30 -      RETURNED   P3                products P1 LAPTOPS, P2 P3 ACCESSORIES,
 *         O6 C2 2025-06-01 PHONE  COMPLETED  P4                         P4 SOFTWARE, P5 SERVICES
 *         O7 C3 2024-06-01 STORE  COMPLETED  P2
 * contracts K1 C2 P5 2025-01-01..2025-12-31   K2 C3 P4 2023-01-01..2024-12-31   K3 C1 P4 2025-08-01..2026-07-31
 * opportunities OP1 C3 P5 CLOSED_WON closed 2025-06-15   OP2 C1 P5 CLOSED_LOST   OP3 C2 P4 CLOSED_WON closed 2024-02-01
 * </pre>
 */
class BasketBuilderTest extends SparkTestBase {
  private static final StructType BASKETS = schema(
      "basket_id STRING, customer_id STRING, segment STRING, items ARRAY<STRING>, item_count INT");
  private static final LocalDate RUN = LocalDate.parse("2025-06-30");
  private static final List<String> COMPLETED = List.of("COMPLETED");

  private Dataset<Row> orders() {
    return rows(schema("order_id STRING, customer_id STRING, order_date DATE, channel STRING, status STRING"),
        new Object[] {"O1", "C1", Date.valueOf("2025-01-05"), "ONLINE", "COMPLETED"},
        new Object[] {"O2", "C1", Date.valueOf("2025-02-05"), "STORE", "COMPLETED"},
        new Object[] {"O3", "C2", Date.valueOf("2025-03-05"), "ONLINE", "CANCELLED"},
        new Object[] {"O4", "C2", Date.valueOf("2025-07-01"), "ONLINE", "COMPLETED"},
        new Object[] {"O5", "C3", Date.valueOf("2025-06-30"), null, "RETURNED"},
        new Object[] {"O6", "C2", Date.valueOf("2025-06-01"), "PHONE", "COMPLETED"},
        new Object[] {"O7", "C3", Date.valueOf("2024-06-01"), "STORE", "COMPLETED"});
  }

  private Dataset<Row> items() {
    return rows(schema("order_id STRING, product_id STRING, quantity INT"),
        new Object[] {"O1", "P2", 1}, new Object[] {"O1", "P1", 1},
        new Object[] {"O1", "P2", 3}, // the same product on a second line counts once
        new Object[] {"O2", "P3", 1}, new Object[] {"O2", "P1", 2}, new Object[] {"O3", "P1", 1},
        new Object[] {"O4", "P1", 1}, new Object[] {"O5", "P3", 1}, new Object[] {"O6", "P4", 1},
        new Object[] {"O7", "P2", 1});
  }

  private Dataset<Row> products() {
    return rows(schema("product_id STRING, category STRING"),
        new Object[] {"P1", "LAPTOPS"}, new Object[] {"P2", "ACCESSORIES"}, new Object[] {"P3", "ACCESSORIES"},
        new Object[] {"P4", "SOFTWARE"}, new Object[] {"P5", "SERVICES"});
  }

  private Dataset<Row> customers() {
    return rows(schema("customer_id STRING, customer_type STRING, segment STRING, region STRING"),
        new Object[] {"C1", "INDIVIDUAL", "CONSUMER", "NORTH"},
        new Object[] {"C2", "BUSINESS", "SMB", null},
        new Object[] {"C3", "BUSINESS", "ENTERPRISE", "South"});
  }

  private Optional<Dataset<Row>> contracts() {
    return Optional.of(rows(schema("contract_id STRING, customer_id STRING, product_id STRING, start_date DATE, "
            + "end_date DATE"),
        new Object[] {"K1", "C2", "P5", Date.valueOf("2025-01-01"), Date.valueOf("2025-12-31")},
        new Object[] {"K2", "C3", "P4", Date.valueOf("2023-01-01"), Date.valueOf("2024-12-31")},
        new Object[] {"K3", "C1", "P4", Date.valueOf("2025-08-01"), Date.valueOf("2026-07-31")}));
  }

  private Optional<Dataset<Row>> opportunities() {
    return Optional.of(rows(schema("opportunity_id STRING, customer_id STRING, product_id STRING, stage STRING, "
            + "created_date DATE, closed_date DATE"),
        new Object[] {"OP1", "C3", "P5", "CLOSED_WON", Date.valueOf("2025-05-01"), Date.valueOf("2025-06-15")},
        new Object[] {"OP2", "C1", "P5", "CLOSED_LOST", Date.valueOf("2025-05-01"), Date.valueOf("2025-06-01")},
        new Object[] {"OP3", "C2", "P4", "CLOSED_WON", Date.valueOf("2024-01-01"), Date.valueOf("2024-02-01")}));
  }

  private Dataset<Row> baskets(String granularity, String level, List<String> statuses, int lookback,
      boolean contracts, boolean opportunities, String segmentBy) {
    return BasketBuilder.build(orders(), items(), products(), customers(), contracts(), opportunities(),
        new BasketOptions(granularity, level, statuses, RUN, lookback, contracts, opportunities, segmentBy));
  }

  private static Object[] b(String id, String customer, String segment, String... items) {
    return new Object[] {id, customer, segment, items, items.length};
  }

  @Test
  void oneDistinctSortedProductSetPerCompletedOrderUpToTheRunDate() {
    assertSameRows(rows(BASKETS,
            b("O1", "C1", "ALL", "P1", "P2"), b("O2", "C1", "ALL", "P1", "P3"), b("O6", "C2", "ALL", "P4"),
            b("O7", "C3", "ALL", "P2")),
        baskets("order", "product", COMPLETED, 0, false, false, "none"));
  }

  @Test
  void categoryLevelCollapsesProductsOfOneCategoryAndStatusesAreConfigurable() {
    assertSameRows(rows(BASKETS,
            b("O1", "C1", "ALL", "ACCESSORIES", "LAPTOPS"), b("O2", "C1", "ALL", "ACCESSORIES", "LAPTOPS"),
            b("O5", "C3", "ALL", "ACCESSORIES"), b("O6", "C2", "ALL", "SOFTWARE"), b("O7", "C3", "ALL", "ACCESSORIES")),
        baskets("order", "category", List.of("COMPLETED", "RETURNED"), 0, false, false, "none"));
  }

  @Test
  void lookbackKeepsOnlyTheWindowBeforeTheRunDate() {
    assertSameRows(rows(BASKETS, b("O6", "C2", "ALL", "P4")),
        baskets("order", "product", COMPLETED, 90, false, false, "none"));
    // The window's first day is included: 2025-06-01 is day 30 of a 30-day window ending 2025-06-30.
    assertSameRows(rows(BASKETS, b("O6", "C2", "ALL", "P4")),
        baskets("order", "product", COMPLETED, 30, false, false, "none"));
    assertEquals(0L, baskets("order", "product", COMPLETED, 29, false, false, "none").count());
  }

  @Test
  void customerBasketsUniteOrdersContractsAndWonOpportunitiesOfTheWindow() {
    // All history: K2 (ended 2024) and OP3 (won 2024) count; K3 starts after the run date.
    assertSameRows(rows(BASKETS,
            b("C1", "C1", "ALL", "P1", "P2", "P3"), b("C2", "C2", "ALL", "P4", "P5"),
            b("C3", "C3", "ALL", "P2", "P4", "P5")),
        baskets("customer", "product", COMPLETED, 0, true, true, "none"));
    // 90 days: only O6, contract K1 (active in the window) and OP1 (won in it).
    assertSameRows(rows(BASKETS, b("C2", "C2", "ALL", "P4", "P5"), b("C3", "C3", "ALL", "P5")),
        baskets("customer", "product", COMPLETED, 90, true, true, "none"));
    // Contracts only.
    assertSameRows(rows(BASKETS, b("C2", "C2", "ALL", "P4", "P5")),
        baskets("customer", "product", COMPLETED, 90, true, false, "none"));
  }

  @Test
  void segmentsLabelEachBasketWithItsCustomersAttributeOrItsChannel() {
    assertSameRows(rows(BASKETS,
            b("O1", "C1", "region=NORTH", "ACCESSORIES", "LAPTOPS"), b("O2", "C1", "region=NORTH", "ACCESSORIES", "LAPTOPS"),
            b("O6", "C2", "region=UNKNOWN", "SOFTWARE"), b("O7", "C3", "region=SOUTH", "ACCESSORIES")),
        baskets("order", "category", COMPLETED, 0, false, false, "region"));
    assertSameRows(rows(BASKETS,
            b("O1", "C1", "channel=ONLINE", "P1", "P2"), b("O2", "C1", "channel=STORE", "P1", "P3"),
            b("O6", "C2", "channel=PHONE", "P4"), b("O7", "C3", "channel=STORE", "P2")),
        baskets("order", "product", COMPLETED, 0, false, false, "channel"));
    assertSameRows(rows(BASKETS,
            b("C1", "C1", "customer_type=INDIVIDUAL", "P1", "P2", "P3"), b("C2", "C2", "customer_type=BUSINESS", "P4", "P5"),
            b("C3", "C3", "customer_type=BUSINESS", "P2", "P4", "P5")),
        baskets("customer", "product", COMPLETED, 0, true, true, "customer_type"));
  }

  @Test
  void segmentsBelowTheMinimumAreSkippedAndAllIsAlwaysMined() {
    SegmentMiner.Plan plan = SegmentMiner.Plan.of(Map.of("region=NORTH", 120L, "region=SOUTH", 40L,
        "region=UNKNOWN", 100L), 100);
    assertEquals(Map.of("ALL", 260L, "region=NORTH", 120L, "region=UNKNOWN", 100L), plan.mined());
    assertEquals(Map.of("region=SOUTH", 40L), plan.skipped());
    assertEquals(Map.of("ALL", 5L), SegmentMiner.Plan.of(Map.of("ALL", 5L), 100).mined());
    assertEquals(Map.of(), SegmentMiner.Plan.of(Map.of(), 100).mined());
  }
}
