package io.crmaffinity.scoring;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.types.StructType;

/**
 * Filters, prunes and ranks scored rules. Each step is a separate Dataset so the job can record how many
 * rules each one kept.
 */
public final class RuleSelection {
  /** Longest antecedent whose subsets are enumerated for pruning (2^12 − 2 subsets). */
  static final int MAX_PRUNE_ANTECEDENT = 12;
  private static final String SEP = "\u0001";

  private RuleSelection() {}

  /** The steps in order, as (name, rules after it); the last one is the ranked selection. */
  public static Map<String, Dataset<Row>> steps(Dataset<Row> scored, SelectionOptions o) {
    Map<String, Dataset<Row>> steps = new LinkedHashMap<>();
    Dataset<Row> current = scored;
    steps.put("mined", current);
    if (o.minLift() > 0) {
      current = current.where(col("lift").geq(o.minLift()));
      steps.put("min-lift", current);
    }
    if (o.minInformationGain() > 0) {
      current = current.where(col("information_gain").geq(o.minInformationGain()));
      steps.put("min-information-gain", current);
    }
    if (o.maxPValue() < 1) {
      current = current.where(col("p_value_adjusted").leq(o.maxPValue()));
      steps.put("max-p-value", current);
    }
    if (o.pruneRedundant()) {
      current = pruneRedundant(current, o.rankBy());
      steps.put("prune-redundant", current);
    }
    current = RuleScorer.rank(current, o.rankBy());
    if (o.maxRules() > 0) {
      current = current.where(col("rank").leq(o.maxRules()));
      steps.put("max-rules", current);
    } else {
      steps.put("ranked", current);
    }
    return steps;
  }

  /**
   * Drops every rule A → c for which a rule A' → c with A' a proper, non-empty subset of A (in the same
   * segment, among {@code rules}) scores at least as well on {@code measure}: the longer rule adds items
   * without adding value. Subsets are enumerated per rule and joined by key, so the cost grows with the
   * rules and their antecedent lengths, not with rules squared.
   */
  public static Dataset<Row> pruneRedundant(Dataset<Row> rules, Measure measure) {
    Column antecedentKey = array_join(col("antecedent"), SEP);
    Column consequentKey = array_join(col("consequent"), SEP);
    Dataset<Row> keyed = rules.withColumn("_ak", antecedentKey).withColumn("_ck", consequentKey);

    StructType subsetSchema = StructType.fromDDL("_seg STRING, _ck STRING, _ak STRING, _sub STRING");
    Dataset<Row> subsets = keyed.select(col("segment"), col("_ck"), col("_ak"), col("antecedent"))
        .flatMap((FlatMapFunction<Row, Row>) RuleSelection::properSubsets, Encoders.row(subsetSchema));

    Dataset<Row> scores = keyed.select(col("segment").as("_seg"), col("_ck"), col("_ak").as("_sub"),
        col(measure.column()).as("_sub_score"));
    Column best = measure.higherIsBetter() ? max(col("_sub_score")) : min(col("_sub_score"));
    Dataset<Row> bestSubset = subsets.join(scores, new String[] {"_seg", "_ck", "_sub"}, "inner")
        .groupBy(col("_seg"), col("_ck"), col("_ak")).agg(best.as("_best"));

    Column own = col(measure.column());
    Column dominated = measure.higherIsBetter() ? col("_best").geq(own) : col("_best").leq(own);
    Dataset<Row> redundant = keyed.join(bestSubset,
            keyed.col("segment").equalTo(bestSubset.col("_seg"))
                .and(keyed.col("_ck").equalTo(bestSubset.col("_ck")))
                .and(keyed.col("_ak").equalTo(bestSubset.col("_ak"))), "inner")
        .where(dominated)
        .select(keyed.col("segment").as("_rs"), keyed.col("_ck").as("_rc"), keyed.col("_ak").as("_ra"));
    return keyed.join(redundant, col("segment").equalTo(col("_rs")).and(col("_ck").equalTo(col("_rc")))
            .and(col("_ak").equalTo(col("_ra"))), "left_anti")
        .drop("_ak", "_ck");
  }

  private static java.util.Iterator<Row> properSubsets(Row r) {
    List<String> items = r.getList(3);
    int k = items.size();
    List<Row> out = new ArrayList<>();
    if (k < 2 || k > MAX_PRUNE_ANTECEDENT) {
      return out.iterator();
    }
    // Every non-empty proper subset, items kept in their sorted order so keys match antecedent keys.
    for (int mask = 1; mask < (1 << k) - 1; mask++) {
      StringBuilder key = new StringBuilder();
      for (int i = 0; i < k; i++) {
        if ((mask & (1 << i)) != 0) {
          if (key.length() > 0) {
            key.append(SEP);
          }
          key.append(items.get(i));
        }
      }
      out.add(RowFactory.create(r.getString(0), r.getString(1), r.getString(2), key.toString()));
    }
    return out.iterator();
  }
}
