package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** How popular each offered product is in each segment's baskets, and in all baskets (ALL). */
final class Popularity {
  private Popularity() {}

  /** Segment of case-category baskets (basket.include-case-categories); never a source of offers. */
  static final String SERVICE = "SERVICE";

  /**
   * @param baskets segment, items (one row per basket)
   * @param offers product_id of the products that may be recommended
   * @return segment, product_id, support (share of the segment's baskets holding the product, in (0, 1]),
   *     pop_rank (1 = most popular; ties by product_id)
   */
  static Dataset<Row> of(Dataset<Row> baskets, Dataset<Row> offers) {
    Dataset<Row> b = baskets.where(col("segment").notEqual(lit(SERVICE))).select(col("segment"), col("items"));
    // Every basket counts once in ALL and, when segmented, once in its own segment.
    Dataset<Row> both = b.unionByName(b.where(col("segment").notEqual(lit(Segments.ALL)))
        .select(lit(Segments.ALL).as("segment"), col("items")));
    Dataset<Row> totals = both.groupBy(col("segment")).agg(count(lit(1)).as("_baskets"));
    Dataset<Row> counts = both.select(col("segment"), explode(col("items")).as("product_id"))
        .join(offers.select(col("product_id")), "product_id")
        .groupBy(col("segment"), col("product_id")).agg(count(lit(1)).as("_n"));
    return counts.join(totals, "segment")
        .select(col("segment"), col("product_id"), col("_n").divide(col("_baskets")).as("support"),
            row_number().over(Window.partitionBy(col("segment")).orderBy(col("_n").desc(), col("product_id")))
                .as("pop_rank"));
  }
}
