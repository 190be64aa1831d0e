package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log2;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.crmaffinity.spark.JobCaches;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Top-K ranking metrics of recommendation lists against what customers bought afterwards. Every customer
 * with at least one relevant product counts once, with or without a list (no list = no hit).
 */
final class RankingMetrics {
  private RankingMetrics() {}

  /** Suffix of a metric's standard error. */
  static final String SE = "_se";

  /** The per-customer metrics, in output order. */
  private static final List<String> PER_CUSTOMER = List.of("hit_rate", "precision", "recall", "mrr", "ndcg");

  /**
   * @param lists customer_id, product_id, rank (1 = best); rows with rank &gt; k are ignored
   * @param relevant customer_id, product_id: the products each evaluated customer bought after the cutoff and
   *     did not hold before it
   * @param k list length evaluated
   * @param catalogue products that could be recommended (the denominator of coverage), &gt; 0
   * @return per customer, averaged over the evaluated customers: hit_rate@k (a relevant product in the top
   *     k), precision@k (hits / k), recall@k (hits / relevant products), mrr@k (1 / rank of the first relevant
   *     product in the top k, 0 without one), ndcg@k (Σ over hits of 1 / log2(rank + 1), over the same sum
   *     for an ideal list: the relevant products first); then catalogue_coverage@k (distinct products in the
   *     evaluated customers' top k / catalogue) and customers (evaluated customers). Each of the first six has
   *     its standard error as {@code <metric>@k_se}: the standard deviation over customers / sqrt(customers) for
   *     the averages, the delete-one-customer jackknife for coverage. All 0 when no customer has a relevant
   *     product.
   */
  static Map<String, Double> compute(Dataset<Row> lists, Dataset<Row> relevant, int k, long catalogue) {
    Dataset<Row> rel = relevant.select(col("customer_id"), col("product_id")).distinct();
    Dataset<Row> perCustomer = rel.groupBy(col("customer_id")).agg(count(lit(1)).as("_relevant"));
    // Materialised: read four times below, and a baseline's lists can be costly to recompute.
    Dataset<Row> top = JobCaches.localCheckpoint(lists.where(col("rank").leq(k))
        .select(col("customer_id"), col("product_id"), col("rank"))
        .join(perCustomer.select(col("customer_id")), "customer_id"));
    Dataset<Row> scored = perCustomer(top, rel, perCustomer, k);
    Column[] aggs = new Column[1 + 2 * PER_CUSTOMER.size()];
    aggs[0] = count(lit(1));
    for (int i = 0; i < PER_CUSTOMER.size(); i++) {
      aggs[1 + 2 * i] = avg(col(PER_CUSTOMER.get(i)));
      aggs[2 + 2 * i] = coalesce(stddev_samp(col(PER_CUSTOMER.get(i))), lit(0.0));
    }
    Row r = scored.agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, aggs.length)).first();
    long customers = r.getLong(0);
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < PER_CUSTOMER.size(); i++) {
      String name = PER_CUSTOMER.get(i) + "@" + k;
      m.put(name, customers == 0 ? 0.0 : r.getDouble(1 + 2 * i));
      m.put(name + SE, customers == 0 ? 0.0 : r.getDouble(2 + 2 * i) / Math.sqrt(customers));
    }
    double[] coverage = coverage(top, customers, catalogue);
    m.put("catalogue_coverage@" + k, coverage[0]);
    m.put("catalogue_coverage@" + k + SE, coverage[1]);
    m.put("customers", (double) customers);
    return m;
  }

  /**
   * The per-customer values behind {@link #compute}: customer_id and hit_rate, precision, recall, mrr, ndcg of
   * every evaluated customer (0 without a list).
   */
  static Dataset<Row> perCustomer(Dataset<Row> lists, Dataset<Row> relevant, int k) {
    Dataset<Row> rel = relevant.select(col("customer_id"), col("product_id")).distinct();
    Dataset<Row> perCustomer = rel.groupBy(col("customer_id")).agg(count(lit(1)).as("_relevant"));
    Dataset<Row> top = lists.where(col("rank").leq(k)).select(col("customer_id"), col("product_id"), col("rank"));
    return perCustomer(top, rel, perCustomer, k);
  }

  private static Dataset<Row> perCustomer(Dataset<Row> top, Dataset<Row> rel, Dataset<Row> perCustomer, int k) {
    Dataset<Row> hits = top.join(rel, new String[] {"customer_id", "product_id"})
        .groupBy(col("customer_id")).agg(count(lit(1)).as("_hits"), min(col("rank")).as("_first"),
            sum(lit(1.0).divide(log2(col("rank").plus(1)))).as("_dcg"));
    Column hitCount = coalesce(col("_hits"), lit(0L));
    Column idcg = expr("aggregate(sequence(1, least(_relevant, " + k + ")), 0D, (acc, r) -> acc + 1D / log2(r + 1))");
    return perCustomer.join(hits, new String[] {"customer_id"}, "left")
        .select(col("customer_id"), when(hitCount.gt(0), 1.0).otherwise(0.0).as("hit_rate"),
            hitCount.divide((double) k).as("precision"),
            hitCount.divide(col("_relevant")).as("recall"),
            coalesce(lit(1.0).divide(col("_first")), lit(0.0)).as("mrr"),
            coalesce(col("_dcg"), lit(0.0)).divide(idcg).as("ndcg"));
  }

  /**
   * How far one method leads another on the same customers: for hit rate and NDCG, the mean over customers
   * of (ours − theirs) as {@code lead_<metric>@k} and its paired standard error as {@code lead_<metric>@k_se}
   * (tighter than the two methods' own errors combined, since both are scored on the same customers).
   *
   * @param ours {@link #perCustomer} of the method that leads
   * @param theirs {@link #perCustomer} of the other, on the same relevant products
   */
  static Map<String, Double> lead(Dataset<Row> ours, Dataset<Row> theirs, int k) {
    Dataset<Row> d = ours.select(col("customer_id"), col("hit_rate").as("_h"), col("ndcg").as("_n"))
        .join(theirs, "customer_id")
        .select(col("_h").minus(col("hit_rate")).as("_dh"), col("_n").minus(col("ndcg")).as("_dn"));
    Row r = d.agg(count(lit(1)), coalesce(avg(col("_dh")), lit(0.0)), coalesce(stddev_samp(col("_dh")), lit(0.0)),
        coalesce(avg(col("_dn")), lit(0.0)), coalesce(stddev_samp(col("_dn")), lit(0.0))).first();
    double n = Math.max(1, r.getLong(0));
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("lead_hit_rate@" + k, r.getDouble(1));
    m.put("lead_hit_rate@" + k + SE, r.getDouble(2) / Math.sqrt(n));
    m.put("lead_ndcg@" + k, r.getDouble(3));
    m.put("lead_ndcg@" + k + SE, r.getDouble(4) / Math.sqrt(n));
    return m;
  }

  /**
   * Catalogue coverage of the lists and its delete-one-customer jackknife standard error: leaving customer i
   * out loses the u_i products that only i's list holds, so the variance is (n − 1) / n · Σ (u_i − ū)² /
   * catalogue² over the n evaluated customers (customers without a list have u_i = 0).
   *
   * @param top customer_id, product_id of the evaluated customers' top k
   * @return {coverage, standard error}
   */
  static double[] coverage(Dataset<Row> top, long customers, long catalogue) {
    if (catalogue == 0 || customers == 0) {
      return new double[] {0.0, 0.0};
    }
    Dataset<Row> listing = top.groupBy(col("product_id")).agg(countDistinct(col("customer_id")).as("_listing"));
    Row u = top.select(col("customer_id"), col("product_id")).distinct()
        .join(listing, "product_id")
        .groupBy(col("customer_id")).agg(sum(when(col("_listing").equalTo(1), 1L).otherwise(0L)).as("_u"))
        .agg(coalesce(sum(col("_u")), lit(0L)), coalesce(sum(col("_u").multiply(col("_u"))), lit(0L)))
        .first();
    long covered = listing.count();
    double n = customers;
    double mean = u.getLong(0) / n;
    double squares = u.getLong(1) - n * mean * mean;
    double variance = (n - 1) / n * Math.max(0.0, squares) / ((double) catalogue * catalogue);
    return new double[] {(double) covered / catalogue, Math.sqrt(variance)};
  }
}
