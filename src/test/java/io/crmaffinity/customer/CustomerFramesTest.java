package io.crmaffinity.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import io.crmaffinity.basket.BasketBuilder;
import io.crmaffinity.basket.BasketOptions;
import io.crmaffinity.ingest.TableSpec;
import io.crmaffinity.mining.MiningResult;
import io.crmaffinity.mining.SegmentMiner;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The customer frames, the health table and the case items on hand-built data, with exact values. */
class CustomerFramesTest extends SparkTestBase {
  static final LocalDate RUN = LocalDate.of(2025, 2, 28);

  static Date d(String s) {
    return s == null ? null : Date.valueOf(s);
  }

  static BigDecimal m(String s) {
    return s == null ? null : new BigDecimal(s);
  }

  Dataset<Row> products() {
    return rows(TableSpec.PRODUCTS.typedSchema(), new Object[] {"P1", null, "A", m("10.00")},
        new Object[] {"P2", null, "B", m("5.00")});
  }

  Dataset<Row> orders() {
    return rows(TableSpec.ORDERS.typedSchema(),
        new Object[] {"O1", "C1", d("2025-01-01"), null, "COMPLETED", null, null},
        new Object[] {"O2", "C1", d("2025-01-01"), null, "COMPLETED", null, null},
        new Object[] {"O3", "C1", d("2025-01-15"), null, "COMPLETED", null, null},
        new Object[] {"O4", "C1", d("2025-01-29"), null, "COMPLETED", null, null},
        new Object[] {"O5", "C1", d("2025-02-10"), null, "CANCELLED", null, null},
        new Object[] {"O6", "C2", d("2025-01-20"), null, "COMPLETED", null, null},
        new Object[] {"O7", "C2", d("2025-03-01"), null, "COMPLETED", null, null});
  }

  Dataset<Row> items() {
    return rows(TableSpec.ORDER_ITEMS.typedSchema(),
        new Object[] {"O1", "P1", 2, null},        // 20 at the list price
        new Object[] {"O2", "P2", 1, m("4.00")},   // 4
        new Object[] {"O3", "P1", 1, m("8.00")},   // 8
        new Object[] {"O4", "P2", 3, null},        // 15
        new Object[] {"O5", "P1", 1, null},
        new Object[] {"O6", "P1", 1, null},        // 10
        new Object[] {"O7", "P2", 1, null});
  }

  Dataset<Row> cases() {
    return rows(TableSpec.SUPPORT_CASES.typedSchema(),
        new Object[] {"K1", "C1", null, "O1", d("2025-01-05"), d("2025-01-09"), "RESOLVED", "LOW", "delivery", null, 4},
        new Object[] {"K2", "C1", "P1", null, d("2025-02-10"), null, "OPEN", "HIGH", "TECHNICAL", null, null},
        new Object[] {"K3", "C1", null, null, d("2025-02-20"), d("2025-03-05"), "CLOSED", "CRITICAL", "RETURN", null, 1},
        new Object[] {"K4", "C1", null, null, d("2025-03-02"), null, "OPEN", "CRITICAL", "BILLING", null, null},
        new Object[] {"K5", "C2", null, null, d("2024-12-01"), d("2024-12-21"), "CLOSED", "MEDIUM", "BILLING", null, 2},
        new Object[] {"K6", "C2", null, null, d("2025-01-10"), null, "RESOLVED", "LOW", null, null, null});
  }

  Dataset<Row> orderValues() {
    return CustomerFrames.orderValues(orders(), items(), products(), List.of("COMPLETED"), null, RUN);
  }

