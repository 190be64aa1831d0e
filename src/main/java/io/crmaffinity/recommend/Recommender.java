package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Next-best offers: rules whose antecedent the customer holds, combined per product ({@link RuleMatcher}),
 * ranked, then filled up from similar items and the segment's popular products.
 */
final class Recommender {
  private Recommender() {}

  static final String RULE = "RULE";
  static final String POPULAR = "POPULAR";

  /**
   * Holdings per customer: owned (bought in the window or under an active contract: fires rules) and held
   * (owned, or in an open opportunity: never recommended).
   *
   * @param customers customer_id, segment (one row per customer to serve)
   * @param held customer_id, product_id, owned ({@link Holdings#held}, or its ungrouped {@link Holdings#lines})
   * @return customer_id, segment, owned_items, held_items (sorted arrays, empty when nothing is held)
   */
  static Dataset<Row> holdings(Dataset<Row> customers, Dataset<Row> held) {
    Dataset<Row> arrays = held.groupBy(col("customer_id")).agg(
        array_sort(collect_set(when(col("owned"), col("product_id")))).as("_owned"),
        array_sort(collect_set(col("product_id"))).as("_held"));
    Column empty = array().cast("array<string>");
    return customers.join(arrays, "customer_id", "left")
        .select(col("customer_id"), col("segment"), coalesce(col("_owned"), empty).as("owned_items"),
            coalesce(col("_held"), empty).as("held_items"));
  }

  /**
   * The top-N list per customer without a similar-items tier: see {@link #rank(Dataset, Dataset, Dataset,
   * Dataset, int)}.
   */
  static Dataset<Row> rank(Dataset<Row> holdings, Dataset<Row> combined, Dataset<Row> popularity, int topN) {
    return rank(holdings, combined, null, popularity, topN);
  }

  /**
   * The top-N list per customer in three tiers: products from the mined rules (score descending, then
   * product_id), then products similar to what the customer bought and no rule reached (mean similarity
   * descending, then product_id), then the segment's popular products not held and not already listed
   * (support descending, then product_id).
   *
   * @param holdings {@link #holdings}
   * @param combined {@link RuleMatcher#match}
   * @param similar {@link ItemSimilarity#candidates}, or null for no similar-items tier
   * @param popularity {@link Popularity#of}
   * @return customer_id, segment, rank, product_id, score, probability, source, antecedent, confidence, lift,
   *     information_gain, rule_count, rule_products (products from rules in the customer's list), tier (0 mined
   *     rule, 1 similar items, 2 popular), together and owners (tier 1: customers who bought the antecedent and
   *     the product, and the antecedent; else null), similar_below (0: the tiered list puts every similar item
   *     above every popular product)
   */
  static Dataset<Row> rank(Dataset<Row> holdings, Dataset<Row> combined, Dataset<Row> similar,
      Dataset<Row> popularity, int topN) {
    Dataset<Row> candidates = combined.select(col("*"), lit(0).as("tier"), lit(null).cast("long").as("together"),
        lit(null).cast("long").as("owners"));
    if (similar != null) {
      candidates = candidates.unionByName(similar
          .join(combined.select(col("customer_id"), col("product_id")), new String[] {"customer_id", "product_id"},
              "left_anti")
          .withColumn("tier", lit(1)));
    }
    Dataset<Row> ruled = candidates
        .withColumn("_r", row_number().over(Window.partitionBy(col("customer_id"))
            .orderBy(col("tier"), col("score").desc(), col("product_id"))))
        .where(col("_r").leq(topN));
    Dataset<Row> perCustomer = ruled.groupBy(col("customer_id")).agg(count(lit(1)).as("_nrule"));
    // A customer needs at most topN − (rule products) popular products that are neither held nor listed;
    // walking the first 2·topN + |held| ranks of the segment's popularity finds them, in time linear in the
    // customers (no customer × product cross join).
    Dataset<Row> needy = holdings.join(perCustomer, "customer_id", "left")
        .withColumn("_nrule", coalesce(col("_nrule"), lit(0L)))
        .where(col("_nrule").lt(topN));
    Dataset<Row> popular = needy
        .select(col("customer_id"), col("segment"), col("held_items"), col("_nrule"),
            explode(sequence(lit(1), lit(2 * topN).plus(size(col("held_items"))))).as("pop_rank"))
        .join(popularity, new String[] {"segment", "pop_rank"})
        .where(expr("NOT array_contains(held_items, product_id)"))
        .join(ruled.select(col("customer_id"), col("product_id")), new String[] {"customer_id", "product_id"},
            "left_anti")
        .select(col("customer_id"), col("segment"), col("product_id"), col("support").as("score"),
            col("support").as("probability"), lit(POPULAR).as("source"), lit(null).cast("array<string>")
                .as("antecedent"), lit(null).cast("double").as("confidence"), lit(null).cast("double").as("lift"),
            lit(null).cast("double").as("information_gain"), lit(0L).as("rule_count"),
            col("pop_rank").cast("double").as("_order"), col("_nrule"), lit(2).as("tier"),
            lit(null).cast("long").as("together"), lit(null).cast("long").as("owners"));
    Dataset<Row> rules = ruled.join(perCustomer, "customer_id")
        .select(col("customer_id"), col("segment"), col("product_id"), col("score"), col("probability"),
            lit(RULE).as("source"), col("antecedent"), col("confidence"), col("lift"), col("information_gain"),
            col("rule_count"), col("_r").cast("double").as("_order"), col("_nrule"), col("tier"),
            col("together"), col("owners"));
    return rules.unionByName(popular)
        .withColumn("rank", row_number().over(Window.partitionBy(col("customer_id"))
            .orderBy(when(col("source").equalTo(RULE), 0).otherwise(1), col("_order"), col("product_id"))))
        .where(col("rank").leq(topN))
        .withColumnRenamed("_nrule", "rule_products")
        .drop("_order")
        // Similar items never share the list with popular products here: no popular row ranks above one.
        .withColumn("similar_below", lit(0L));
  }
}
