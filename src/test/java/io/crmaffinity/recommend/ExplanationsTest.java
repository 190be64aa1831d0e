package io.crmaffinity.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The reasons made in the customers' pass, with exact sentences (no Spark needed). */
class ExplanationsTest {
  private static final Map<String, Explanations.Named> CATALOGUE = Map.of(
      "P1", new Explanations.Named("Printer", 200.0), "P2", new Explanations.Named("Toner", 40.0),
      "P3", new Explanations.Named("P3", 10.0), "P4", new Explanations.Named("Paper", 5.0));

  /** An OfferLists.RANKED row. */
  private static Row ranked(String segment, int rank, String product, double score, double probability,
      String source, String[] antecedent, Double confidence, Double lift, Double gain, long ruleCount,
      long ruleProducts, int tier, Long together, Long owners, long similarBelow) {
    return RowFactory.create("C1", segment, rank, product, score, probability, source, antecedent, confidence, lift,
        gain, ruleCount, ruleProducts, tier, together, owners, similarBelow);
  }

  @Test
  void aRuleNamesItsAntecedentProductsInOrderAndCountsTheOtherRules() {
    Row r = Explanations.explain(ranked("ALL", 1, "P2", 0.8, 0.8, Recommender.RULE, new String[] {"P1", "P3", "P4"},
        0.8, 2.5, 0.01234, 3, 1, 0, null, null, 0), CATALOGUE);
    assertEquals("Holds Printer, P3 and Paper: 80.0% of baskets with these also held Toner (confidence 0.800, "
        + "lift 2.50, information gain 0.0123 bits); 2 more rules also point to it.", r.getString(11));
    assertEquals(0.8 * 40.0, r.getDouble(5), 0);
    assertArrayEquals(new String[] {"P1", "P3", "P4"}, (String[]) r.get(7));
    assertEquals("ALL", r.getString(0));
    assertEquals("C1", r.getString(1));
  }

  @Test
  void oneAntecedentProductIsIt() {
    Row r = Explanations.explain(ranked("ALL", 1, "P2", 0.5, 0.5, Recommender.RULE, new String[] {"P1"}, 0.5, 1.5,
        0.1, 2, 1, 0, null, null, 0), CATALOGUE);
    assertEquals("Holds Printer: 50.0% of baskets with it also held Toner (confidence 0.500, lift 1.50, "
        + "information gain 0.1000 bits); 1 more rule also points to it.", r.getString(11));
  }

  @Test
  void aSimilarItemSaysHowManyOfTheSegmentsCustomersBoughtBoth() {
    Row r = Explanations.explain(ranked("country=DE", 2, "P4", 0.3, 0.6, Recommender.RULE, new String[] {"P1"}, 0.6,
        3.0, 0.2, 1, 2, 1, 6L, 10L, 0), CATALOGUE);
    assertEquals("Bought Printer: 6 of the 10 customers of segment country=DE who bought it also bought Paper "
        + "(confidence 0.600, lift 3.00, information gain 0.2000 bits).", r.getString(11));
  }

  @Test
  void aPopularProductSaysWhyItIsThere() {
    Row fill = Explanations.explain(ranked("ALL", 3, "P3", 0.25, 0.25, Recommender.POPULAR, null, null, null, null,
        0, 2, 2, null, null, 0), CATALOGUE);
    assertEquals("P3 is among the most popular products in all baskets (in 25.0% of them); it fills the list after"
        + " the rule-based products.", fill.getString(11));
    assertEquals(0, ((String[]) fill.get(7)).length);
    assertNull(fill.get(8));
    Row above = Explanations.explain(ranked("tier=GOLD", 3, "P3", 0.25, 0.25, Recommender.POPULAR, null, null, null,
        null, 0, 2, 2, null, null, 1), CATALOGUE);
    assertEquals("P3 is among the most popular products in the baskets of segment tier=GOLD (in 25.0% of them); its"
        + " share of customers is above the estimated chance of the similar items ranked below it.",
        above.getString(11));
    Row none = Explanations.explain(ranked("ALL", 1, "P3", 0.25, 0.25, Recommender.POPULAR, null, null, null, null,
        0, 0, 2, null, null, 0), CATALOGUE);
    assertEquals("P3 is among the most popular products in all baskets (in 25.0% of them); no rule fired on what"
        + " this customer holds.", none.getString(11));
  }

  @Test
  void aProductOutsideTheCatalogueIsNotRecommended() {
    assertNull(Explanations.explain(ranked("ALL", 1, "P9", 0.5, 0.5, Recommender.POPULAR, null, null, null, null, 0,
        0, 2, null, null, 0), CATALOGUE));
  }
}
