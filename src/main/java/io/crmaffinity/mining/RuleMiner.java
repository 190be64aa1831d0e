package io.crmaffinity.mining;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.fpm.FPGrowth;
import org.apache.spark.ml.fpm.FPGrowthModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Frequent itemsets and rules with MLlib's FPGrowth (the reference) or {@link EclatMiner} (identical output). */
public final class RuleMiner {
  public static final String FPGROWTH = "fpgrowth";
  public static final String ECLAT = "eclat";

  private RuleMiner() {}

  /** MLlib FPGrowth, the reference engine. */
  public static MiningResult mine(Dataset<Row> baskets, long basketCount, double minSupport,
      double minConfidence, int numPartitions) {
    return mine(baskets, basketCount, minSupport, minConfidence, numPartitions, FPGROWTH);
  }

  /**
   * @param baskets rows with a distinct-items column {@code items}
   * @param basketCount how many rows {@code baskets} has (the caller already knows it)
   * @param engine {@link #FPGROWTH} or {@link #ECLAT}
   */
  public static MiningResult mine(Dataset<Row> baskets, long basketCount, double minSupport,
      double minConfidence, int numPartitions, String engine) {
    if (ECLAT.equals(engine)) {
      return EclatMiner.mine(baskets, basketCount, minSupport, minConfidence, numPartitions);
    }
    if (!FPGROWTH.equals(engine)) {
      throw new IllegalArgumentException("Unknown mining engine '" + engine + "'");
    }
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