  @Test
  void orderValuesRfmAndSummary() {
    StructType ov = new StructType().add("customer_id", DataTypes.StringType).add("order_id", DataTypes.StringType)
        .add("order_date", DataTypes.DateType).add("value", DataTypes.DoubleType);
    assertSameRows(rows(ov, new Object[] {"C1", "O1", d("2025-01-01"), 20.0},
        new Object[] {"C1", "O2", d("2025-01-01"), 4.0}, new Object[] {"C1", "O3", d("2025-01-15"), 8.0},
        new Object[] {"C1", "O4", d("2025-01-29"), 15.0}, new Object[] {"C2", "O6", d("2025-01-20"), 10.0}),
        orderValues());

    // C1: last order 01-29 (30 days before 02-28), 4 orders worth 47, 3 order days 14 days apart.
    StructType rfm = new StructType().add("customer_id", DataTypes.StringType).add("recency_days", DataTypes.IntegerType)
        .add("frequency", DataTypes.LongType).add("monetary", DataTypes.DoubleType)
        .add("first_order", DataTypes.DateType).add("last_order", DataTypes.DateType)
        .add("order_days", DataTypes.LongType).add("usual_order_gap_days", DataTypes.DoubleType);
    assertSameRows(rows(rfm,
        new Object[] {"C1", 30, 4L, 47.0, d("2025-01-01"), d("2025-01-29"), 3L, 14.0},
        new Object[] {"C2", 39, 1L, 10.0, d("2025-01-20"), d("2025-01-20"), 1L, null}),
        CustomerFrames.rfm(orderValues(), RUN));

    // Customer-days: C1 01-01 (20+4), 01-15 (8), 01-29 (15): x = 2, t_x = 28, T = 58, m_x = (8+15)/2.
    StructType sum = new StructType().add("customer_id", DataTypes.StringType).add("x", DataTypes.LongType)
        .add("tx_days", DataTypes.IntegerType).add("t_days", DataTypes.IntegerType)
        .add("m_x", DataTypes.DoubleType).add("total_value", DataTypes.DoubleType);
    assertSameRows(rows(sum, new Object[] {"C1", 2L, 28, 58, 11.5, 47.0}, new Object[] {"C2", 0L, 0, 39, null, 10.0}),
        CustomerFrames.btydSummary(orderValues(), RUN));
  }

  /**
   * C1: K2 open (no closed date, OPEN), K3 closed after the run date (open then), K4 opened after it (ignored);
   * recent = opened after 01-29: K2, K3; K1 resolved in 4 days, rated 4; the open CRITICAL K3 beats the HIGH K2.
   * C2: K6 has no closed date but says RESOLVED (not open); K5 took 20 days, rated 2.
   */
  @Test
  void caseSignals() {
    StructType cs = new StructType().add("customer_id", DataTypes.StringType).add("open_cases", DataTypes.LongType)
        .add("cases_recent", DataTypes.LongType).add("avg_resolution_days", DataTypes.DoubleType)
        .add("avg_satisfaction", DataTypes.DoubleType).add("critical_case_id", DataTypes.StringType)
        .add("critical_priority", DataTypes.StringType);
    assertSameRows(rows(cs, new Object[] {"C1", 2L, 2L, 4.0, 4.0, "K3", "CRITICAL"},
        new Object[] {"C2", 0L, 0L, 20.0, 2.0, null, null}),
        CustomerFrames.caseSignals(cases(), RUN, 30));
  }

