package io.crmaffinity.mining;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crmaffinity.SparkTestBase;
import io.crmaffinity.bench.PublicBaskets;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The eclat engine gives exactly FPGrowth's itemsets and rules (counts and doubles bit for bit). */
class EclatMinerTest extends SparkTestBase {

  @Test
  void randomBasketSetsGiveFpGrowthsItemsetsAndRules() {
    Random rnd = new Random(7);
    long itemsets = 0;
    long rules = 0;
    for (int set = 0; set < 24; set++) {
      int n = 3 + rnd.nextInt(58);
      int universe = 3 + rnd.nextInt(6);
      List<Set<String>> baskets = randomBaskets(rnd, n, universe, 0.05, 0.9);
      double minSupport = rnd.nextInt(4) == 0 ? 1.0 / n : 0.01 + 0.5 * rnd.nextDouble();
      double minConfidence = rnd.nextInt(4) == 0 ? 0.0 : rnd.nextDouble();
      int partitions = rnd.nextInt(4);
      Dataset<Row> df = basketFrame(baskets);
      String what = "set " + set + " (n=" + n + ", support " + minSupport + ", confidence " + minConfidence + ")";
      long[] c = assertSameRows(df, n, minSupport, minConfidence, partitions, what);
      itemsets += c[0];
      rules += c[1];
    }
    org.junit.jupiter.api.Assertions.assertTrue(itemsets > 300 && rules > 300, itemsets + " itemsets, " + rules + " rules");
  }

  /**
   * Skewed data: 2,000 baskets of 60 items, one item in 95% of them, the rest drawn from 299 others. The hot
   * item ranks first, so its conditional database is empty and it only rides along in the others' conditional
   * baskets; every basket is shipped at most once per partition. Same itemsets and rules as FPGrowth.
   */
  @Test
  void skewedLongBasketsGiveFpGrowthsResult() {
    Random rnd = new Random(11);
    List<Set<String>> baskets = new ArrayList<>();
    for (int t = 0; t < 2000; t++) {
      Set<String> b = new LinkedHashSet<>();
      if (rnd.nextDouble() < 0.95) {
        b.add("hot");
      }
      while (b.size() < 60) {
        b.add("i" + rnd.nextInt(299));
      }
      baskets.add(b);
    }
    long[] c = assertSameRows(basketFrame(baskets), 2000, 0.05, 0.5, 2, "skewed");
    // every other item with the hot one, some pairs and triples among the rest; rules x -> hot and more
    org.junit.jupiter.api.Assertions.assertTrue(c[0] > 700 && c[1] > 299, c[0] + " itemsets, " + c[1] + " rules");
  }

  @Test
  void groceriesGivesFpGrowthsRules() throws Exception {
    Path file = PublicBaskets.sharedDatasets().resolve("groceries").resolve("transactions.csv");
    assumeTrue(Files.isRegularFile(file), "../shared/datasets/groceries is not beside the project");
    List<Row> rows = io.crmaffinity.bench.ScoringBenchmark.read(file);
    Dataset<Row> df = session().createDataFrame(rows, StructType.fromDDL("items ARRAY<STRING>")).cache();
    long[] c = assertSameResult(df, rows.size(), 0.001, 0.5, 0, "groceries");
    assertEquals(5668L, c[1]);
  }

  /**
   * The same comparison as {@link #assertSameResult} with fewer Spark jobs: both results collected and compared
   * as sorted lists of rows rendered as text ({@link Double#toString} round-trips, so equal text = equal bits).
   *
   * @return itemset and rule counts
   */
  private long[] assertSameRows(Dataset<Row> df, long n, double minSupport, double minConfidence,
      int partitions, String what) {
    MiningResult ref = RuleMiner.mine(df, n, minSupport, minConfidence, partitions, RuleMiner.FPGROWTH);
    MiningResult ours = RuleMiner.mine(df, n, minSupport, minConfidence, partitions, RuleMiner.ECLAT);
    List<String> ri = text(ref.itemsets().select("items", "freq"));
    List<String> rr = text(ref.rules().select("antecedent", "consequent", "support", "confidence", "lift"));
    assertEquals(ri, text(ours.itemsets().select("items", "freq")), what + ": itemsets");
    assertEquals(rr, text(ours.rules().select("antecedent", "consequent", "support", "confidence", "lift")),
        what + ": rules");
    return new long[] {ri.size(), rr.size()};
  }

  private static List<String> text(Dataset<Row> df) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        Object v = r.get(i);
        b.append(v instanceof scala.collection.Seq<?> s ? scala.collection.JavaConverters
            .seqAsJavaList(s).toString() : String.valueOf(v)).append(" | ");
      }
      out.add(b.toString());
    }
    out.sort(null);
    return out;
  }

  /** @return itemset and rule counts */
  private long[] assertSameResult(Dataset<Row> df, long n, double minSupport, double minConfidence,
      int partitions, String what) {
    MiningResult ref = RuleMiner.mine(df, n, minSupport, minConfidence, partitions, RuleMiner.FPGROWTH);
    MiningResult ours = RuleMiner.mine(df, n, minSupport, minConfidence, partitions, RuleMiner.ECLAT);
    Dataset<Row> ri = ref.itemsets().select("items", "freq");
    Dataset<Row> oi = ours.itemsets().select("items", "freq");
    Dataset<Row> rr = ref.rules().select("antecedent", "consequent", "support", "confidence", "lift");
    Dataset<Row> or = ours.rules().select("antecedent", "consequent", "support", "confidence", "lift");
    long itemsets = ri.count();
    long rules = rr.count();
    assertEquals(itemsets, oi.count(), what + ": itemset count");
    assertEquals(rules, or.count(), what + ": rule count");
    assertEquals(List.of(), ri.exceptAll(oi).collectAsList(), what + ": itemsets only FPGrowth has");
    assertEquals(List.of(), oi.exceptAll(ri).collectAsList(), what + ": itemsets only eclat has");
    assertEquals(List.of(), rr.exceptAll(or).collectAsList(), what + ": rules only FPGrowth has");
    assertEquals(List.of(), or.exceptAll(rr).collectAsList(), what + ": rules only eclat has");
    return new long[] {itemsets, rules};
  }
}
