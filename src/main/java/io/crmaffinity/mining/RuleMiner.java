package io.crmaffinity.mining;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.fpm.FPGrowth;
import org.apache.spark.ml.fpm.FPGrowthModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Frequent itemsets and rules with MLlib's FPGrowth. */
public final class RuleMiner {
  private RuleMiner() {}

  /**
   * @param baskets rows with a distinct-items column {@code items}
   * @param basketCount how many rows {@code baskets} has (the caller already knows it)
   */
  public static MiningResult mine(Dataset<Row> baskets, long basketCount, double minSupport,
      double minConfidence, int numPartitions) {
    FPGrowth fp = new FPGrowth()
        .setItemsCol("items")
        .setMinSupport(minSupport)
        .setMinConfidence(minConfidence);
    if (numPartitions > 0) {
      fp.setNumPartitions(numPartitions);
    }
    FPGrowthModel model = fp.fit(baskets.select(col("items")));
    Dataset<Row> itemsets = model.freqItemsets()
        .select(array_sort(col("items")).as("items"), col("freq"));
    Dataset<Row> rules = model.associationRules()
        .select(array_sort(col("antecedent")).as("antecedent"), array_sort(col("consequent")).as("consequent"),
            col("support"), col("confidence"), col("lift"));
    return new MiningResult(itemsets, rules, basketCount);
  }
}
