package io.crmaffinity.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import io.crmaffinity.mining.MiningResult;
import io.crmaffinity.mining.RuleMiner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Ten hand-made baskets:
 * <pre>
 *  1 a b c     2 a b      3 a b d    4 a c      5 b c
 *  6 a b c d   7 d        8 c d      9 a b     10 e
 * </pre>
 * counts: a 6, b 6, {a,b} 5, {a,d} 2, {a,b,d} 2.
 */
class RuleScorerTest extends SparkTestBase {
  private static final double EPS = 1e-12;

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private Dataset<Row> baskets() {
    return rows(schema("items ARRAY<STRING>"),
        new Object[] {new String[] {"a", "b", "c"}}, new Object[] {new String[] {"a", "b"}},
        new Object[] {new String[] {"a", "b", "d"}}, new Object[] {new String[] {"a", "c"}},
        new Object[] {new String[] {"b", "c"}}, new Object[] {new String[] {"a", "b", "c", "d"}},
        new Object[] {new String[] {"d"}}, new Object[] {new String[] {"c", "d"}},
        new Object[] {new String[] {"a", "b"}}, new Object[] {new String[] {"e"}});
  }

  private Map<String, Row> scoredRules() {
    MiningResult mined = RuleMiner.mine(baskets(), 10, 0.2, 0.5, 0);
    Dataset<Row> scored = RuleScorer.rank(RuleScorer.score(mined.rules().withColumn("segment", lit("ALL"))
        .withColumn("basket_count", lit(10L))), Measure.INFORMATION_GAIN);
    Map<String, Row> byRule = new HashMap<>();
    for (Row r : scored.select(col("antecedent"), col("consequent"), col("antecedent_support"),
        col("consequent_support"), col("support"), col("confidence"), col("information_gain"),
        col("antecedent_count"), col("consequent_count"), col("rule_count"), col("rank")).collectAsList()) {
      byRule.put(String.join(",", r.<String>getList(0)) + "->" + String.join(",", r.<String>getList(1)), r);
    }
    return byRule;
  }

  @Test
  void informationGainOfAToBMatchesTheHandComputedValue() {
    Row r = scoredRules().get("a->b");
    // p(a)=0.6, p(b)=0.6; cells (a,b)=0.5, (a,¬b)=0.1, (¬a,b)=0.1, (¬a,¬b)=0.3
    double expected = 0.5 * log2(0.5 / 0.36) + 0.1 * log2(0.1 / 0.24) + 0.1 * log2(0.1 / 0.24)
        + 0.3 * log2(0.3 / 0.16);
    assertEquals(0.256425891682003, expected, 1e-14); // H(A) - H(A|B), computed separately
    assertEquals(6L, r.getLong(7));
    assertEquals(6L, r.getLong(8));
    assertEquals(5L, r.getLong(9));
    assertEquals(0.6, r.getDouble(2), EPS);
    assertEquals(0.6, r.getDouble(3), EPS);
    assertEquals(0.5, r.getDouble(4), EPS);
    assertEquals(5.0 / 6, r.getDouble(5), EPS);
    assertEquals(expected, r.getDouble(6), EPS);
  }

  @Test
  void confidenceOneRuleHasFiniteInformationGain() {
    Row r = scoredRules().get("a,d->b");
    assertEquals(1.0, r.getDouble(5), EPS);
    // p(ad)=0.2, p(b)=0.6; cells (ad,b)=0.2, (ad,¬b)=0 (0·log 0 = 0), (¬ad,b)=0.4, (¬ad,¬b)=0.4
    double expected = 0.2 * log2(0.2 / 0.12) + 0.4 * log2(0.4 / 0.48) + 0.4 * log2(0.4 / 0.32);
    assertEquals(0.17095059445466865, expected, 1e-14);
    assertEquals(expected, r.getDouble(6), EPS);
    assertEquals(0.2, r.getDouble(2), EPS);
  }

  @Test
  void rulesAreRankedByInformationGain() {
    List<Row> ranked = scoredRules().values().stream()
        .sorted((x, y) -> Integer.compare(x.getInt(10), y.getInt(10))).toList();
    for (int i = 1; i < ranked.size(); i++) {
      assertEquals(i + 1, ranked.get(i).getInt(10));
      assertEquals(true, ranked.get(i - 1).getDouble(6) >= ranked.get(i).getDouble(6),
          "rank " + i + " has less information gain than rank " + (i + 1));
    }
    // a->b and b->a share the top information gain (it is symmetric); the tie is broken deterministically.
    assertEquals(0.256425891682003, ranked.get(0).getDouble(6), EPS);
  }

  @Test
  void independentItemsCarryNoInformation() {
    Dataset<Row> rules = rows(schema(
        "segment STRING, antecedent ARRAY<STRING>, consequent ARRAY<STRING>, support DOUBLE, confidence DOUBLE, lift DOUBLE"),
        new Object[] {"ALL", new String[] {"x"}, new String[] {"y"}, 0.25, 0.5, 1.0});
    Row r = RuleScorer.score(rules.withColumn("basket_count", lit(100L))).select("information_gain", "antecedent_count", "consequent_count")
        .first();
    assertEquals(0.0, r.getDouble(0), EPS);
    assertEquals(50L, r.getLong(1));
    assertEquals(50L, r.getLong(2));
  }

  /**
   * Found by the whole-job property suite: when A and B always go together, I(A;B) = H(B) exactly, and the
   * two sums, taken by different routes, made the ratio 1 + 2^-52 on some counts. It is at most 1.
   */
  @Test
  void informationGainRatioIsAtMostOneWhenTwoItemsAlwaysGoTogether() {
    List<Object[]> rules = new java.util.ArrayList<>();
    for (long n = 2; n <= 60; n++) {
      for (long a = 1; a < n; a++) {
        rules.add(new Object[] {new String[] {"x"}, new String[] {"y"}, "ALL", n, a / (double) n, 1.0,
            n / (double) a});
      }
    }
    Dataset<Row> scored = RuleScorer.score(rows(schema("antecedent ARRAY<STRING>, consequent ARRAY<STRING>, "
        + "segment STRING, basket_count BIGINT, support DOUBLE, confidence DOUBLE, lift DOUBLE"),
        rules.toArray(Object[][]::new)));
    Row r = scored.agg(org.apache.spark.sql.functions.max("information_gain_ratio"),
        org.apache.spark.sql.functions.min("information_gain_ratio"), org.apache.spark.sql.functions.count("*"))
        .first();
    assertEquals(1770L, r.getLong(2));
    Assertions.assertTrue(r.getDouble(0) <= 1.0, "max ratio " + r.getDouble(0));
    assertEquals(1.0, r.getDouble(1), 1e-12);
  }
}
