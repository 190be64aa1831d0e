package io.crmaffinity.history;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What changed between two runs' rule sets: rules new, dropped, and how rank and measures moved. */
public final class RuleDiff {
  private RuleDiff() {}

  /**
   * @param from the earlier run's association_rules rows
   * @param to the later run's rows
   * @return segment, antecedent, consequent, change (NEW, DROPPED, CHANGED, SAME), rank_from, rank_to,
   *     rank_change (positive = moved up), information_gain_from/_to/_change, confidence_from/_to,
   *     lift_from/_to
   */
  public static Dataset<Row> compare(Dataset<Row> from, Dataset<Row> to) {
    Dataset<Row> a = side(from, "_from");
    Dataset<Row> b = side(to, "_to");
    Column key = a.col("k_from").equalTo(b.col("k_to"));
    Dataset<Row> joined = a.join(b, key, "full_outer");
    Column isNew = col("k_from").isNull();
    Column dropped = col("k_to").isNull();
    Column same = col("rank_from").equalTo(col("rank_to"))
        .and(col("information_gain_from").equalTo(col("information_gain_to")))
        .and(col("confidence_from").equalTo(col("confidence_to")))
        .and(col("lift_from").equalTo(col("lift_to")));
    return joined.select(
        coalesce(col("segment_to"), col("segment_from")).as("segment"),
        coalesce(col("antecedent_to"), col("antecedent_from")).as("antecedent"),
        coalesce(col("consequent_to"), col("consequent_from")).as("consequent"),
        when(isNew, lit("NEW")).when(dropped, lit("DROPPED")).when(same, lit("SAME")).otherwise(lit("CHANGED"))
            .as("change"),
        col("rank_from"), col("rank_to"),
        col("rank_from").minus(col("rank_to")).as("rank_change"),
        col("information_gain_from"), col("information_gain_to"),
        col("information_gain_to").minus(col("information_gain_from")).as("information_gain_change"),
        col("confidence_from"), col("confidence_to"), col("lift_from"), col("lift_to"));
  }

  /** The rules that moved most: by |rank change|, then |information gain change|. */
  public static Dataset<Row> movedMost(Dataset<Row> diff, int n) {
    return diff.where(col("change").equalTo("CHANGED"))
        .orderBy(abs(col("rank_change")).desc(), abs(col("information_gain_change")).desc())
        .limit(n);
  }

  private static Dataset<Row> side(Dataset<Row> rules, String suffix) {
    return rules.select(
        org.apache.spark.sql.functions.concat_ws("\u0002", col("segment"),
            org.apache.spark.sql.functions.array_join(col("antecedent"), "\u0001"),
            org.apache.spark.sql.functions.array_join(col("consequent"), "\u0001")).as("k" + suffix),
        col("segment").as("segment" + suffix), col("antecedent").as("antecedent" + suffix),
        col("consequent").as("consequent" + suffix), col("rank").as("rank" + suffix),
        col("information_gain").as("information_gain" + suffix), col("confidence").as("confidence" + suffix),
        col("lift").as("lift" + suffix));
  }
}
