package io.crmaffinity.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crmaffinity.SparkTestBase;
import io.crmaffinity.cli.Main;
import io.crmaffinity.scoring.BruteForceMeasures;
import io.crmaffinity.scoring.MeasuresPropertyTest;
import java.io.BufferedReader;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public Groceries baskets (Hahsler et al. 2006, R arules' {@code data(Groceries)}): at support 0.001 and
 * confidence 0.5, {@code apriori(Groceries, parameter = list(supp = 0.001, conf = 0.5))} reports 5,668 rules.
 */
class GroceriesTest extends SparkTestBase {

  @Test
  void minesTheRuleCountTheLiteratureReports(@TempDir Path tmp) throws Exception {
    Path groceries = PublicBaskets.sharedDatasets().resolve("groceries");
    assumeTrue(Files.isDirectory(groceries), "../shared/datasets/groceries is not beside the project");
    Path input = tmp.resolve("in");
    PublicBaskets.toContract(groceries.resolve("transactions.csv"), groceries.resolve("items.csv"), input);
    Path output = tmp.resolve("out");
    int code = Main.execute(new String[] {"run", "--input", input.toString(), "--output", output.toString(),
        "--run-date", "2025-01-31", "--set", "mining.min-support=0.001", "--set", "mining.min-confidence=0.5",
        "--set", "summary.top-rules=0", "--set", "job.scenarios=[]"}, conf -> session());
    assertEquals(0, code);
    Dataset<Row> rules = session().read().format("delta").load(output.resolve("association_rules").toString());
    assertEquals(5668L, rules.count());
    assertEquals(9835L, rules.first().<Long>getAs("basket_count"));
    // Counts recovered from FPGrowth's ratios match a direct count over the baskets: 35 baskets hold
    // {citrus fruit, root vegetables, tropical fruit, whole milk}, 31 of them other vegetables (in 1,903).
    Row r = rules.where("antecedent = array('citrus fruit', 'root vegetables', 'tropical fruit', 'whole milk')"
        + " and consequent = array('other vegetables')").first();
    assertEquals(31L, r.<Long>getAs("rule_count"));
    assertEquals(35L, r.<Long>getAs("antecedent_count"));
    assertEquals(1903L, r.<Long>getAs("consequent_count"));

    // Every measure of every rule against the textbook definitions on counts taken straight from the baskets.
    Map<String, BitSet> holders = new HashMap<>();
    int n = 0;
    try (BufferedReader in = Files.newBufferedReader(groceries.resolve("transactions.csv"))) {
      in.readLine();
      for (String line; (line = in.readLine()) != null; ) {
        String[] f = line.replace("\"", "").split(",", 2);
        int basket = Integer.parseInt(f[0]);
        n = Math.max(n, basket);
        // Values are trimmed on the way in ("cream cheese " is one of the items).
        holders.computeIfAbsent(f[1].trim(), k -> new BitSet()).set(basket);
      }
    }
    for (Row rule : rules.collectAsList()) {
      List<String> ante = rule.getList(rule.fieldIndex("antecedent"));
      List<String> cons = rule.getList(rule.fieldIndex("consequent"));
      BitSet a = all(holders, ante);
      BitSet b = all(holders, cons);
      BitSet ab = (BitSet) a.clone();
      ab.and(b);
      MeasuresPropertyTest.assertMeasures(
          BruteForceMeasures.of(n, a.cardinality(), b.cardinality(), ab.cardinality()), rule, ante + "->" + cons);
    }
  }

  @Test
  void customerBasketsOfOneOrderEachGiveTheSameRulesAndCategoryLevelMatchesLevel2Mining(@TempDir Path tmp)
      throws Exception {
    Path groceries = PublicBaskets.sharedDatasets().resolve("groceries");
    assumeTrue(Files.isDirectory(groceries), "../shared/datasets/groceries is not beside the project");
    Path input = tmp.resolve("in");
    PublicBaskets.toContract(groceries.resolve("transactions.csv"), groceries.resolve("items.csv"), input);
    String[] measures = {"antecedent", "consequent", "rule_count", "antecedent_count", "consequent_count",
        "basket_count", "information_gain", "p_value"};
    Dataset<Row> byOrder = mine(input, tmp.resolve("order"), "basket.granularity=order").selectExpr(measures);
    Dataset<Row> byCustomer = mine(input, tmp.resolve("customer"), "basket.granularity=customer")
        .selectExpr(measures);
    assertEquals(5668L, byCustomer.count());
    assertEquals(0L, byOrder.exceptAll(byCustomer).count());
    assertEquals(0L, byCustomer.exceptAll(byOrder).count());

    // Items as level2 categories at support 0.01 / confidence 0.5: a brute-force Apriori over the level2
    // baskets (every candidate counted directly, as arules' apriori with its default maxlen 10 does; no
    // category reaches support 0.5, so arules' empty-antecedent rules do not arise) gives 625 frequent
    // itemsets and 533 rules.
    Dataset<Row> categories = mine(input, tmp.resolve("category"), "basket.item-level=category",
        "mining.min-support=0.01");
    assertEquals(533L, categories.count());
    Dataset<Row> itemsets = session().read().format("delta").load(tmp.resolve("category")
        .resolve("frequent_itemsets").toString());
    assertEquals(625L, itemsets.count());
    Row top = categories.where("rank = 1").first();
    assertEquals(9835L, top.<Long>getAs("basket_count"));
  }

  private Dataset<Row> mine(Path input, Path output, String... sets) {
    List<String> args = new java.util.ArrayList<>(List.of("run", "--input", input.toString(), "--output",
        output.toString(), "--run-date", "2025-01-31", "--set", "mining.min-support=0.001",
        "--set", "mining.min-confidence=0.5", "--set", "summary.top-rules=0", "--set", "job.scenarios=[]"));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    assertEquals(0, Main.execute(args.toArray(String[]::new), conf -> session()));
    return session().read().format("delta").load(output.resolve("association_rules").toString());
  }

  private static BitSet all(Map<String, BitSet> holders, List<String> items) {
    BitSet out = (BitSet) holders.get(items.get(0)).clone();
    for (String item : items) {
      out.and(holders.get(item));
    }
    return out;
  }
}
