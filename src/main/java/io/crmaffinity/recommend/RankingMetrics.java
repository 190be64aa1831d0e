package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Top-K ranking metrics of recommendation lists against what customers bought afterwards. Every customer
 * with at least one relevant product counts once, with or without a list (no list = no hit).
 */
final class RankingMetrics {
  private RankingMetrics() {}

  /**
   * @param lists customer_id, product_id, rank (1 = best); rows with rank &gt; k are ignored
   * @param relevant customer_id, product_id: the products each evaluated customer bought after the cutoff and
   *     did not hold before it
   * @param k list length evaluated
   * @param catalogue products that could be recommended (the denominator of coverage), &gt; 0
   * @return hit_rate@k (share of customers with at least one relevant product in their top k),
   *     precision@k (mean of hits / k), recall@k (mean of hits / relevant products), catalogue_coverage@k
   *     (distinct products in the evaluated customers' top k / catalogue), mrr@k (mean of 1 / rank of the first
   *     relevant product in the top k, 0 without one: the only one of these that rewards putting the hit
   *     first), customers (evaluated customers);
   *     all 0 when no customer has a relevant product
   */
  static Map<String, Double> compute(Dataset<Row> lists, Dataset<Row> relevant, int k, long catalogue) {
    Dataset<Row> rel = relevant.select(col("customer_id"), col("product_id")).distinct();
    Dataset<Row> perCustomer = rel.groupBy(col("customer_id")).agg(count(lit(1)).as("_relevant"));
    Dataset<Row> top = lists.where(col("rank").leq(k)).select(col("customer_id"), col("product_id"), col("rank"))
        .join(perCustomer.select(col("customer_id")), "customer_id");
    Dataset<Row> hits = top.join(rel, new String[] {"customer_id", "product_id"})
        .groupBy(col("customer_id")).agg(count(lit(1)).as("_hits"), min(col("rank")).as("_first"));
    Row r = perCustomer.join(hits, new String[] {"customer_id"}, "left")
        .select(col("_relevant"), coalesce(col("_hits"), lit(0L)).as("_hits"),
            coalesce(lit(1.0).divide(col("_first")), lit(0.0)).as("_rr"))
        .agg(count(lit(1)), avg(when(col("_hits").gt(0), 1.0).otherwise(0.0)),
            avg(col("_hits").divide((double) k)), avg(col("_hits").divide(col("_relevant"))), avg(col("_rr")))
        .first();
    long customers = r.getLong(0);
    long covered = top.agg(countDistinct(col("product_id"))).first().getLong(0);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("hit_rate@" + k, customers == 0 ? 0.0 : r.getDouble(1));
    m.put("precision@" + k, customers == 0 ? 0.0 : r.getDouble(2));
    m.put("recall@" + k, customers == 0 ? 0.0 : r.getDouble(3));
    m.put("mrr@" + k, customers == 0 ? 0.0 : r.getDouble(4));
    m.put("catalogue_coverage@" + k, catalogue == 0 ? 0.0 : (double) covered / catalogue);
    m.put("customers", (double) customers);
    return m;
  }
}
