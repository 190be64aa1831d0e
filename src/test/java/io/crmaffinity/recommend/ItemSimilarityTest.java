package io.crmaffinity.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The similar-items tier on five customers (segment ALL).
 * <pre>
 * owners  C1: A B   C2: A B   C3: A C   C4: B C   C5: D   C6: A B C D (4 products)
 * with similarity-max-products = 3, C6 does not count: 5 customers; owners A 3, B 3, C 2, D 1
 * together A-B 2 (C1 C2), A-C 1 (C3), B-C 1 (C4)
 * shrink 1: sim(A,B) = 2 / (sqrt(3·3) + 1) = 0.5; sim(A,C) = sim(B,C) = 1 / (sqrt(3·2) + 1)
 * A → B: confidence 2/3, lift 2·5 / (3·3) = 10/9, information gain from the table n 5, a 3, b 3, ab 2
 * </pre>
 */
class ItemSimilarityTest extends SparkTestBase {
  private static final double SIM_AC = 1 / (Math.sqrt(6) + 1);

  private Dataset<Row> owners() {
    String[][] held = {{"C1", "A"}, {"C1", "B"}, {"C2", "A"}, {"C2", "B"}, {"C3", "A"}, {"C3", "C"}, {"C4", "B"},
        {"C4", "C"}, {"C5", "D"}, {"C6", "A"}, {"C6", "B"}, {"C6", "C"}, {"C6", "D"}};
    Object[][] rows = new Object[held.length][];
    for (int i = 0; i < held.length; i++) {
      rows[i] = new Object[] {"ALL", held[i][0], held[i][1]};
    }
    return rows(schema("segment STRING, customer_id STRING, product_id STRING"), rows);
  }

  private Dataset<Row> offers() {
    return rows(schema("product_id STRING"), new Object[] {"A"}, new Object[] {"B"}, new Object[] {"C"},
        new Object[] {"D"});
  }

  private static RecommendOptions.Similarity options(int minCustomers, int neighbours) {
    return new RecommendOptions.Similarity(true, 1.0, 3, minCustomers, neighbours, "tiered", 0);
  }

  /** I(X;Y) in bits of a 2x2 table by the textbook sum, for the expected values. */
  static double mutualInformation(double n, double a, double b, double ab) {
    double[][] cells = {{ab, a, b}, {a - ab, a, n - b}, {b - ab, n - a, b}, {n - a - b + ab, n - a, n - b}};
    double mi = 0;
    for (double[] c : cells) {
      if (c[0] > 0) {
        mi += c[0] / n * Math.log(c[0] * n / (c[1] * c[2])) / Math.log(2);
      }
    }
    return mi;
  }

  @Test
  void pairsBoughtByTooFewCustomersAreNotNeighboursAndHeavyBuyersDoNotCount() {
    List<Row> got = ItemSimilarity.neighbours(owners(), offers(), options(2, 50))
        .orderBy("item", "product_id").collectAsList();
    assertEquals(2, got.size(), got.toString());
    for (Row r : got) {
      assertEquals(0.5, r.getDouble(r.fieldIndex("similarity")), 1e-12);
      assertEquals(2L, r.getLong(r.fieldIndex("together")));
      assertEquals(3L, r.getLong(r.fieldIndex("owners")));
      assertEquals(2.0 / 3, r.getDouble(r.fieldIndex("confidence")), 1e-12);
      assertEquals(10.0 / 9, r.getDouble(r.fieldIndex("lift")), 1e-12);
      assertEquals(mutualInformation(5, 3, 3, 2), r.getDouble(r.fieldIndex("information_gain")), 1e-12);
    }
    assertEquals(List.of("A B", "B A"), got.stream().map(r -> r.getString(1) + " " + r.getString(2)).toList());
  }

  /** One neighbour each: A keeps B (0.5 beats SIM_AC); C's two neighbours tie and A wins by product_id. */
  @Test
  void eachProductKeepsItsMostSimilarNeighbours() {
    List<String> got = ItemSimilarity.neighbours(owners(), offers(), options(1, 1))
        .orderBy("item").collectAsList().stream()
        .map(r -> r.getString(1) + "->" + r.getString(2) + " " + String.format(java.util.Locale.ROOT, "%.6f",
            r.getDouble(3))).toList();
    assertEquals(List.of("A->B 0.500000", "B->A 0.500000", "C->A " + String.format(java.util.Locale.ROOT, "%.6f",
        SIM_AC)), got);
  }

