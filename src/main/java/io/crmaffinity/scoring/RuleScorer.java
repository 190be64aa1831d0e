package io.crmaffinity.scoring;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.log2;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Scores rules from the four counts FPGrowth already determined — n baskets, a = count(A), b = count(B),
 * ab = count(A ∪ B) — as column expressions plus one narrow UDF (the Fisher test): no second pass over the
 * baskets and no join back onto the itemsets. Every measure is finite, never NaN or ±Infinity; docs/rules.md
 * defines each one and its edge cases.
 */
public final class RuleScorer {
  /** How p-values are adjusted for testing every rule of a run. */
  public enum Adjustment { HOLM, BH, NONE }

  private static final UserDefinedFunction FISHER = udf(
      (UDF4<Long, Long, Long, Long, Double>) FisherExactTest::upperTail, DataTypes.DoubleType)
      .asNonNullable().withName("fisher_upper_tail");

  private RuleScorer() {}

  /**
   * @param rules antecedent, consequent, support, confidence, lift (as FPGrowth gives them), segment and
   *     basket_count (the baskets the rules were mined from)
   * @return the rules with the counts, every measure and the raw p-value
   */
  public static Dataset<Row> score(Dataset<Row> rules) {
    Column nn = col("basket_count").cast("double");
    // FPGrowth reports ratios of integer counts; the counts come back exactly by rounding.
    Dataset<Row> counted = rules
        .withColumn("rule_count", round(col("support").multiply(nn)).cast("long"))
        .withColumn("antecedent_count", round(col("rule_count").divide(col("confidence"))).cast("long"))
        .withColumn("consequent_count", round(nn.multiply(col("confidence")).divide(col("lift"))).cast("long"));

    // Shared terms get names of their own (one projection each): referenced many times below, Spark keeps
    // them computed once instead of copying their expressions into every measure.
    Column n = col("basket_count");
    Column a = col("antecedent_count");
    Column b = col("consequent_count");
    Column ab = col("rule_count");
    Dataset<Row> terms = withCells(counted, n, a, b, ab);
    terms = withMutualInformation(terms).select(col("*"),
        col("_a").multiply(col("_b")).multiply(col("_notA")).multiply(col("_notB")).as("_margins"),
        entropy(col("_b").divide(col("_n"))).as("_hB"));

    Column nd = col("_n");
    Column ad = col("_a");
    Column bd = col("_b");
    Column abd = col("_ab");
    Column delta = col("_delta");
    Column notA = col("_notA");
    Column notB = col("_notB");
    Column aNotB = col("_aNotB");
    Column bNotA = col("_bNotA");
    Column neither = col("_neither");
    Column margins = col("_margins"); // 0 when A or B is in every basket
    Column half = lit(0.5);
    return terms
        .withColumn("support", abd.divide(nd))
        .withColumn("confidence", abd.divide(ad))
        .withColumn("lift", abd.multiply(nd).divide(ad.multiply(bd)))
        .withColumn("antecedent_support", ad.divide(nd))
        .withColumn("consequent_support", bd.divide(nd))
        .withColumn("leverage", delta.divide(nd.multiply(nd)))
        // A rule without a counterexample (confidence 1) would have infinite conviction: its empty cell counts
        // as half a basket instead, so the value is finite and grows with the evidence (a).
        .withColumn("conviction", when(aNotB.equalTo(0), when(notB.equalTo(0), lit(1.0))
                .otherwise(ad.multiply(notB).divide(nd.multiply(half))))
            .otherwise(ad.multiply(notB).divide(nd.multiply(aNotB))))
        .withColumn("jaccard", abd.divide(ad.plus(bd).minus(abd)))
        .withColumn("kulczynski", abd.divide(ad).plus(abd.divide(bd)).divide(2))
        .withColumn("cosine", abd.divide(sqrt(ad.multiply(bd))))
        .withColumn("certainty", when(delta.gt(0), delta.divide(ad.multiply(notB)))
            .when(delta.lt(0), delta.divide(ad.multiply(bd))).otherwise(lit(0.0)))
        .withColumn("zhangs_metric", when(delta.equalTo(0), lit(0.0))
            .otherwise(delta.divide(greatest(abd.multiply(notA), ad.multiply(bNotA)))))
        // An empty off-diagonal cell would make the odds ratio infinite: Haldane-Anscombe's correction (0.5 added
        // to each of the four cells) keeps it finite, as epidemiology does for zero cells.
        .withColumn("odds_ratio", when(aNotB.multiply(bNotA).equalTo(0),
                when(abd.multiply(neither).equalTo(0), lit(1.0))
                    .otherwise(abd.plus(half).multiply(neither.plus(half))
                        .divide(aNotB.plus(half).multiply(bNotA.plus(half)))))
            .otherwise(abd.multiply(neither).divide(aNotB.multiply(bNotA))))
        .withColumn("added_value", delta.divide(ad.multiply(nd)))
        .withColumn("phi", when(margins.equalTo(0), lit(0.0)).otherwise(delta.divide(sqrt(margins))))
        .withColumn("information_gain", col("_ig"))
        // I(A;B) <= H(B); when A and B always go together they are equal, and the two sums, taken by different
        // routes, can differ in the last bits: the ratio is held at 1.
        .withColumn("information_gain_ratio", when(col("_hB").equalTo(0), lit(0.0))
            .otherwise(least(lit(1.0), col("_ig").divide(col("_hB")))))
        .withColumn("chi_square", when(margins.equalTo(0), lit(0.0))
            .otherwise(nd.multiply(delta).multiply(delta).divide(margins)))
        .withColumn("p_value", FISHER.apply(n, a, b, ab))
        .drop("_n", "_a", "_b", "_ab", "_delta", "_notA", "_notB", "_aNotB", "_bNotA", "_neither", "_margins",
            "_ig", "_hB");
  }

