package io.crmaffinity.basket;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import java.sql.Date;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Orders joined with their items and products into baskets: one row per basket with its distinct items,
 * sorted. A product on several lines of one order is one item.
 */
public final class BasketBuilder {
  private BasketBuilder() {}

  /**
   * @param orders accepted orders (order_id, customer_id, order_date, status, ...)
   * @param items accepted order_items (order_id, product_id, ...)
   * @param products accepted products (product_id, category, ...); small, so broadcast
   * @return basket_id, customer_id, items (array&lt;string&gt;, sorted, distinct), item_count
   */
  public static Dataset<Row> build(Dataset<Row> orders, Dataset<Row> items, Dataset<Row> products,
      BasketOptions options) {
    Dataset<Row> counted = orders
        .where(col("status").isin(options.statuses().toArray()))
        .where(col("order_date").leq(lit(Date.valueOf(options.runDate()))))
        .select(col("order_id"), col("customer_id"));
    String itemColumn = "category".equals(options.itemLevel()) ? "category" : "product_id";
    Dataset<Row> lines = counted
        .join(items.select(col("order_id"), col("product_id")), "order_id")
        .join(broadcast(products.select(col("product_id"), col("category"))), "product_id")
        .select(col("order_id"), col("customer_id"), col(itemColumn).as("item"));
    String basketKey = "customer".equals(options.granularity()) ? "customer_id" : "order_id";
    return lines.groupBy(col(basketKey).as("basket_id"))
        .agg(first(col("customer_id")).as("customer_id"), array_sort(collect_set(col("item"))).as("items"))
        .withColumn("item_count", size(col("items")));
  }
}
