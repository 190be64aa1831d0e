package io.crmaffinity.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/**
 * How one customer's list merges similar items and popular products (plain Java, no Spark).
 * <pre>
 * customer C1 (segment S) owns A; no mined rule fires.
 * neighbours of A: B (similarity 0.5, 8 of A's 10 customers also bought it), D (0.3, 2 of 10)
 * popular in S: P (support 0.5, share of customers 0.6), B (0.3, 0.2), D (0.2, 0.1), Q (0.1, 0.15)
 * shrink 10: estimate(B) = (8 + 10·0.2) / (10 + 10) = 0.5; estimate(D) = (2 + 10·0.1) / 20 = 0.15
 * merged: P (0.6 ≥ 0.5), B (0.5 ≥ 0.2, B in the popular list), D (0.15 ≥ 0.1, D next there: B is listed), Q
 * tiered: B, D, P, Q
 * </pre>
 */
class OfferListsTest {
  private static final OfferLists.Index INDEX = new OfferLists.Index(Map.of(),
      Map.of("S", Map.of("A", new OfferLists.Pairs(new String[] {"B", "D"}, new double[] {0.5, 0.3},
          new long[] {8, 2}, 10, new double[] {0.8, 0.2}, new double[] {1.6, 0.9}, new double[] {0.1, 0.01}))),
      Map.of("S", new OfferLists.Popular(new String[] {"P", "B", "D", "Q"}, new double[] {0.5, 0.3, 0.2, 0.1},
          new double[] {0.6, 0.2, 0.1, 0.15})),
      Map.of("S", Map.of("P", 0.6, "B", 0.2, "D", 0.1, "Q", 0.15)), Map.of());

  private static Row customer(String... owned) {
    scala.collection.Seq<String> items = JavaConverters.asScalaBuffer(Arrays.asList(owned)).toSeq();
    return RowFactory.create("C1", "S", items, items);
  }

  private static List<String> products(List<Row> rows) {
    return rows.stream().map(r -> r.getString(3) + ":" + r.getInt(13)).toList();
  }

  @Test
  void aPopularProductGoesAboveSimilarItemsWhoseEstimateIsLower() {
    List<Row> rows = OfferLists.customer(customer("A"), INDEX, new OfferLists.Plan(4, true, true, true, 10));
    assertEquals(List.of("P:2", "B:1", "D:1", "Q:2"), products(rows));
    Row p = rows.get(0);
    assertEquals(1, p.getInt(2));
    assertEquals(0.5, p.getDouble(4), 0);
    assertEquals(Recommender.POPULAR, p.getString(6));
    assertNull(p.get(7));
    assertEquals(2L, p.getLong(12), "rule rows in the list");
    assertEquals(2L, p.getLong(16), "similar items ranked below it");
    Row b = rows.get(1);
    assertEquals(0.5, b.getDouble(4), 0);
    assertEquals(0.8, b.getDouble(5), 0);
    assertEquals(Recommender.RULE, b.getString(6));
    assertEquals(List.of("A"), Arrays.asList((String[]) b.get(7)));
    assertEquals(1.6, b.getDouble(9), 0);
    assertEquals(8L, b.getLong(14));
    assertEquals(10L, b.getLong(15));
    assertEquals(0L, rows.get(3).getLong(16));
  }

  @Test
  void tieredListsEverySimilarItemBeforeThePopularProducts() {
    List<Row> rows = OfferLists.customer(customer("A"), INDEX, new OfferLists.Plan(4, true, true, false, 10));
    assertEquals(List.of("B:1", "D:1", "P:2", "Q:2"), products(rows));
    assertEquals(0L, rows.get(2).getLong(16));
  }

  @Test
  void withoutSimilarItemsTheListIsThePopularProductsNotHeld() {
    List<Row> rows = OfferLists.customer(customer("A", "P"), INDEX, new OfferLists.Plan(2, true, false, true, 10));
    assertEquals(List.of("B:2", "D:2"), products(rows));
    assertEquals(0L, rows.get(0).getLong(12));
  }

  private static OfferLists.Pairs lifts(double... lift) {
    int n = lift.length;
    return new OfferLists.Pairs(new String[n], new double[n], new long[n], 1, new double[n], lift, new double[n]);
  }

  @Test
  void aSegmentWhosePairsLiftLittleGetsNoSimilarItemsAndANoteSaysWhy() {
    Map<String, Map<String, OfferLists.Pairs>> pairs = Map.of(
        "customer_type=BUSINESS", Map.of("A", lifts(1.2, 1.8), "B", lifts(1.5)),
        "customer_type=INDIVIDUAL", Map.of("A", lifts(2, 9), "B", lifts(10, 12)));
    List<String> notes = new java.util.ArrayList<>();
    Map<String, Map<String, OfferLists.Pairs>> kept = OfferLists.informative(pairs, 2, notes);
    assertEquals(java.util.Set.of("customer_type=INDIVIDUAL"), kept.keySet());
    assertEquals(9.5, OfferLists.medianLift(pairs.get("customer_type=INDIVIDUAL")), 0);
    assertEquals(List.of("recommendations: no similar items in customer_type=BUSINESS (1.50): the median lift of"
        + " the segment's product pairs is below recommend.similarity-min-median-lift = 2.0, so co-purchases say"
        + " little beyond popularity and the popular products fill the list"), notes);
    assertEquals(2, OfferLists.informative(pairs, 0, new java.util.ArrayList<>()).size());
  }
}
