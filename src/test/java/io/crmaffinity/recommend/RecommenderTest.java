package io.crmaffinity.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The recommender on a hand-built catalogue, rule set and customers, top-3 lists.
 * <pre>
 * products P1 Laptop 1000 LAPTOPS, P2 Dock 200, P3 Mouse 20, P4 Case 10 (ACCESSORIES), P5 Postage 5 FEES, P6 Phone 500
 * rules (segment: antecedent -> consequent  confidence lift information_gain)
 *   ALL:      P1 -> P2 0.6 3.0 0.10 | P1 -> P3 0.5 2.0 0.05 | P1,P2 -> P3 0.5 2.5 0.04 | P1 -> P4 0.5 1.2 0.01
 *             P1 -> P5 0.9 1.1 0.02 | P6 -> P4 0.5 4.0 0.08 | P1 -> P3,P4 0.45 5.0 0.09 (two consequents: unused)
 *   BUSINESS: P1 -> P6 0.4 1.5 0.02
 * baskets  ALL: [P3 P4] [P4] [P2 P4] [P6]   BUSINESS: [P2] [P2 P3]
 *   popularity ALL (6 baskets): P2 3, P4 3, P3 2, P6 1     BUSINESS (2): P2 2, P3 1
 * customers (segment: owned | held only through an open opportunity)
 *   C1 ALL: P1 | -      C2 ALL: P1 P2 | -      C3 BUSINESS: P1 | -      C4 ALL: P6 | P4      C5 ALL: nothing
 * </pre>
 */
class RecommenderTest extends SparkTestBase {
  private static final String B = "customer_type=BUSINESS";
  private static final StructType RULES = schema("segment STRING, antecedent ARRAY<STRING>, consequent ARRAY<STRING>, "
      + "confidence DOUBLE, lift DOUBLE, information_gain DOUBLE, added_value DOUBLE");

  private Dataset<Row> products() {
    return rows(schema("product_id STRING, name STRING, category STRING, unit_price DECIMAL(18,2)"),
        new Object[] {"P1", "Laptop", "LAPTOPS", new BigDecimal("1000.00")},
        new Object[] {"P2", "Dock", "ACCESSORIES", new BigDecimal("200.00")},
        new Object[] {"P3", "Mouse", "ACCESSORIES", new BigDecimal("20.00")},
        new Object[] {"P4", "Case", "ACCESSORIES", new BigDecimal("10.00")},
        new Object[] {"P5", "Postage", "FEES", new BigDecimal("5.00")},
        new Object[] {"P6", null, "PHONES", new BigDecimal("500.00")});
  }

  private Dataset<Row> rules() {
    return rows(RULES,
        rule("ALL", List.of("P1"), List.of("P2"), 0.6, 3.0, 0.10),
        rule("ALL", List.of("P1"), List.of("P3"), 0.5, 2.0, 0.05),
        rule("ALL", List.of("P1", "P2"), List.of("P3"), 0.5, 2.5, 0.04),
        rule("ALL", List.of("P1"), List.of("P4"), 0.5, 1.2, 0.01),
        rule("ALL", List.of("P1"), List.of("P5"), 0.9, 1.1, 0.02),
        rule("ALL", List.of("P6"), List.of("P4"), 0.5, 4.0, 0.08),
        rule("ALL", List.of("P1"), List.of("P3", "P4"), 0.45, 5.0, 0.09),
        rule(B, List.of("P1"), List.of("P6"), 0.4, 1.5, 0.02));
  }

  private static Object[] rule(String seg, List<String> a, List<String> c, double conf, double lift, double ig) {
    return new Object[] {seg, a.toArray(new String[0]), c.toArray(new String[0]), conf, lift, ig, conf - 0.3};
  }

  private Dataset<Row> baskets() {
    StructType s = schema("segment STRING, items ARRAY<STRING>");
    return rows(s, new Object[] {"ALL", new String[] {"P3", "P4"}}, new Object[] {"ALL", new String[] {"P4"}},
        new Object[] {"ALL", new String[] {"P2", "P4"}}, new Object[] {"ALL", new String[] {"P6"}},
        new Object[] {B, new String[] {"P2"}}, new Object[] {B, new String[] {"P2", "P3"}});
  }

  private Dataset<Row> holdings() {
    Dataset<Row> customers = rows(schema("customer_id STRING, segment STRING"),
        new Object[] {"C1", "ALL"}, new Object[] {"C2", "ALL"}, new Object[] {"C3", B}, new Object[] {"C4", "ALL"},
        new Object[] {"C5", "ALL"});
    Dataset<Row> held = rows(schema("customer_id STRING, product_id STRING, owned BOOLEAN"),
        new Object[] {"C1", "P1", true}, new Object[] {"C2", "P1", true}, new Object[] {"C2", "P2", true},
        new Object[] {"C3", "P1", true}, new Object[] {"C4", "P6", true}, new Object[] {"C4", "P4", false});
    return Recommender.holdings(customers, held);
  }

  private Dataset<Row> recommendations(RecommendOptions o) {
    Dataset<Row> offers = RecommendScenario.offers(products(), o.exclude());
    return RecommendScenario.recommend(holdings(), rules(), null, Popularity.of(baskets(), offers), offers, products(), o);
  }

  private List<String> recommend(RecommendOptions o) {
    return lines(recommendations(o));
  }

