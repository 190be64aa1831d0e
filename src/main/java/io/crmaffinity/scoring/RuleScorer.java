package io.crmaffinity.scoring;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log2;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Scores rules from the four counts FPGrowth already determined — n baskets, count(A), count(B),
 * count(A ∪ B) — as column expressions: no second pass over the baskets.
 */
public final class RuleScorer {
  private RuleScorer() {}

  /**
   * @param rules antecedent, consequent, support, confidence, lift (as FPGrowth gives them), and segment
   * @param n baskets the rules were mined from
   * @return the rules with antecedent_count, consequent_count, rule_count, antecedent_support,
   *     consequent_support, information_gain and rank (1 = highest information gain in its segment)
   */
  public static Dataset<Row> score(Dataset<Row> rules, long n) {
    Column nn = lit((double) n);
    // FPGrowth reports ratios of integer counts; the counts come back exactly by rounding.
    Dataset<Row> counted = rules
        .withColumn("rule_count", round(col("support").multiply(nn)).cast("long"))
        .withColumn("antecedent_count", round(col("rule_count").divide(col("confidence"))).cast("long"))
        .withColumn("consequent_count", round(nn.multiply(col("confidence")).divide(col("lift"))).cast("long"));
    return counted
        .withColumn("antecedent_support", col("antecedent_count").divide(nn))
        .withColumn("consequent_support", col("consequent_count").divide(nn))
        .withColumn("information_gain", mutualInformation(col("antecedent_count"), col("consequent_count"),
            col("rule_count"), nn))
        .withColumn("rank", row_number().over(Window.partitionBy(col("segment")).orderBy(
            col("information_gain").desc(), col("lift").desc(), col("confidence").desc(), col("support").desc(),
            array_join(col("antecedent"), "\u0001").asc(), array_join(col("consequent"), "\u0001").asc())));
  }

  /**
   * I(X;Y) in bits between "basket holds A" and "basket holds B" from the 2x2 table of counts, with
   * 0·log 0 = 0; equals H(A) − H(A|B), is symmetric, 0 under independence and finite for confidence-1 rules.
   */
  public static Column mutualInformation(Column countA, Column countB, Column countAB, Column n) {
    Column a = countA.cast("double");
    Column b = countB.cast("double");
    Column ab = countAB.cast("double");
    Column notA = n.minus(a);
    Column notB = n.minus(b);
    return cell(ab, a, b, n)
        .plus(cell(a.minus(ab), a, notB, n))
        .plus(cell(b.minus(ab), notA, b, n))
        .plus(cell(n.minus(a).minus(b).plus(ab), notA, notB, n));
  }

  /** One cell's share p(x,y)·log2(p(x,y) / (p(x)·p(y))) = (c/n)·log2(c·n / (row·column)); 0 when empty. */
  private static Column cell(Column count, Column rowTotal, Column columnTotal, Column n) {
    return when(count.gt(0), count.divide(n).multiply(
        log2(count.multiply(n).divide(rowTotal.multiply(columnTotal))))).otherwise(lit(0.0));
  }
}
