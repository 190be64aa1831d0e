package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Expected revenue and the one-sentence reason of each recommendation (product names, never customer names),
 * made row by row inside {@link OfferLists}' pass over the customers from a broadcast {@link #catalogue}: no
 * join or shuffle of the (customer, product) rows.
 */
final class Explanations {
  private Explanations() {}

  /** How the reason of a similar-items row begins (the summary counts those rows by it). */
  static final String SIMILAR_REASON = "Bought ";

  /** The recommendations table's columns without run_id and run_date. */
  static final StructType EXPLAINED = new StructType()
      .add("segment", DataTypes.StringType, true)
      .add("customer_id", DataTypes.StringType, true)
      .add("rank", DataTypes.IntegerType, false)
      .add("product_id", DataTypes.StringType, false)
      .add("score", DataTypes.DoubleType, false)
      .add("expected_revenue", DataTypes.DoubleType, true)
      .add("source", DataTypes.StringType, false)
      .add("antecedent", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("confidence", DataTypes.DoubleType, true)
      .add("lift", DataTypes.DoubleType, true)
      .add("information_gain", DataTypes.DoubleType, true)
      .add("reason", DataTypes.StringType, true);

  /** A product as reasons name it: its name (the id when it has none) and unit price (null when unknown). */
  record Named(String name, Double price) implements Serializable {}

  /** product_id → name and price. @param products product_id, name, unit_price */
  static Map<String, Named> catalogue(Dataset<Row> products) {
    Map<String, Named> out = new HashMap<>();
    products.select(col("product_id"), coalesce(col("name"), col("product_id")),
        col("unit_price").cast("double")).collectAsList()
        .forEach(r -> out.put(r.getString(0), new Named(r.getString(1), r.isNullAt(2) ? null : r.getDouble(2))));
    return out;
  }

  /**
   * One recommendation row: Spark's format_string conventions (Locale.US, "null" for a missing value).
   *
   * @param r an {@link OfferLists#RANKED} row
   * @return an {@link #EXPLAINED} row, or null when the product is not in the catalogue (the product table's
   *     rows are what may be recommended)
   */
  static Row explain(Row r, Map<String, Named> catalogue) {
    Named product = catalogue.get(r.getString(3));
    if (product == null) {
      return null;
    }
    String segment = r.getString(1);
    String source = r.getString(6);
    String[] antecedent = strings(r.get(7));
    Double confidence = r.isNullAt(8) ? null : r.getDouble(8);
    Double lift = r.isNullAt(9) ? null : r.getDouble(9);
    Double gain = r.isNullAt(10) ? null : r.getDouble(10);
    long ruleCount = r.getLong(11);
    double score = r.getDouble(4);
    double probability = r.getDouble(5);
    String reason;
    if (Recommender.RULE.equals(source)) {
      // Antecedent product names in the antecedent's (sorted id) order; ids not in the catalogue are left out.
      List<String> names = antecedent == null ? List.of() : Arrays.stream(antecedent)
          .map(catalogue::get).filter(n -> n != null).map(Named::name).toList();
      if (r.getInt(13) == 1) {
        String customers = segment == null ? null
            : Segments.ALL.equals(segment) ? "customers" : "customers of segment " + segment;
        reason = format(SIMILAR_REASON + "%s: %d of the %d %s who bought it also bought %s (confidence %.3f, "
                + "lift %.2f, information gain %.4f bits)%s.",
            names.isEmpty() ? null : names.get(0), r.isNullAt(14) ? null : r.getLong(14),
            r.isNullAt(15) ? null : r.getLong(15), customers, product.name(), confidence, lift, gain,
            ruleCount > 2 ? format("; %d more of this customer's products point to it", ruleCount - 1)
                : ruleCount == 2 ? "; 1 more of this customer's products points to it" : "");
      } else {
        reason = format("Holds %s: %.1f%% of baskets with %s also held %s (confidence %.3f, lift %.2f, "
                + "information gain %.4f bits)%s.",
            humanList(names), confidence == null ? null : confidence * 100, names.size() > 1 ? "these" : "it",
            product.name(), confidence, lift, gain,
            ruleCount > 2 ? format("; %d more rules also point to it", ruleCount - 1)
                : ruleCount == 2 ? "; 1 more rule also points to it" : "");
      }
    } else {
      String baskets = segment == null ? null
          : Segments.ALL.equals(segment) ? "all baskets" : "the baskets of segment " + segment;
      reason = format("%s is among the most popular products in %s (in %.1f%% of them)%s.", product.name(),
          baskets, score * 100,
          r.getLong(16) > 0 ? "; its share of customers is above the estimated chance of the similar items ranked"
              + " below it"
              : r.getLong(12) > 0 ? "; it fills the list after the rule-based products"
              : "; no rule fired on what this customer holds");
    }
    String[] items = antecedent == null ? new String[0]
        : Arrays.stream(antecedent).map(x -> x == null ? "" : x).toArray(String[]::new);
    return RowFactory.create(segment, r.getString(0), r.getInt(2), r.getString(3), score,
        product.price() == null ? null : probability * product.price(), source, items, confidence, lift, gain,
        reason);
  }

  /** "A", "A and B", "A, B and C" (null for none). */
  static String humanList(List<String> names) {
    int n = names.size();
    return n == 0 ? null : n == 1 ? names.get(0)
        : String.join(", ", names.subList(0, n - 1)) + " and " + names.get(n - 1);
  }

  private static String[] strings(Object array) {
    if (array == null) {
      return null;
    }
    if (array instanceof String[] a) {
      return a;
    }
    if (array instanceof List<?> l) {
      return l.stream().map(x -> (String) x).toArray(String[]::new);
    }
    throw new IllegalArgumentException("antecedent: expected String[] or a List, got " + array.getClass());
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.US, pattern, args);
  }
}
