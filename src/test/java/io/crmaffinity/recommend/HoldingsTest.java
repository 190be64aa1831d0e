package io.crmaffinity.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Who is active and what they hold, run date 2025-06-30, basket window from 2025-01-01, active-days 90
 * (orders from 2025-04-02 on make a customer active).
 * <pre>
 * orders O1 C1 2025-05-01 COMPLETED P1 | O2 C1 2024-12-31 COMPLETED P2 (before the window) | O3 C1 2025-07-01 P3 (after)
 *        O4 C2 2025-02-01 COMPLETED P4 (in the window, too old for active) | O5 C3 2025-06-01 CANCELLED P5
 * contracts K1 C4 P6 2025-01-01..2025-12-31 EXPIRED in today's data: active on the run date by its dates
 *           K2 C2 P7 2024-01-01..2025-06-29 ACTIVE in today's data: ended the day before the run date
 * opportunities OP1 C1 P8 PROPOSAL created 2025-06-01 (open) | OP2 C2 P9 CLOSED_WON closed 2025-07-15 (open then)
 *               OP3 C2 P10 CLOSED_LOST closed 2025-06-10 | OP4 C1 P11 PROSPECTING created 2025-07-02 (not yet)
 * customers C4 has no order at all, only the contract.
 * </pre>
 */
class HoldingsTest extends SparkTestBase {
  private static final LocalDate RUN = LocalDate.parse("2025-06-30");
  private static final LocalDate WINDOW = LocalDate.parse("2025-01-01");

  private Dataset<Row> orders() {
    return rows(schema("order_id STRING, customer_id STRING, order_date DATE, status STRING"),
        new Object[] {"O1", "C1", Date.valueOf("2025-05-01"), "COMPLETED"},
        new Object[] {"O2", "C1", Date.valueOf("2024-12-31"), "COMPLETED"},
        new Object[] {"O3", "C1", Date.valueOf("2025-07-01"), "COMPLETED"},
        new Object[] {"O4", "C2", Date.valueOf("2025-02-01"), "COMPLETED"},
        new Object[] {"O5", "C3", Date.valueOf("2025-06-01"), "CANCELLED"});
  }

  private Dataset<Row> items() {
    return rows(schema("order_id STRING, product_id STRING"), new Object[] {"O1", "P1"}, new Object[] {"O2", "P2"},
        new Object[] {"O3", "P3"}, new Object[] {"O4", "P4"}, new Object[] {"O5", "P5"}, new Object[] {"O1", "P1"});
  }

  private Optional<Dataset<Row>> contracts() {
    return Optional.of(rows(schema("customer_id STRING, product_id STRING, start_date DATE, end_date DATE, status STRING"),
        new Object[] {"C4", "P6", Date.valueOf("2025-01-01"), Date.valueOf("2025-12-31"), "EXPIRED"},
        new Object[] {"C2", "P7", Date.valueOf("2024-01-01"), Date.valueOf("2025-06-29"), "ACTIVE"}));
  }

  private Optional<Dataset<Row>> opportunities() {
    return Optional.of(rows(schema("customer_id STRING, product_id STRING, stage STRING, created_date DATE, "
            + "closed_date DATE"),
        new Object[] {"C1", "P8", "PROPOSAL", Date.valueOf("2025-06-01"), null},
        new Object[] {"C2", "P9", "CLOSED_WON", Date.valueOf("2025-05-01"), Date.valueOf("2025-07-15")},
        new Object[] {"C2", "P10", "CLOSED_LOST", Date.valueOf("2025-05-01"), Date.valueOf("2025-06-10")},
        new Object[] {"C1", "P11", "PROSPECTING", Date.valueOf("2025-07-02"), null}));
  }

  private static List<String> sorted(Dataset<Row> df) {
    return df.collectAsList().stream().map(r -> r.mkString(" ")).sorted().toList();
  }

  @Test
  void heldIsTheWindowsPurchasesActiveContractsAndOpenOpportunities() {
    assertEquals(List.of("C1 P1 true", "C1 P8 false", "C2 P4 true", "C2 P9 false", "C4 P6 true"),
        sorted(Holdings.held(orders(), items(), contracts(), opportunities(), RUN, WINDOW, List.of("COMPLETED"), true)));
    assertEquals(List.of("C1 P1 true", "C2 P4 true", "C4 P6 true"),
        sorted(Holdings.held(orders(), items(), contracts(), opportunities(), RUN, WINDOW, List.of("COMPLETED"), false)));
    // no window: all history up to the run date; other statuses when configured
    assertEquals(List.of("C1 P1 true", "C1 P2 true", "C2 P4 true", "C3 P5 true"),
        sorted(Holdings.held(orders(), items(), Optional.empty(), Optional.empty(), RUN, null,
            List.of("COMPLETED", "CANCELLED"), true)));
  }

  @Test
  void activeCustomersOrderedRecentlyOrHoldAContractActiveOnTheRunDate() {
    // C1 ordered on 2025-05-01; C2's order is older than 90 days and its contract ended the day before;
    // C3's only order was cancelled; C4 has no order but a contract running on the run date.
    assertEquals(List.of("C1", "C4"),
        sorted(Holdings.active(orders(), contracts(), RUN, 90, List.of("COMPLETED"))));
    assertEquals(List.of("C1", "C2"), sorted(Holdings.active(orders(), Optional.empty(), RUN, 150,
        List.of("COMPLETED"))));
  }

  @Test
  void customersGetTheirOwnSegmentOnlyWhenItWasMined() {
    Dataset<Row> customers = rows(schema("customer_id STRING, customer_type STRING, region STRING"),
        new Object[] {"C1", "BUSINESS", "North"}, new Object[] {"C2", "INDIVIDUAL", null},
        new Object[] {"C3", "BUSINESS", "SOUTH"});
    Dataset<Row> ids = rows(schema("customer_id STRING"), new Object[] {"C1"}, new Object[] {"C2"});
    Dataset<Row> mined = rows(schema("segment STRING"), new Object[] {"ALL"},
        new Object[] {"customer_type=BUSINESS"}, new Object[] {"customer_type=BUSINESS"},
        new Object[] {"region=NORTH"}, new Object[] {"region=UNKNOWN"});
    assertEquals(List.of("C1 customer_type=BUSINESS", "C2 ALL"),
        sorted(Segments.assign(ids, customers, "customer_type", mined)));
    assertEquals(List.of("C1 region=NORTH", "C2 region=UNKNOWN"), sorted(Segments.assign(ids, customers, "region", mined)));
    assertEquals(List.of("C1 ALL", "C2 ALL"), sorted(Segments.assign(ids, customers, "channel", mined)));
  }
}