  /**
   * Contracts active on 02-28: T1 (1200, ends 03-31: renewal in 31 days) and T2 (600) for C1; T3 ended. Pipeline:
   * C1 1000 × 0.4 + 100 × 0.75 (NEGOTIATION default); C2's OP3 was open on the run date and closed later, so it
   * weighs the historic win rate 1/2 (OP4 lost, OP5 won by then) → 250; OP6 is created after the run date.
   */
  @Test
  void accountValue() {
    Dataset<Row> contracts = rows(TableSpec.CONTRACTS.typedSchema(),
        new Object[] {"T1", "C1", "P1", null, d("2024-06-01"), d("2025-03-31"), m("1200.00"), "ACTIVE"},
        new Object[] {"T2", "C1", "P2", null, d("2025-01-01"), d("2025-12-31"), m("600.00"), "ACTIVE"},
        new Object[] {"T3", "C2", "P2", null, d("2024-01-01"), d("2025-01-31"), m("900.00"), "EXPIRED"});
    Dataset<Row> opps = rows(TableSpec.OPPORTUNITIES.typedSchema(),
        new Object[] {"OP1", "C1", "P1", "PROPOSAL", m("1000.00"), 0.4, d("2025-02-01"), null, null},
        new Object[] {"OP2", "C1", "P1", "NEGOTIATION", m("100.00"), null, d("2025-02-01"), null, null},
        new Object[] {"OP3", "C2", "P1", "CLOSED_WON", m("500.00"), 1.0, d("2025-01-01"), null, d("2025-03-10")},
        new Object[] {"OP4", "C2", "P1", "CLOSED_LOST", m("300.00"), 0.0, d("2024-12-01"), null, d("2025-01-15")},
        new Object[] {"OP5", "C2", "P1", "CLOSED_WON", m("50.00"), 1.0, d("2024-11-01"), null, d("2024-12-01")},
        new Object[] {"OP6", "C1", "P1", "PROSPECTING", m("70.00"), 0.1, d("2025-03-05"), null, null});
    double winRate = CustomerFrames.closedWinRate(Optional.of(opps), RUN);
    assertEquals(0.5, winRate, 0);
    Dataset<Row> customers = rows(new StructType().add("customer_id", DataTypes.StringType),
        new Object[] {"C1"}, new Object[] {"C2"}, new Object[] {"C3"});
    StructType av = new StructType().add("customer_id", DataTypes.StringType)
        .add("active_contract_value", DataTypes.DoubleType).add("renewal_contract_id", DataTypes.StringType)
        .add("renewal_due_days", DataTypes.IntegerType).add("open_pipeline_value", DataTypes.DoubleType);
    assertSameRows(rows(av, new Object[] {"C1", 1800.0, "T1", 31, 475.0},
        new Object[] {"C2", 0.0, null, null, 250.0}, new Object[] {"C3", 0.0, null, null, 0.0}),
        CustomerFrames.accountValue(customers, Optional.of(contracts), Optional.of(opps), RUN, winRate));
  }

  /** The health table end to end from the frames, with fixed p_alive and expected values. */
  @Test
  void healthTable() {
    Dataset<Row> customers = rows(new StructType().add("customer_id", DataTypes.StringType),
        new Object[] {"C1"}, new Object[] {"C2"}, new Object[] {"C3"});
    Dataset<Row> rfm = CustomerFrames.rfm(orderValues(), RUN);
    Dataset<Row> account = CustomerFrames.accountValue(customers, Optional.empty(), Optional.empty(), RUN, 0.5);
    Dataset<Row> value = rows(new StructType().add("customer_id", DataTypes.StringType).add("p_alive", DataTypes.DoubleType),
        new Object[] {"C1", 0.5}, new Object[] {"C2", 1.0}, new Object[] {"C3", 0.0});
    Dataset<Row> soon = rows(new StructType().add("customer_id", DataTypes.StringType)
        .add("expected_soon", DataTypes.DoubleType), new Object[] {"C1", Math.log(4)}, new Object[] {"C2", 50.0});
    Dataset<Row> recs = rows(new StructType().add("customer_id", DataTypes.StringType).add("rank", DataTypes.IntegerType)
        .add("product_id", DataTypes.StringType), new Object[] {"C2", 2, "P1"}, new Object[] {"C2", 1, "P2"});
    List<Row> out = CustomerScenario.healthTable(customers, rfm, account, value, soon,
        CustomerFrames.caseSignals(cases(), RUN, 30), CustomerScenario.topRecommendation(recs),
        CustomerOptions.defaults()).orderBy("customer_id").collectAsList();
    // C1: p_alive 0.5 → 0.20·0.5; quiet 1/4 → 0.25·0.25; 30 days at a 14-day gap → overdue (30/14 − 1)/2;
    // 2 open cases → 0.10·2/3; critical → 0.10; 2 recent → 0.05·0.4; satisfaction 4 → 0.10·0.25.
    double c1 = 0.10 + 0.0625 + 0.15 * (30 / 14.0 - 1) / 2 + 0.10 * 2 / 3 + 0.10 + 0.05 * 0.4 + 0.10 * 0.25;
    Row r1 = out.get(0);
    assertEquals("C1", r1.getString(0));
    assertEquals(2L, r1.getLong(1));
    assertEquals(2L, r1.getLong(2));
    assertEquals(30, r1.getInt(5));
    assertEquals(14.0, r1.getDouble(6), 0);
    assertEquals(c1, r1.getDouble(9), 1e-12);
    assertEquals("HIGH", r1.getString(10));
    assertEquals("Resolve the open critical case K3", r1.getString(12));
    // C2: only satisfaction 2 → 0.10·0.75 = 0.075 (one order: no usual gap); top recommendation P2 (rank 1).
    Row r2 = out.get(1);
    assertEquals(0.075, r2.getDouble(9), 1e-12);
    assertEquals("LOW", r2.getString(10));
    assertEquals(List.of("average satisfaction 2.0 of 5"), r2.getList(11));
    assertEquals("Offer P2 (top recommendation)", r2.getString(12));
    // C3: nothing at all.
    Row r3 = out.get(2);
    assertEquals(0L, r3.getLong(1));
    assertEquals(0.0, r3.getDouble(9), 0);
    assertEquals(true, r3.isNullAt(5));
    assertEquals("No action needed", r3.getString(12));
  }

