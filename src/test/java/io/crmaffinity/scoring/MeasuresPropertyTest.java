package io.crmaffinity.scoring;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import io.crmaffinity.mining.MiningResult;
import io.crmaffinity.mining.RuleMiner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Every measure of every rule against brute force: random small basket sets are mined with FPGrowth and
 * scored by the pipeline, while plain Java counts each rule's baskets and applies the textbook definitions.
 */
public class MeasuresPropertyTest extends SparkTestBase {
  static final double REL = 1e-12;
  /** Below this both values count as zero (a measure that is 0 in exact arithmetic, computed two ways). */
  static final double ZERO = 1e-14;

  @Test
  void minedRulesOfRandomBasketSetsMatchBruteForce() {
    Random rnd = new Random(20251125);
    int rulesChecked = 0;
    for (int set = 0; set < 12; set++) {
      int n = 3 + rnd.nextInt(38);
      int universe = 4 + rnd.nextInt(4);
      List<Set<String>> baskets = randomBaskets(rnd, n, universe, 0.1, 0.85);
      Dataset<Row> df = basketFrame(baskets);
      MiningResult mined = RuleMiner.mine(df, n, 1e-9, 0.0, 0);
      Dataset<Row> scored = RuleScorer.score(mined.rules().withColumn("segment", lit("ALL"))
          .withColumn("basket_count", lit((long) n)));
      for (Row r : scored.collectAsList()) {
        List<String> ante = r.getList(r.fieldIndex("antecedent"));
        List<String> cons = r.getList(r.fieldIndex("consequent"));
        long a = baskets.stream().filter(s -> s.containsAll(ante)).count();
        long b = baskets.stream().filter(s -> s.containsAll(cons)).count();
        long ab = baskets.stream().filter(s -> s.containsAll(ante) && s.containsAll(cons)).count();
        String what = "set " + set + " (n=" + n + ") rule " + ante + "->" + cons;
        assertEquals(a, r.<Long>getAs("antecedent_count"), what);
        assertEquals(b, r.<Long>getAs("consequent_count"), what);
        assertEquals(ab, r.<Long>getAs("rule_count"), what);
        assertMeasures(BruteForceMeasures.of(n, a, b, ab), r, what);
        rulesChecked++;
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(rulesChecked > 500, "only " + rulesChecked + " rules checked");
  }

  @Test
  void everyTwoByTwoTableIncludingItsEdgesMatchesBruteForce() {
    // All count tables of small n, including A or B in every basket, confidence 1 and empty cells, fed in
    // the form FPGrowth reports them (support, confidence, lift as ratios of the counts).
    List<Row> rows = new ArrayList<>();
    List<long[]> tables = new ArrayList<>();
    for (long n = 1; n <= 12; n++) {
      for (long a = 1; a <= n; a++) {
        for (long b = 1; b <= n; b++) {
          for (long ab = Math.max(1, a + b - n); ab <= Math.min(a, b); ab++) {
            double conf = (double) ab / a;
            rows.add(RowFactory.create(new String[] {"a"}, new String[] {"b"}, (double) ab / n, conf,
                conf / ((double) b / n), "ALL", n));
            tables.add(new long[] {n, a, b, ab});
          }
        }
      }
    }
    Dataset<Row> rules = session().createDataFrame(rows, StructType.fromDDL(
        "antecedent ARRAY<STRING>, consequent ARRAY<STRING>, support DOUBLE, confidence DOUBLE, lift DOUBLE, "
            + "segment STRING, basket_count BIGINT"));
    List<Row> scored = RuleScorer.score(rules).collectAsList();
    assertEquals(tables.size(), scored.size());
    for (int i = 0; i < scored.size(); i++) {
      long[] t = tables.get(i);
      Row r = scored.get(i);
      String what = "n=" + t[0] + " a=" + t[1] + " b=" + t[2] + " ab=" + t[3];
      assertEquals(t[1], r.<Long>getAs("antecedent_count"), what);
      assertEquals(t[2], r.<Long>getAs("consequent_count"), what);
      assertMeasures(BruteForceMeasures.of(t[0], t[1], t[2], t[3]), r, what);
    }
  }

  public static void assertMeasures(Map<String, Double> expected, Row actual, String what) {
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      double want = e.getValue();
      double got = actual.getDouble(actual.fieldIndex(e.getKey()));
      if (Double.isNaN(got)) {
        org.junit.jupiter.api.Assertions.fail(what + ": " + e.getKey() + " is NaN");
      }
      boolean ok = want == got
          || Math.abs(want - got) <= REL * Math.max(Math.abs(want), Math.abs(got))
          || (Math.abs(want) < ZERO && Math.abs(got) < ZERO);
      if (!ok) {
        org.junit.jupiter.api.Assertions.fail(what + ": " + e.getKey() + " expected " + want + " but was " + got);
      }
    }
  }
}
