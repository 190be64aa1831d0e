package io.crmaffinity.mining;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.crmaffinity.basket.BasketBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Mines ALL baskets and, when the baskets are segmented, each large enough segment on its own, from one
 * cached set of baskets: support is relative to the baskets of the segment the rule was mined in.
 */
public final class SegmentMiner {
  private static final DataType ITEMS = DataTypes.createArrayType(DataTypes.StringType, false);
  /** FPGrowth's output shapes (item arrays without null elements), for a run with nothing to mine. */
  static final StructType NO_ITEMSETS = new StructType()
      .add("items", ITEMS, false).add("freq", DataTypes.LongType, false);
  static final StructType NO_RULES = new StructType()
      .add("antecedent", ITEMS, false).add("consequent", ITEMS, false)
      .add("support", DataTypes.DoubleType, false).add("confidence", DataTypes.DoubleType, false)
      .add("lift", DataTypes.DoubleType, true);

  private SegmentMiner() {}

  /**
   * Which segments are mined: always ALL (when there are baskets), and every segment with at least
   * {@code minBaskets} baskets; the rest are skipped.
   *
   * @param bySegment baskets per segment label; a single {@code ALL} entry when not segmented
   */
  public record Plan(Map<String, Long> mined, Map<String, Long> skipped) {
    public static Plan of(Map<String, Long> bySegment, int minBaskets) {
      Map<String, Long> mined = new LinkedHashMap<>();
      Map<String, Long> skipped = new TreeMap<>();
      long total = bySegment.values().stream().mapToLong(Long::longValue).sum();
      if (total > 0) {
        mined.put(BasketBuilder.ALL, total);
      }
      new TreeMap<>(bySegment).forEach((segment, n) -> {
        if (segment.equals(BasketBuilder.ALL)) {
          return;
        }
        if (n >= minBaskets) {
          mined.put(segment, n);
        } else {
          skipped.put(segment, n);
        }
      });
      return new Plan(mined, skipped);
    }
  }

  /**
   * Mines the SERVICE baskets ({@link BasketBuilder#serviceBaskets}) as one more segment and keeps only what
   * involves a support case: itemsets holding a {@code CASE:} item, rules with one on either side. The
   * product-only rules are those of ALL, mined there already.
   *
   * @param n the SERVICE baskets mined (the customer baskets of ALL)
   */
  public static MiningResult mineService(SparkSession spark, Dataset<Row> serviceBaskets, long n, double minSupport,
      double minConfidence, int numPartitions, String engine) {
    spark.sparkContext().setJobDescription("crm-affinity: mine segment " + BasketBuilder.SERVICE);
    MiningResult m = RuleMiner.mine(serviceBaskets, n, minSupport, minConfidence, numPartitions, engine);
    String hasCase = "x -> x LIKE '" + BasketBuilder.CASE_PREFIX + "%'";
    Dataset<Row> itemsets = m.itemsets().where(org.apache.spark.sql.functions.expr("exists(items, " + hasCase + ")"))
        .withColumn("segment", lit(BasketBuilder.SERVICE)).withColumn("basket_count", lit(n));
    Dataset<Row> rules = m.rules()
        .where(org.apache.spark.sql.functions.expr("exists(antecedent, " + hasCase + ") OR exists(consequent, "
            + hasCase + ")"))
        .withColumn("segment", lit(BasketBuilder.SERVICE)).withColumn("basket_count", lit(n));
    return new MiningResult(itemsets, rules, n);
  }

  /**
   * @param baskets cached baskets with {@code segment} and {@code items}
   * @param engine {@code mining.engine}: fpgrowth or eclat
   * @return itemsets (items, freq, segment, basket_count) and rules (antecedent, consequent, support,
   *     confidence, lift, segment, basket_count) of every mined segment
   */
  public static MiningResult mine(SparkSession spark, Dataset<Row> baskets, Plan plan, double minSupport,
      double minConfidence, int numPartitions, String engine) {
    Dataset<Row> itemsets = null;
    Dataset<Row> rules = null;
    long total = 0;
    for (Map.Entry<String, Long> s : plan.mined().entrySet()) {
      String segment = s.getKey();
      long n = s.getValue();
      Dataset<Row> subset = segment.equals(BasketBuilder.ALL) ? baskets : baskets.where(col("segment").equalTo(segment));
      spark.sparkContext().setJobDescription("crm-affinity: mine segment " + segment);
      MiningResult m = RuleMiner.mine(subset, n, minSupport, minConfidence, numPartitions, engine);
      Dataset<Row> i = m.itemsets().withColumn("segment", lit(segment)).withColumn("basket_count", lit(n));
      Dataset<Row> r = m.rules().withColumn("segment", lit(segment)).withColumn("basket_count", lit(n));
      itemsets = itemsets == null ? i : itemsets.unionByName(i);
      rules = rules == null ? r : rules.unionByName(r);
      if (segment.equals(BasketBuilder.ALL)) {
        total = n;
      }
    }
    if (itemsets == null) {
      itemsets = spark.createDataFrame(java.util.List.of(), NO_ITEMSETS)
          .withColumn("segment", lit(BasketBuilder.ALL)).withColumn("basket_count", lit(0L));
      rules = spark.createDataFrame(java.util.List.of(), NO_RULES)
          .withColumn("segment", lit(BasketBuilder.ALL)).withColumn("basket_count", lit(0L));
    }
    return new MiningResult(itemsets, rules, total);
  }
}