  /**
   * SERVICE baskets: C1's basket gains CASE:DELIVERY (K1, "delivery" upper-cased), CASE:TECHNICAL and
   * CASE:RETURN (K4 is after the run date); C2's K5 (BILLING) counts, K6 has no category. Mining keeps only
   * itemsets and rules with a CASE: item.
   */
  @Test
  void caseItems() {
    BasketOptions opt = new BasketOptions("customer", "product", List.of("COMPLETED"), RUN, 0, false, false, "none",
        true);
    Dataset<Row> baskets = BasketBuilder.build(orders(), items(), products(), opt);
    Dataset<Row> service = BasketBuilder.serviceBaskets(baskets, cases(), opt);
    StructType b = new StructType().add("basket_id", DataTypes.StringType).add("customer_id", DataTypes.StringType)
        .add("segment", DataTypes.StringType).add("items", DataTypes.createArrayType(DataTypes.StringType))
        .add("item_count", DataTypes.IntegerType);
    assertSameRows(rows(b,
        new Object[] {"C1", "C1", "SERVICE", List.of("CASE:DELIVERY", "CASE:RETURN", "CASE:TECHNICAL", "P1", "P2"), 5},
        new Object[] {"C2", "C2", "SERVICE", List.of("CASE:BILLING", "P1"), 2}), service);

    MiningResult mined = SegmentMiner.mineService(session(), service, 2, 0.5, 0.9, 0, "fpgrowth");
    // Every itemset and rule holds a CASE: item; P1 alone (support 1) is dropped.
    assertEquals(0, mined.itemsets().where("NOT exists(items, x -> x LIKE 'CASE:%')").count());
    assertEquals(1, mined.itemsets().where("items = array('CASE:BILLING', 'P1')").count());
    assertEquals(0, mined.itemsets().where("items = array('P1')").count());
    assertEquals(1, mined.rules().where("antecedent = array('P2') AND consequent = array('CASE:RETURN')"
        + " AND segment = 'SERVICE' AND basket_count = 2").count());
    assertEquals(0, mined.rules().where("NOT (exists(antecedent, x -> x LIKE 'CASE:%') OR exists(consequent,"
        + " x -> x LIKE 'CASE:%'))").count());
  }
}
