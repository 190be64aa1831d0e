package io.crmaffinity.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * {@link RuleMatcher} against the SQL it replaced ({@link SqlRuleMatch}), on generated data, seeded:
 * <pre>
 * 30 products P00..P29; P28, P29 category FEES; some options also exclude P07 by id
 * rules in ALL and customer_type=BUSINESS (none in customer_type=INDIVIDUAL): antecedents of 1-3 sorted
 *   products, a consequent outside them (1 in 12 with two products: never used), confidences from a few
 *   dyadic values (noisy-or is then exact in any order, and scores tie) and 1 in 6 random, lift and
 *   information gain from small sets (best-rule ties), some below recommend.min-rule-confidence; planted ties
 *   that only the antecedent's length or its lexicographic order break
 * 300 customers in ALL, BUSINESS and INDIVIDUAL owning 0-9 products (skewed to low ids), some holding 1-2 more
 *   through open opportunities only (held, not owned)
 * </pre>
 * Whole recommendation lists are compared with the similar-items tier and the popular fill on, at several
 * top-n (3 truncates most rule lists, 12 few), for noisy-or and every max score. Doubles agree to 1e-12: the
 * old noisy-or multiplied in an order Spark does not fix.
 */
class RuleMatcherTest extends SparkTestBase {
  private static final String B = "customer_type=BUSINESS";
  private static final String I = "customer_type=INDIVIDUAL";
  private static final StructType RULES = schema("segment STRING, antecedent ARRAY<STRING>, consequent ARRAY<STRING>, "
      + "confidence DOUBLE, lift DOUBLE, information_gain DOUBLE, added_value DOUBLE");
  private static final double[] CONFIDENCES = {0.25, 0.3125, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0};
  private static final double TOLERANCE = 1e-12;

  private final Random rnd = new Random(19);

  private static String product(int i) {
    return String.format("P%02d", i);
  }

  private String skewed() {
    double u = rnd.nextDouble();
    return product((int) (30 * u * u));
  }

