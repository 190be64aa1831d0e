package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rule tier as plain SQL, as the recommender computed it before {@link RuleMatcher}: every (customer,
 * firing rule) pair through an equi-join on the rule's first antecedent item, then a group by (customer,
 * product). Slow (it shuffles every pair) and kept only as the reference {@link RuleMatcherTest} compares with.
 */
final class SqlRuleMatch {
  private SqlRuleMatch() {}

  /**
   * Every rule that fires for a customer and recommends a product they do not hold.
   *
   * @return customer_id, segment, product_id, antecedent, confidence, lift, information_gain, measure
   */
  static Dataset<Row> firing(Dataset<Row> holdings, Dataset<Row> rules, Dataset<Row> offers, String score) {
    Dataset<Row> index = rules.where(size(col("consequent")).equalTo(1))
        .select(col("segment").as("_rseg"), element_at(col("antecedent"), 1).as("_key"), col("antecedent"),
            element_at(col("consequent"), 1).as("product_id"), col("confidence"), col("lift"),
            col("information_gain"), col(score).as("measure"))
        .join(offers.select(col("product_id")), "product_id");
    Dataset<Row> keys = holdings.select(col("customer_id"), col("segment"), col("owned_items"), col("held_items"),
        explode(col("owned_items")).as("_item"));
    return keys.join(index, col("segment").equalTo(col("_rseg")).and(col("_item").equalTo(col("_key"))))
        .where(size(array_except(col("antecedent"), col("owned_items"))).equalTo(0)
            .and(expr("NOT array_contains(held_items, product_id)")))
        .select(col("customer_id"), col("segment"), col("product_id"), col("antecedent"), col("confidence"),
            col("lift"), col("information_gain"), col("measure"));
  }

  /**
   * One row per (customer, product) of {@link #firing}: {@link RuleMatcher#match}'s columns, every product.
   * Noisy-or multiplies in collect_list order, which Spark does not fix.
   */
  static Dataset<Row> combine(Dataset<Row> firing, RecommendOptions o) {
    Dataset<Row> g = firing.groupBy(col("customer_id"), col("segment"), col("product_id")).agg(
        max(struct(col("measure"), col("confidence"), col("lift"), col("information_gain"),
            negate(size(col("antecedent"))).as("_short"), col("antecedent"))).as("_best"),
        expr("1D - aggregate(collect_list(confidence), 1D, (acc, c) -> acc * (1D - c))").as("_noisy_or"),
        count(lit(1)).as("rule_count"));
    Column score = "noisy-or".equals(o.combine()) ? col("_noisy_or") : col("_best.measure");
    Column probability = "noisy-or".equals(o.combine()) ? col("_noisy_or") : col("_best.confidence");
    return g.select(col("customer_id"), col("segment"), col("product_id"), score.as("score"),
        probability.as("probability"), col("_best.antecedent").as("antecedent"),
        col("_best.confidence").as("confidence"), col("_best.lift").as("lift"),
        col("_best.information_gain").as("information_gain"), col("rule_count"));
  }
}
