package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The two baselines the backtest compares crm-affinity with; both fill up from global popularity. */
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
    Dataset<Row> scored = g.select(col("customer_id"), col("segment"), col("held_items"),
            explode(col("owned_items")).as("_a"))
        .join(pairs, "_a")
        .where(expr("NOT array_contains(held_items, product_id)"))
        .groupBy(col("customer_id"), col("segment"), col("product_id"))
        .agg(sum(col("_n")).cast("double").as("score"))
        .select(col("customer_id"), col("segment"), col("product_id"), col("score"),
            lit(0.0).as("probability"), lit(null).cast("array<string>").as("antecedent"),
            lit(null).cast("double").as("confidence"), lit(null).cast("double").as("lift"),
            lit(null).cast("double").as("information_gain"), lit(0L).as("rule_count"));
    return Recommender.rank(g, scored, popularity, topN);
  }

  private static Dataset<Row> global(Dataset<Row> holdings) {
    return holdings.withColumn("segment", lit(Segments.ALL));
  }

  private static Dataset<Row> none(Dataset<Row> holdings) {
    return holdings.limit(0).select(col("customer_id"), col("segment"), lit("").as("product_id"),
        lit(0.0).as("score"), lit(0.0).as("probability"), lit(null).cast("array<string>").as("antecedent"),
        lit(null).cast("double").as("confidence"), lit(null).cast("double").as("lift"),
        lit(null).cast("double").as("information_gain"), lit(0L).as("rule_count"));
  }
}
