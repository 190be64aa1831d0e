package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_remove;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The reference for {@link Explanations}: the same expected revenue and reasons in Spark SQL (joins for the
 * product names), which the run used before the reasons moved into {@link OfferLists}' one pass.
 */
final class SqlExplanations {
  private SqlExplanations() {}

  private static final String SIMILAR_REASON = Explanations.SIMILAR_REASON;

  /**
   * @param ranked {@link OfferLists#RANKED} rows ({@link Recommender#rank}: the same columns)
   * @param products product_id, name, unit_price
   * @return the recommendations table's columns without run_id and run_date
   */
  static Dataset<Row> explain(Dataset<Row> ranked, Dataset<Row> products) {
    Dataset<Row> names = products.select(col("product_id").as("_pid"),
        coalesce(col("name"), col("product_id")).as("_name"), col("unit_price").cast("double").as("_price"));
    // Antecedent product names in the antecedent's (sorted id) order.
    Dataset<Row> antecedentNames = ranked.where(col("source").equalTo(Recommender.RULE))
        .select(col("customer_id"), col("product_id"), posexplode(col("antecedent")).as(new String[] {"_pos", "_pid"}))
        .join(names, "_pid")
        .groupBy(col("customer_id"), col("product_id"))
        .agg(expr("transform(array_sort(collect_list(struct(_pos, _name))), x -> x._name)").as("_ant_names"));
    Dataset<Row> rows = ranked
        .join(names, ranked.col("product_id").equalTo(names.col("_pid")))
        .join(antecedentNames, new String[] {"customer_id", "product_id"}, "left");

    Column isRule = col("source").equalTo(Recommender.RULE);
    Column segmentText = when(col("segment").equalTo(Segments.ALL), lit("all baskets"))
        .otherwise(concat(lit("the baskets of segment "), col("segment")));
    Column ruleReason = format_string("Holds %s: %.1f%% of baskets with %s also held %s (confidence %.3f, lift %.2f, "
            + "information gain %.4f bits)%s.",
        humanList(col("_ant_names")), col("confidence").multiply(100),
        when(size(col("_ant_names")).gt(1), lit("these")).otherwise(lit("it")), col("_name"), col("confidence"),
        col("lift"), col("information_gain"),
        when(col("rule_count").gt(2), format_string("; %d more rules also point to it", col("rule_count").minus(1)))
            .when(col("rule_count").equalTo(2), lit("; 1 more rule also points to it"))
            .otherwise(lit("")));
    Column customersText = when(col("segment").equalTo(Segments.ALL), lit("customers"))
        .otherwise(concat(lit("customers of segment "), col("segment")));
    Column similarReason = format_string(SIMILAR_REASON + "%s: %d of the %d %s who bought it also bought %s (confidence %.3f, "
            + "lift %.2f, information gain %.4f bits)%s.",
        element_at(col("_ant_names"), 1), col("together"), col("owners"), customersText, col("_name"),
        col("confidence"), col("lift"), col("information_gain"),
        when(col("rule_count").gt(2), format_string("; %d more of this customer's products point to it",
                col("rule_count").minus(1)))
            .when(col("rule_count").equalTo(2), lit("; 1 more of this customer's products points to it"))
            .otherwise(lit("")));
    Column popularReason = format_string("%s is among the most popular products in %s (in %.1f%% of them)%s.",
        col("_name"), segmentText, col("score").multiply(100),
        when(col("similar_below").gt(0), lit("; its share of customers is above the estimated chance of the similar"
                + " items ranked below it"))
            .when(col("rule_products").gt(0), lit("; it fills the list after the rule-based products"))
            .otherwise(lit("; no rule fired on what this customer holds")));
    return rows.select(col("segment"), col("customer_id"), col("rank"), col("product_id"), col("score"),
        col("probability").multiply(col("_price")).as("expected_revenue"), col("source"),
        // The table's arrays hold no nulls, and Spark cannot cast an array that may hold nulls to one that
        // may not: transform with a non-null body, and an empty array built from a non-null literal.
        coalesce(expr("transform(antecedent, x -> coalesce(x, ''))"), array_remove(array(lit("")), ""))
            .as("antecedent"),
        col("confidence"), col("lift"), col("information_gain"),
        when(isRule.and(col("tier").equalTo(1)), similarReason).when(isRule, ruleReason).otherwise(popularReason)
            .as("reason"));
  }

  /** "A", "A and B", "A, B and C". */
  static Column humanList(Column names) {
    Column n = size(names);
    return when(n.leq(1), element_at(names, 1))
        .otherwise(concat(array_join(slice(names, lit(1), n.minus(1)), ", "), lit(" and "), element_at(names, -1)));
  }
}
