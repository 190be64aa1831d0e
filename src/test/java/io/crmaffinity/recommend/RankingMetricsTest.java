package io.crmaffinity.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Backtest metrics on a hand-computed example. */
class RankingMetricsTest extends SparkTestBase {

  /**
   * k = 2. C1's list A B C, relevant {B, X}: top 2 = A B, 1 hit: precision 1/2, recall 1/2. C2's list D E,
   * relevant {Y}: no hit. C3 has no list, relevant {A}: no hit. C4 has a list but nothing relevant: not counted.
   * hit rate 1/3, precision (1/2 + 0 + 0) / 3 = 1/6, recall (1/2 + 0 + 0) / 3 = 1/6; coverage: A B D E of 10.
   * NDCG: C1's hit at rank 2 gives 1/log2(3) of an ideal 1 + 1/log2(3) (two relevant products), the others 0.
   * Standard errors: a metric that is v for one customer and 0 for two has standard deviation v·sqrt(1/3) over
   * the three, so its standard error is v / 3. Coverage's jackknife: C1 and C2 each list 2 products no one else
   * lists, C3 none: u = (2, 2, 0), mean 4/3, Σ (u − mean)² = 8/3, variance 2/3 · 8/3 / 10² = 16/900, SE 4/30.
   */
  @Test
  void hitRatePrecisionRecallNdcgCoverageAndTheirStandardErrors() {
    Dataset<Row> lists = rows(schema("customer_id STRING, product_id STRING, rank INT"),
        new Object[] {"C1", "A", 1}, new Object[] {"C1", "B", 2}, new Object[] {"C1", "C", 3},
        new Object[] {"C2", "D", 1}, new Object[] {"C2", "E", 2}, new Object[] {"C4", "F", 1});
    Dataset<Row> relevant = rows(schema("customer_id STRING, product_id STRING"),
        new Object[] {"C1", "B"}, new Object[] {"C1", "X"}, new Object[] {"C2", "Y"}, new Object[] {"C3", "A"});
    Map<String, Double> expected = new LinkedHashMap<>();
    double ndcgC1 = (1 / log2(3)) / (1 + 1 / log2(3));
    expected.put("hit_rate@2", 1.0 / 3);
    expected.put("hit_rate@2_se", 1.0 / 3);
    expected.put("precision@2", 1.0 / 6);
    expected.put("precision@2_se", 0.5 / 3);
    expected.put("recall@2", 1.0 / 6);
    expected.put("recall@2_se", 0.5 / 3);
    expected.put("mrr@2", 0.5 / 3); // C1's first hit is at rank 2
    expected.put("mrr@2_se", 0.5 / 3);
    expected.put("ndcg@2", ndcgC1 / 3);
    expected.put("ndcg@2_se", ndcgC1 / 3);
    expected.put("catalogue_coverage@2", 0.4);
    expected.put("catalogue_coverage@2_se", 4.0 / 30);
    expected.put("customers", 3.0);
    Map<String, Double> m = RankingMetrics.compute(lists, relevant, 2, 10);
    assertEquals(expected.keySet(), m.keySet());
    expected.forEach((k, v) -> assertEquals(v, m.get(k), 1e-12, k));
    // at k = 3 C1's C enters the list: still 1 hit, precision 1/3 / 3 = 1/9, coverage 5/10
    Map<String, Double> m3 = RankingMetrics.compute(lists, relevant, 3, 10);
    assertEquals(1.0 / 9, m3.get("precision@3"), 1e-12);
    assertEquals(0.5, m3.get("catalogue_coverage@3"), 1e-12);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /**
   * The lead is paired: ours hits C1 and C3, theirs only C3, so the differences are (1, 0, 0): mean 1/3 and
   * standard error 1/3 (as above); NDCG differences (0.5, 0, 0): mean 1/6, error 1/6. Their own errors combined
   * would be larger, since both lists hit C3.
   */
  @Test
  void theLeadOverABaselineIsPairedOverTheSameCustomers() {
    org.apache.spark.sql.types.StructType per = schema("customer_id STRING, hit_rate DOUBLE, ndcg DOUBLE");
    Dataset<Row> ours = rows(per, new Object[] {"C1", 1.0, 0.5}, new Object[] {"C2", 0.0, 0.0},
        new Object[] {"C3", 1.0, 1.0});
    Dataset<Row> theirs = rows(per, new Object[] {"C1", 0.0, 0.0}, new Object[] {"C2", 0.0, 0.0},
        new Object[] {"C3", 1.0, 1.0});
    Map<String, Double> m = RankingMetrics.lead(ours, theirs, 10);
    assertEquals(List.of("lead_hit_rate@10", "lead_hit_rate@10_se", "lead_ndcg@10", "lead_ndcg@10_se"),
        List.copyOf(m.keySet()));
    assertEquals(1.0 / 3, m.get("lead_hit_rate@10"), 1e-12);
    assertEquals(1.0 / 3, m.get("lead_hit_rate@10_se"), 1e-12);
    assertEquals(1.0 / 6, m.get("lead_ndcg@10"), 1e-12);
    assertEquals(1.0 / 6, m.get("lead_ndcg@10_se"), 1e-12);
  }

  /** Every evaluated customer hits at rank 1 with one relevant product: all averages 1, every error 0. */
  @Test
  void aPerfectListHasNoSpread() {
    Dataset<Row> lists = rows(schema("customer_id STRING, product_id STRING, rank INT"),
        new Object[] {"C1", "A", 1}, new Object[] {"C2", "A", 1});
    Dataset<Row> relevant = rows(schema("customer_id STRING, product_id STRING"),
        new Object[] {"C1", "A"}, new Object[] {"C2", "A"});
    Map<String, Double> m = RankingMetrics.compute(lists, relevant, 1, 4);
    for (String k : List.of("hit_rate@1", "precision@1", "recall@1", "mrr@1", "ndcg@1")) {
      assertEquals(1.0, m.get(k), 1e-12, k);
      assertEquals(0.0, m.get(k + "_se"), 1e-12, k);
    }
    assertEquals(0.25, m.get("catalogue_coverage@1"), 1e-12);
    assertEquals(0.0, m.get("catalogue_coverage@1_se"), 1e-12);
  }

  /**
   * Relevant = products of counted orders in [cutoff, cutoff + horizon) not held before, offered, by customers
   * active before. Cutoff 2025-07-01, horizon 30 days.
   */
  @Test
  void relevantProductsAreNewPurchasesInTheHorizonByActiveCustomers() {
    Dataset<Row> orders = rows(schema("order_id STRING, customer_id STRING, order_date DATE, status STRING"),
        new Object[] {"O1", "C1", Date.valueOf("2025-07-01"), "COMPLETED"},
        new Object[] {"O2", "C1", Date.valueOf("2025-07-31"), "COMPLETED"}, // the day after the horizon
        new Object[] {"O3", "C2", Date.valueOf("2025-07-10"), "COMPLETED"},
        new Object[] {"O4", "C1", Date.valueOf("2025-07-05"), "RETURNED"},
        new Object[] {"O5", "C1", Date.valueOf("2025-06-30"), "COMPLETED"});
    Dataset<Row> items = rows(schema("order_id STRING, product_id STRING"), new Object[] {"O1", "A"},
        new Object[] {"O1", "B"}, new Object[] {"O1", "FEE"}, new Object[] {"O2", "C"}, new Object[] {"O3", "A"},
        new Object[] {"O4", "D"}, new Object[] {"O5", "E"});
    Dataset<Row> held = rows(schema("customer_id STRING, product_id STRING, owned BOOLEAN"),
        new Object[] {"C1", "B", true});
    Dataset<Row> active = rows(schema("customer_id STRING"), new Object[] {"C1"});
    Dataset<Row> offers = rows(schema("product_id STRING"), new Object[] {"A"}, new Object[] {"B"},
        new Object[] {"C"}, new Object[] {"D"}, new Object[] {"E"});
    List<String> rel = RecommendScenario.relevant(orders, items, held, active, offers, LocalDate.parse("2025-07-01"),
        30, List.of("COMPLETED")).collectAsList().stream().map(r -> r.mkString(" ")).sorted().toList();
    assertEquals(List.of("C1 A"), rel);
  }
}
