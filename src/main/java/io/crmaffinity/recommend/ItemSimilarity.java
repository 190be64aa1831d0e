package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.size;

import io.crmaffinity.scoring.RuleScorer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Item-to-item similarity over customers: pair rules "customers who bought A also bought B", the tier of a
 * recommendation list after the mined rules. It reaches the long tail that rules mined at an analyst's support
 * threshold do not, and every pair is still a rule a sales rep can read (A → B with its confidence, lift and
 * information gain, counted over customers instead of baskets).
 *
 * <p>similarity(A, B) = together / (sqrt(owners(A) · owners(B)) + shrink): the cosine of the two products'
 * customer sets, shrunk towards 0 when few customers support it. A customer's score for B sums it over the
 * products they hold.
 */
final class ItemSimilarity {
  private ItemSimilarity() {}

  /**
   * The neighbours of every product, per segment.
   *
   * @param owners segment, customer_id, product_id: the products each customer bought in the basket window or
   *     holds under a running contract (one row per customer and product), each customer in the segment that
   *     serves them
   * @param offers product_id of the products that may be recommended (only those are neighbours)
   * @param o the similarity options (enabled is not looked at)
   * @return segment, item (A), product_id (B), similarity, together, owners (of A), confidence (together /
   *     owners of A), lift, information_gain (bits, over the segment's customers): the o.neighbours() most
   *     similar offered products of each A (ties by product_id), each bought together by at least
   *     o.minCustomers() customers
   */
  static Dataset<Row> neighbours(Dataset<Row> owners, Dataset<Row> offers, RecommendOptions.Similarity o) {
    return neighboursOfRanges(ranges(owners), offers, o);
  }

  /**
   * {@link #neighbours} from the customers to serve: holdings' owned_items are already each customer's
   * products, so no grouping is needed.
   *
   * @param holdings customer_id, segment, owned_items ({@link Recommender#holdings})
   */
  static Dataset<Row> neighboursOfHoldings(Dataset<Row> holdings, Dataset<Row> offers,
      RecommendOptions.Similarity o) {
    return neighboursOfRanges(holdings.select(col("segment"), col("customer_id"), col("owned_items").as("_items"))
        .where(size(col("_items")).gt(0)), offers, o);
  }

  /** segment, customer_id, _items: each customer's products, from one row per customer and product. */
  static Dataset<Row> ranges(Dataset<Row> owners) {
    return owners.groupBy(col("segment"), col("customer_id")).agg(collect_list(col("product_id")).as("_items"));
  }

  private static Dataset<Row> neighboursOfRanges(Dataset<Row> ranges, Dataset<Row> offers,
      RecommendOptions.Similarity o) {
    Dataset<Row> kept = TopNeighbours.of(ranges.where(size(col("_items")).leq(o.maxProducts())), offers,
        new TopNeighbours.Plan(o.shrink(), o.minCustomers(), o.neighbours()));
    return RuleScorer.withInformationGain(kept, col("_customers"), col("owners"), col("_owners_b"),
            col("together"), "information_gain")
        .select(col("segment"), col("item"), col("product_id"), col("similarity"), col("together"), col("owners"),
            col("together").divide(col("owners")).as("confidence"),
            col("together").multiply(col("_customers")).divide(col("owners").multiply(col("_owners_b")))
                .as("lift"),
            col("information_gain"));
  }

  /**
   * Every pair of products bought by the same customer, with its similarity: {@link TopNeighbours} keeping every
   * pair.
   *
   * @param maxProducts customers holding more products do not count
   * @return segment, item, product_id (offered), similarity, together, owners (of item), _owners_b (of
   *     product_id), _customers (counted customers of the segment)
   */
  static Dataset<Row> similarities(Dataset<Row> owners, Dataset<Row> offers, double shrink, int maxProducts,
      int minCustomers) {
    return TopNeighbours.of(ranges(owners).where(size(col("_items")).leq(maxProducts)), offers,
        new TopNeighbours.Plan(shrink, minCustomers, Integer.MAX_VALUE));
  }

  /**
   * The {@code keep} products most similar to what each customer holds and that they do not hold yet, one row
   * per (customer, product): score = the mean similarity to the products the customer owns (the summed
   * similarity of {@link NeighbourScorer} over their count: the same order, on a 0..1 scale); the most similar
   * held product explains it.
   *
   * @param holdings {@link Recommender#holdings}
   * @param neighbours {@link #neighbours}
   * @return {@link RuleMatcher#match}'s columns (antecedent = the one held product that explains it,
   *     probability = its confidence, rule_count = how many held products point to it) and together, owners
   */
  static Dataset<Row> candidates(Dataset<Row> holdings, Dataset<Row> neighbours, int keep) {
    return NeighbourScorer.score(holdings, neighbours, keep)
        .join(neighbours, new String[] {"segment", "item", "product_id"})
        .select(col("customer_id"), col("segment"), col("product_id"),
            col("score").divide(col("owned_count")).as("score"),
            col("confidence").as("probability"), expr("array(item)").as("antecedent"), col("confidence"),
            col("lift"), col("information_gain"), col("rule_count"), col("together"), col("owners"));
  }
}