  private Dataset<Row> products() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rows.add(new Object[] {product(i), i % 5 == 0 ? null : "Product " + i, i >= 28 ? "FEES" : "GOODS",
          new BigDecimal(10 + 7 * i + ".00")});
    }
    return rows(schema("product_id STRING, name STRING, category STRING, unit_price DECIMAL(18,2)"),
        rows.toArray(new Object[0][]));
  }

  private Dataset<Row> rules() {
    List<Object[]> rows = new ArrayList<>();
    for (String segment : List.of(Segments.ALL, B)) {
      for (int n = 0; n < 160; n++) {
        TreeSet<String> antecedent = new TreeSet<>();
        int size = 1 + rnd.nextInt(3);
        while (antecedent.size() < size) {
          antecedent.add(skewed());
        }
        String consequent = product(rnd.nextInt(30));
        if (antecedent.contains(consequent)) {
          continue;
        }
        List<String> consequents = rnd.nextInt(12) == 0 ? List.of(consequent, "P99") : List.of(consequent);
        double confidence = rnd.nextInt(6) == 0 ? 0.3 + 0.7 * rnd.nextDouble()
            : CONFIDENCES[rnd.nextInt(CONFIDENCES.length)];
        rows.add(rule(segment, List.copyOf(antecedent), consequents, confidence, 1 + rnd.nextInt(3),
            0.01 * (1 + rnd.nextInt(2))));
      }
    }
    // Ties on every measure: the shorter antecedent wins, then the lexicographically larger one.
    rows.add(rule(Segments.ALL, List.of("P00", "P01"), List.of("P20"), 0.5, 2.0, 0.02));
    rows.add(rule(Segments.ALL, List.of("P00", "P02"), List.of("P20"), 0.5, 2.0, 0.02));
    rows.add(rule(Segments.ALL, List.of("P00", "P01", "P02"), List.of("P20"), 0.5, 2.0, 0.02));
    rows.add(rule(Segments.ALL, List.of("P03"), List.of("P21"), 0.5, 2.0, 0.02));
    rows.add(rule(Segments.ALL, List.of("P01", "P03"), List.of("P21"), 0.5, 2.0, 0.02));
    rows.add(rule(Segments.ALL, List.of("P01"), List.of("P21"), 0.5, 2.0, 0.02));
    return rows(RULES, rows.toArray(new Object[0][]));
  }

  private static Object[] rule(String seg, List<String> a, List<String> c, double conf, double lift, double ig) {
    return new Object[] {seg, a.toArray(new String[0]), c.toArray(new String[0]), conf, lift, ig, conf - 0.25};
  }

  /** customer_id, segment of every customer, and customer_id, product_id, owned. */
  private Dataset<Row>[] customersAndHeld() {
    List<Object[]> customers = new ArrayList<>();
    List<Object[]> held = new ArrayList<>();
    for (int c = 0; c < 300; c++) {
      String id = "C" + c;
      customers.add(new Object[] {id, List.of(Segments.ALL, B, I).get(c % 3)});
      TreeSet<String> owned = new TreeSet<>();
      int n = rnd.nextInt(10);
      while (owned.size() < n) {
        owned.add(skewed());
      }
      owned.forEach(p -> held.add(new Object[] {id, p, true}));
      for (int k = rnd.nextInt(3); k > 0; k--) {
        String p = product(rnd.nextInt(30));
        if (!owned.contains(p)) {
          owned.add(p);
          held.add(new Object[] {id, p, false});
        }
      }
    }
    @SuppressWarnings("unchecked")
    Dataset<Row>[] both = new Dataset[] {
        rows(schema("customer_id STRING, segment STRING"), customers.toArray(new Object[0][])),
        rows(schema("customer_id STRING, product_id STRING, owned BOOLEAN"), held.toArray(new Object[0][]))};
    return both;
  }

  @Test
  void recommendationListsEqualThoseOfTheSqlPathForEveryScoreAndTopN() {
    Dataset<Row> products = products().cache();
    Dataset<Row> rules = rules().cache();
    Dataset<Row>[] customersAndHeld = customersAndHeld();
    Dataset<Row> segments = customersAndHeld[0];
    Dataset<Row> held = customersAndHeld[1].cache();
    Dataset<Row> holdings = Recommender.holdings(segments, held).cache();
    Dataset<Row> baskets = holdings.select("segment", "owned_items").withColumnRenamed("owned_items", "items");
    List<RecommendOptions> cases = List.of(
        RecommendOptions.defaults().withTopN(3).withExclude(List.of("FEES", "P07")),
        RecommendOptions.defaults().withTopN(12).withExclude(List.of("FEES")),
        RecommendOptions.defaults().withTopN(3).withExclude(List.of("FEES")).withScore("confidence", "max"),
        RecommendOptions.defaults().withTopN(5).withExclude(List.of("FEES", "P07")).withScore("lift", "max"),
        RecommendOptions.defaults().withTopN(3).withExclude(List.of("FEES")).withScore("information_gain", "max"),
        RecommendOptions.defaults().withTopN(4).withExclude(List.of("FEES")).withScore("added_value", "max"));
    int ruleRows = 0;
    for (RecommendOptions c : cases) {
      // The SQL path knows only the tiered list (similar items, then popular products) in every segment.
      RecommendOptions o = c.withSimilar(c.similar().withMerge("tiered").withMinMedianLift(0));
      Dataset<Row> offers = RecommendScenario.offers(products, o.exclude());
      Dataset<Row> popularity = Popularity.of(baskets, offers).cache();
      Dataset<Row> neighbours = RecommendScenario.neighbours(holdings, offers, o);
      Dataset<Row> expected = sqlRecommend(holdings, rules, neighbours, popularity, offers, products, o);
      Dataset<Row> actual = RecommendScenario.recommend(holdings, rules, neighbours, popularity, offers, products, o);
      String label = o.score() + "/" + o.combine() + " top " + o.topN();
      ruleRows += assertSameLists(label, expected, actual);
      popularity.unpersist();
    }
    // Not vacuous: many lists come from rules, and customers of INDIVIDUAL (no rules) get none.
    Assertions.assertTrue(ruleRows > 1000, "rule rows " + ruleRows);
  }

  @Test
  void everyCombinedProductEqualsTheSqlPathWhenNothingIsCut() {
    Dataset<Row> products = products();
    Dataset<Row> rules = rules();
    Dataset<Row>[] customersAndHeld = customersAndHeld();
    Dataset<Row> holdings = Recommender.holdings(customersAndHeld[0], customersAndHeld[1]).cache();
    for (RecommendOptions o : List.of(RecommendOptions.defaults(),
        RecommendOptions.defaults().withScore("information_gain", "max"))) {
      Dataset<Row> offers = RecommendScenario.offers(products, List.of("FEES"));
      Dataset<Row> expected = SqlRuleMatch.combine(SqlRuleMatch.firing(holdings, rules, offers, o.score()), o);
      Dataset<Row> actual = RuleMatcher.match(holdings, rules, offers, o, Integer.MAX_VALUE);
      assertEquals(expected.columns().length, actual.columns().length);
      List<Row> e = sorted(expected, "customer_id", "product_id");
      List<Row> a = sorted(actual.selectExpr(expected.columns()), "customer_id", "product_id");
      assertRowsClose(o.combine(), e, a);
      Assertions.assertTrue(e.stream().anyMatch(r -> B.equals(r.getAs("segment"))), "some BUSINESS customers fire rules");
    }
  }

  @Test
  void sqlOrderAgreesWithSparksOrderBy() {
    List<String> values = List.of("P1", "P10", "P2", "p1", "", "é", "\uFFFF", "\uD83D\uDE00", "a\uD83D\uDE00", "a");
    List<String> spark = session().createDataset(values, Encoders.STRING()).orderBy("value")
        .as(Encoders.STRING()).collectAsList();
    List<String> ours = new ArrayList<>(values);
    ours.sort(SqlOrder::strings);
    assertEquals(spark, ours);
    List<Double> doubles = List.of(1.0, Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, 0.5);
    List<Double> sparkDoubles = session().createDataset(doubles, Encoders.DOUBLE()).orderBy("value")
        .as(Encoders.DOUBLE()).collectAsList();
    List<Double> ourDoubles = new ArrayList<>(doubles);
    ourDoubles.sort((x, y) -> SqlOrder.doubles(x, y));
    // 0.0 and -0.0 are equal to both: compare the order of the rest.
    assertEquals(sparkDoubles.stream().map(d -> d == 0 ? 0.0 : d).toList(),
        ourDoubles.stream().map(d -> d == 0 ? 0.0 : d).toList());
  }

  /** The recommendations as RecommendScenario.recommend built them with the SQL rule tier. */
  private static Dataset<Row> sqlRecommend(Dataset<Row> holdings, Dataset<Row> rules, Dataset<Row> neighbours,
      Dataset<Row> popularity, Dataset<Row> offers, Dataset<Row> products, RecommendOptions o) {
    Dataset<Row> firing = rules.where(org.apache.spark.sql.functions.col("confidence").geq(o.minRuleConfidence()));
    Dataset<Row> combined = SqlRuleMatch.combine(SqlRuleMatch.firing(holdings, firing, offers, o.score()), o)
        .localCheckpoint();
    Dataset<Row> similar = ItemSimilarity.candidates(holdings, neighbours, 2 * o.topN()).localCheckpoint();
    return SqlExplanations.explain(Recommender.rank(holdings, combined, similar, popularity, o.topN()), products);
  }

  /** Asserts the same rows in the same order; returns the count of RULE rows. */
  private static int assertSameLists(String label, Dataset<Row> expected, Dataset<Row> actual) {
    assertEquals(List.of(expected.columns()), List.of(actual.columns()), label);
    List<Row> e = sorted(expected, "customer_id", "rank");
    List<Row> a = sorted(actual, "customer_id", "rank");
    assertRowsClose(label, e, a);
    return (int) e.stream().filter(r -> Recommender.RULE.equals(r.getAs("source"))).count();
  }

  private static List<Row> sorted(Dataset<Row> rows, String first, String second) {
    return rows.orderBy(first, second).collectAsList();
  }

  /** Equal rows, doubles within {@link #TOLERANCE}; a failure names the row and the column. */
  private static void assertRowsClose(String label, List<Row> expected, List<Row> actual) {
    assertEquals(expected.size(), actual.size(), label + ": row count");
    for (int i = 0; i < expected.size(); i++) {
      Row e = expected.get(i);
      Row a = actual.get(i);
      for (int f = 0; f < e.length(); f++) {
        String where = label + ", row " + i + " " + e + ", column " + e.schema().fields()[f].name();
        if (e.get(f) instanceof Double d && a.get(f) instanceof Double g) {
          assertEquals(d, g, TOLERANCE, where);
        } else {
          assertEquals(e.get(f), a.get(f), where);
        }
      }
    }
  }
}
