package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The baselines the backtest compares crm-affinity with; all fill up from global popularity. */
final class Baselines {
  private Baselines() {}

  /**
   * Global popularity: the products in most baskets (over ALL), not held, the same list for everyone.
   *
   * @param holdings {@link Recommender#holdings} of the customers to serve
   * @param popularity {@link Popularity#of}
   * @return {@link Recommender#rank}'s rows
   */
  static Dataset<Row> popularity(Dataset<Row> holdings, Dataset<Row> popularity, int topN) {
    return Recommender.rank(global(holdings), none(holdings), popularity, topN);
  }

  /**
   * Item co-occurrence ("frequently bought together"): a product's score is the number of baskets in which it
   * sits with each product the customer owns, summed over the owned products; not-held products only, ties by
   * product_id, then global popularity.
   *
   * @param baskets items (one row per basket)
   * @param offers product_id of the products that may be recommended
   */
  static Dataset<Row> coOccurrence(Dataset<Row> holdings, Dataset<Row> baskets, Dataset<Row> offers,
      Dataset<Row> popularity, int topN) {
    Dataset<Row> items = baskets.where(col("segment").notEqual(lit(Popularity.SERVICE)))
        .select(col("basket_id"), explode(col("items")).as("_a"));
    Dataset<Row> pairs = items.join(items.withColumnRenamed("_a", "product_id"), "basket_id")
        .where(col("_a").notEqual(col("product_id")))
        .groupBy(col("_a"), col("product_id")).agg(count(lit(1)).as("_n"))
        .join(offers.select(col("product_id")), "product_id");
    Dataset<Row> g = global(holdings);
    Dataset<Row> scored = NeighbourScorer.score(g, pairs.select(lit(Segments.ALL).as("segment"), col("_a").as("item"),
            col("product_id"), col("_n").cast("double").as("similarity")), topN)
        .select(col("customer_id"), col("segment"), col("product_id"), col("score"));
    return Recommender.rank(g, scoreOnly(scored), popularity, topN);
  }

  /**
   * Item-kNN: item-to-item cosine similarity over customers (customers who bought both / sqrt(customers who
   * bought each)), every pair, no shrinkage; a product's score sums its similarity to each product the
   * customer owns. Not-held products only, ties by product_id, then global popularity.
   *
   * @param owners customer_id, product_id: every customer's owned products ({@link Holdings#held} with owned)
   */
  static Dataset<Row> itemKnn(Dataset<Row> holdings, Dataset<Row> owners, Dataset<Row> offers,
      Dataset<Row> popularity, int topN) {
    Dataset<Row> sims = ItemSimilarity.similarities(owners.select(col("customer_id"), col("product_id"),
        lit(Segments.ALL).as("segment")), offers, 0.0, Integer.MAX_VALUE, 1);
    Dataset<Row> g = global(holdings);
    Dataset<Row> scored = NeighbourScorer.score(g, sims, topN)
        .select(col("customer_id"), col("segment"), col("product_id"), col("score"));
    return Recommender.rank(g, scoreOnly(scored), popularity, topN);
  }

  /** {@link RuleMatcher#match}'s columns for a baseline's customer_id, segment, product_id, score. */
  private static Dataset<Row> scoreOnly(Dataset<Row> scored) {
    return scored.select(col("customer_id"), col("segment"), col("product_id"), col("score"),
        lit(0.0).as("probability"), lit(null).cast("array<string>").as("antecedent"),
        lit(null).cast("double").as("confidence"), lit(null).cast("double").as("lift"),
        lit(null).cast("double").as("information_gain"), lit(0L).as("rule_count"));
  }

  private static Dataset<Row> global(Dataset<Row> holdings) {
    return holdings.withColumn("segment", lit(Segments.ALL));
  }

  private static Dataset<Row> none(Dataset<Row> holdings) {
    return scoreOnly(holdings.limit(0).select(col("customer_id"), col("segment"), lit("").as("product_id"),
        lit(0.0).as("score")));
  }
}