  /** Y holds A and C: B scores the mean of sim(A,B) and sim(C,B), and A explains it (the more similar one). */
  @Test
  void candidatesAverageTheSimilarityOverOwnedProducts() {
    Dataset<Row> holdings = rows(schema("customer_id STRING, segment STRING, owned_items ARRAY<STRING>, "
        + "held_items ARRAY<STRING>"), new Object[] {"Y", "ALL", new String[] {"A", "C"}, new String[] {"A", "C"}});
    List<Row> got = ItemSimilarity.candidates(holdings, ItemSimilarity.neighbours(owners(), offers(), options(1, 50)), 10)
        .orderBy("product_id").collectAsList();
    assertEquals(1, got.size(), got.toString());
    Row b = got.get(0);
    assertEquals("B", b.getString(b.fieldIndex("product_id")));
    assertEquals((0.5 + SIM_AC) / 2, b.getDouble(b.fieldIndex("score")), 1e-12);
    assertEquals(List.of("A"), b.getList(b.fieldIndex("antecedent")));
    assertEquals(2.0 / 3, b.getDouble(b.fieldIndex("probability")), 1e-12);
    assertEquals(2L, b.getLong(b.fieldIndex("rule_count")));
    assertEquals(2L, b.getLong(b.fieldIndex("together")));
    assertEquals(3L, b.getLong(b.fieldIndex("owners")));
  }

  /**
   * X holds A. The mined rule A → D fires first; B comes from the similar-items tier (A-B bought together by 2
   * customers), then the popular fill (baskets [A B] [C] [C]: C first). A rule below min-rule-confidence (A → C,
   * 0.2) does not fire.
   */
  @Test
  void theListGoesMinedRulesThenSimilarItemsThenPopular() {
    Dataset<Row> holdings = rows(schema("customer_id STRING, segment STRING, owned_items ARRAY<STRING>, "
        + "held_items ARRAY<STRING>"), new Object[] {"X", "ALL", new String[] {"A"}, new String[] {"A"}});
    Dataset<Row> rules = rows(schema("segment STRING, antecedent ARRAY<STRING>, consequent ARRAY<STRING>, "
            + "confidence DOUBLE, lift DOUBLE, information_gain DOUBLE"),
        new Object[] {"ALL", new String[] {"A"}, new String[] {"D"}, 0.4, 2.0, 0.05},
        new Object[] {"ALL", new String[] {"A"}, new String[] {"C"}, 0.2, 1.5, 0.01});
    Dataset<Row> baskets = rows(schema("segment STRING, items ARRAY<STRING>"),
        new Object[] {"ALL", new String[] {"A", "B"}}, new Object[] {"ALL", new String[] {"C"}},
        new Object[] {"ALL", new String[] {"C"}});
    Dataset<Row> products = rows(schema("product_id STRING, name STRING, category STRING, unit_price DECIMAL(18,2)"),
        new Object[] {"A", "Laptop", "X", new BigDecimal("100.00")},
        new Object[] {"B", "Dock", "X", new BigDecimal("10.00")},
        new Object[] {"C", "Cable", "X", new BigDecimal("1.00")},
        new Object[] {"D", "Bag", "X", new BigDecimal("5.00")});
    RecommendOptions o = RecommendOptions.defaults().withTopN(3).withSimilar(options(2, 50));
    List<Row> got = RecommendScenario.recommend(holdings, rules, ItemSimilarity.neighbours(owners(), offers(),
        o.similar()), Popularity.of(baskets, offers()), offers(), products, o).orderBy("rank").collectAsList();
    assertEquals(List.of("1 D RULE", "2 B RULE", "3 C POPULAR"), got.stream()
        .map(r -> r.getInt(r.fieldIndex("rank")) + " " + r.getString(r.fieldIndex("product_id")) + " "
            + r.getString(r.fieldIndex("source"))).toList());
    Row b = got.get(1);
    assertEquals(String.format(java.util.Locale.ROOT, "Bought Laptop: 2 of the 3 customers who bought it also bought "
        + "Dock (confidence 0.667, lift 1.11, information gain %.4f bits).", mutualInformation(5, 3, 3, 2)),
        b.getString(b.fieldIndex("reason")));
    assertEquals(0.5, b.getDouble(b.fieldIndex("score")), 1e-12);
    assertEquals(10.0 * 2 / 3, b.getDouble(b.fieldIndex("expected_revenue")), 1e-9);
    assertEquals(List.of("A"), b.getList(b.fieldIndex("antecedent")));
  }
}