  /**
   * Adjusts {@code p_value} for the number of rules tested in the run (all rows of {@code scored}) into
   * {@code p_value_adjusted}: Holm (family-wise error) or Benjamini–Hochberg (false discovery rate), as R's
   * {@code p.adjust} computes them, ties included.
   */
  public static Dataset<Row> adjustPValues(Dataset<Row> scored, Adjustment method) {
    if (method == Adjustment.NONE) {
      return scored.withColumn("p_value_adjusted", col("p_value"));
    }
    // All of the run's rules are one family of tests, so the ordering spans every segment.
    WindowSpec byP = Window.orderBy(col("p_value").asc(), col("_key").asc());
    Dataset<Row> ordered = scored
        .withColumn("_key", ruleKey())
        .withColumn("_m", count(lit(1)).over(byP.rowsBetween(Window.unboundedPreceding(),
            Window.unboundedFollowing())).cast("double"))
        .withColumn("_i", row_number().over(byP).cast("double"));
    Column adjusted;
    if (method == Adjustment.HOLM) {
      Column raw = least(lit(1.0), col("_m").minus(col("_i")).plus(1).multiply(col("p_value")));
      adjusted = max(raw).over(byP.rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
    } else {
      Column raw = least(lit(1.0), col("_m").divide(col("_i")).multiply(col("p_value")));
      // min over j >= i as a running minimum in descending order: Spark evaluates a frame that ends at
      // "unbounded following" anew for every row (quadratic), a running one in a single pass.
      adjusted = min(raw).over(Window.orderBy(col("p_value").desc(), col("_key").desc())
          .rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
    }
    return ordered.withColumn("p_value_adjusted", adjusted).drop("_m", "_i", "_key");
  }

  /** Ranks within each segment by {@code measure}, ties broken by information gain, lift, confidence, support, items. */
  public static Dataset<Row> rank(Dataset<Row> rules, Measure measure) {
    List<Column> order = new ArrayList<>();
    order.add(measure.higherIsBetter() ? col(measure.column()).desc() : col(measure.column()).asc());
    order.add(col("information_gain").desc());
    order.add(col("lift").desc());
    order.add(col("confidence").desc());
    order.add(col("support").desc());
    order.add(col("_key").asc());
    return rules.withColumn("_key", ruleKey()).withColumn("rank", row_number().over(
        Window.partitionBy(col("segment")).orderBy(order.toArray(Column[]::new)))).drop("_key");
  }

  /** A total, deterministic order of rules for ties: the items of both sides and the segment. */
  private static Column ruleKey() {
    return concat_ws("\u0002", array_join(col("antecedent"), "\u0001"), array_join(col("consequent"), "\u0001"),
        col("segment"));
  }

  /**
   * Adds column {@code out}: the information gain in bits (as {@link #score} computes it for rules) of the 2x2
   * table given by its counts: n observations, a holding A, b holding B, ab holding both (all long columns).
   */
  public static Dataset<Row> withInformationGain(Dataset<Row> df, Column n, Column a, Column b, Column ab,
      String out) {
    return withMutualInformation(withCells(df, n, a, b, ab)).withColumnRenamed("_ig", out)
        .drop("_n", "_a", "_b", "_ab", "_delta", "_notA", "_notB", "_aNotB", "_bNotA", "_neither");
  }

  /**
   * The 2x2 table's cells as doubles: _n, _a, _b, _ab, _notA, _notB, _aNotB, _bNotA, _neither, and _delta =
   * n·ab − a·b, exact in 64-bit integers (the sign and size of the departure from independence).
   */
  private static Dataset<Row> withCells(Dataset<Row> df, Column n, Column a, Column b, Column ab) {
    Dataset<Row> terms = df
        .withColumn("_n", n.cast("double"))
        .withColumn("_a", a.cast("double"))
        .withColumn("_b", b.cast("double"))
        .withColumn("_ab", ab.cast("double"))
        .withColumn("_delta", n.multiply(ab).minus(a.multiply(b)).cast("double"));
    return terms.select(col("*"),
        col("_n").minus(col("_a")).as("_notA"),
        col("_n").minus(col("_b")).as("_notB"),
        col("_a").minus(col("_ab")).as("_aNotB"),
        col("_b").minus(col("_ab")).as("_bNotA"),
        col("_n").minus(col("_a")).minus(col("_b")).plus(col("_ab")).as("_neither"));
  }

  /**
   * Adds {@code _ig}: I(X;Y) in bits between "basket holds A" and "basket holds B" from the 2x2 table of
   * counts (0·log 0 = 0); it equals H(A) − H(A|B), is symmetric, 0 under independence and finite for
   * confidence-1 rules.
   *
   * <p>Computed without cancellation: with u = (observed − expected) / expected for each cell, the four
   * terms p(x)p(y)·[(1+u)·ln(1+u) − u] are all non-negative and sum to I (the −u parts sum to zero), and
   * u = ±(n·ab − a·b) / (row·column) comes from exact integers. Near independence — where a plain
   * Σ p·log(p/q) loses most of its digits — the result keeps full relative precision.
   */
  static Dataset<Row> withMutualInformation(Dataset<Row> terms) {
    // Cells: (A,B), (A,¬B), (¬A,B), (¬A,¬B) as {count, row total, column total, sign of the departure}.
    String[][] cells = {{"_ab", "_a", "_b", "1"}, {"_aNotB", "_a", "_notB", "-1"},
        {"_bNotA", "_notA", "_b", "-1"}, {"_neither", "_notA", "_notB", "1"}};
    List<Column> uw = new ArrayList<>();
    uw.add(col("*"));
    for (int i = 0; i < cells.length; i++) {
      Column expected = col(cells[i][1]).multiply(col(cells[i][2]));
      uw.add(expected.divide(col("_n").multiply(col("_n"))).as("_w" + i));
      uw.add(when(expected.equalTo(0), lit(0.0))
          .otherwise(col("_delta").multiply(Double.parseDouble(cells[i][3])).divide(expected)).as("_u" + i));
    }
    Dataset<Row> withU = terms.select(uw.toArray(Column[]::new));
    Column nats = lit(0.0);
    for (int i = 0; i < cells.length; i++) {
      Column term = when(col("_w" + i).equalTo(0), lit(0.0))
          .when(col(cells[i][0]).equalTo(0), col("_w" + i))
          .otherwise(col("_w" + i).multiply(excess(col("_u" + i))));
      nats = nats.plus(term);
    }
    return withU.withColumn("_ig", nats.divide(Math.log(2)))
        .drop("_w0", "_w1", "_w2", "_w3", "_u0", "_u1", "_u2", "_u3");
  }

  /** (1+u)·ln(1+u) − u, by its series Σ (−u)^k / (k(k−1)) near 0 where the closed form cancels. */
  private static Column excess(Column u) {
    Column series = lit(0.0);
    Column power = u.multiply(u);
    for (int k = 2; k <= 9; k++) {
      series = series.plus(power.divide((double) k * (k - 1)).multiply(k % 2 == 0 ? 1.0 : -1.0));
      power = power.multiply(u);
    }
    Column closed = lit(1.0).plus(u).multiply(log1p(u)).minus(u);
    return when(abs(u).lt(0.01), series).otherwise(closed);
  }

  /** Binary entropy in bits, 0 at p = 0 or 1. */
  private static Column entropy(Column p) {
    Column q = lit(1.0).minus(p);
    return when(p.gt(0).and(q.gt(0)), p.multiply(log2(p)).plus(q.multiply(log2(q))).multiply(-1))
        .otherwise(lit(0.0));
  }
}
