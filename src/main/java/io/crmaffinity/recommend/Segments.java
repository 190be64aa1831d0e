package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Which segment's rules and popularity serve each customer. */
final class Segments {
  private Segments() {}

  static final String ALL = "ALL";
  /** Segmentations that are an attribute of the customer (channel is an attribute of an order). */
  static final Set<String> CUSTOMER_ATTRIBUTES = Set.of("customer_type", "segment", "region");

  /**
   * The customer's own segment ({@code attribute=VALUE}, labelled as the basket builder labels baskets) when
   * rules were mined for it, else {@code ALL}.
   *
   * @param ids customer_id of the customers to serve
   * @param customers the customers table
   * @param segmentBy mining.segment-by
   * @param mined one column {@code segment}: the segments that have rules (small: one row per segment)
   * @return customer_id, segment
   */
  static Dataset<Row> assign(Dataset<Row> ids, Dataset<Row> customers, String segmentBy, Dataset<Row> mined) {
    if (!CUSTOMER_ATTRIBUTES.contains(segmentBy)) {
      return ids.select(col("customer_id"), lit(ALL).as("segment"));
    }
    // Must match BasketBuilder's label: "<attribute>=<VALUE upper-cased>", UNKNOWN when empty.
    Dataset<Row> labelled = ids.join(customers.select(col("customer_id"),
            concat(lit(segmentBy + "="), coalesce(upper(col(segmentBy)), lit("UNKNOWN"))).as("_label")),
        "customer_id");
    Dataset<Row> segments = broadcast(mined.select(col("segment").as("_mined")).distinct());
    return labelled.join(segments, col("_label").equalTo(col("_mined")), "left")
        .select(col("customer_id"), when(col("_mined").isNotNull(), col("_label")).otherwise(lit(ALL)).as("segment"));
  }
}