  /** "customer rank product source score expected_revenue segment antecedent", ordered. */
  private static List<String> lines(Dataset<Row> recs) {
    return recs.orderBy("customer_id", "rank").collectAsList().stream()
        .map(r -> String.format(Locale.ROOT, "%s %d %s %s %.4f %.2f %s %s", r.getAs("customer_id"),
            (int) r.getAs("rank"), r.getAs("product_id"), r.getAs("source"), (double) r.getAs("score"),
            (double) r.getAs("expected_revenue"), r.getAs("segment"), r.getList(r.fieldIndex("antecedent"))))
        .toList();
  }

  private static final RecommendOptions TOP3 = RecommendOptions.defaults().withTopN(3).withExclude(List.of("FEES"));

  @Test
  void noisyOrCombinesRulesExcludesHeldAndFillsFromTheSegmentsPopularProducts() {
    Dataset<Row> recs = recommendations(TOP3).cache();
    assertEquals(List.of(
        // C1: P2 0.6, then P3 and P4 tie at 0.5 (P3 first by id); P5 Postage (0.9) is excluded by its category
        "C1 1 P2 RULE 0.6000 120.00 ALL [P1]",
        "C1 2 P3 RULE 0.5000 10.00 ALL [P1]",
        "C1 3 P4 RULE 0.5000 5.00 ALL [P1]",
        // C2 holds P2; P3 from two rules: 1 - 0.5 * 0.5 = 0.75, the best rule is P1,P2 -> P3 (higher lift)
        "C2 1 P3 RULE 0.7500 15.00 ALL [P1, P2]",
        "C2 2 P4 RULE 0.5000 5.00 ALL [P1]",
        "C2 3 P6 POPULAR 0.1667 83.33 ALL []",
        // C3 is served by the BUSINESS rules only (no ALL rule), then BUSINESS popularity
        "C3 1 P6 RULE 0.4000 200.00 customer_type=BUSINESS [P1]",
        "C3 2 P2 POPULAR 1.0000 200.00 customer_type=BUSINESS []",
        "C3 3 P3 POPULAR 0.5000 10.00 customer_type=BUSINESS []",
        // C4: P6 -> P4 fires but P4 is in an open opportunity; popularity has only P2 and P3 left for them
        "C4 1 P2 POPULAR 0.5000 100.00 ALL []",
        "C4 2 P3 POPULAR 0.3333 6.67 ALL []",
        // C5 holds nothing: the most popular products (P2 and P4 tie at 3 baskets: by id)
        "C5 1 P2 POPULAR 0.5000 100.00 ALL []",
        "C5 2 P4 POPULAR 0.5000 5.00 ALL []",
        "C5 3 P3 POPULAR 0.3333 6.67 ALL []"), lines(recs));
    reasonsNameTheAntecedentProductsAndTheRulesMeasures(recs);
    recs.unpersist();
  }

  @Test
  void maxTakesTheBestRulesScoreAndTiesGoByProductId() {
    List<String> max = recommend(TOP3.withScore("confidence", "max"));
    assertEquals(List.of("C2 1 P3 RULE 0.5000 10.00 ALL [P1, P2]", "C2 2 P4 RULE 0.5000 5.00 ALL [P1]",
        "C2 3 P6 POPULAR 0.1667 83.33 ALL []"), max.subList(3, 6));
  }

  @Test
  void liftRanksByTheBestRulesLiftWhileExpectedRevenueStaysConfidenceTimesPrice() {
    List<String> lift = recommend(TOP3.withScore("lift", "max"));
    assertEquals(List.of("C1 1 P2 RULE 3.0000 120.00 ALL [P1]", "C1 2 P3 RULE 2.0000 10.00 ALL [P1]",
        "C1 3 P4 RULE 1.2000 5.00 ALL [P1]"), lift.subList(0, 3));
  }

  @Test
  void excludeTakesProductIdsAndCategories() {
    List<String> none = recommend(RecommendOptions.defaults().withTopN(1));
    assertEquals("C1 1 P5 RULE 0.9000 4.50 ALL [P1]", none.get(0));
    List<String> byId = recommend(RecommendOptions.defaults().withTopN(1).withExclude(List.of("P5", "P2")));
    assertEquals(List.of("C1 1 P3 RULE 0.5000 10.00 ALL [P1]", "C2 1 P3 RULE 0.7500 15.00 ALL [P1, P2]",
        "C3 1 P6 RULE 0.4000 200.00 customer_type=BUSINESS [P1]", "C4 1 P3 POPULAR 0.3333 6.67 ALL []",
        "C5 1 P4 POPULAR 0.5000 5.00 ALL []"), byId);
  }

  /** Reasons of the default lists (checked in the test above, to build them once). */
  private static void reasonsNameTheAntecedentProductsAndTheRulesMeasures(Dataset<Row> recs) {
    List<String> reasons = recs.where("customer_id IN ('C2', 'C3', 'C5') AND rank = 1").orderBy("customer_id")
        .select("reason").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(List.of(
        "Holds Laptop and Dock: 50.0% of baskets with these also held Mouse (confidence 0.500, lift 2.50, "
            + "information gain 0.0400 bits); 1 more rule also points to it.",
        // a product without a name is named by its id
        "Holds Laptop: 40.0% of baskets with it also held P6 (confidence 0.400, lift 1.50, information gain "
            + "0.0200 bits).",
        "Dock is among the most popular products in all baskets (in 50.0% of them); no rule fired on what this "
            + "customer holds."), reasons);
    assertEquals("Mouse is among the most popular products in the baskets of segment customer_type=BUSINESS (in "
        + "50.0% of them); it fills the list after the rule-based products.",
        recs.where("customer_id = 'C3' AND rank = 3").select("reason").as(org.apache.spark.sql.Encoders.STRING())
            .first());
  }
}
