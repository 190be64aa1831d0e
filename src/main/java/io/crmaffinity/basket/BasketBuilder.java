package io.crmaffinity.basket;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.upper;

import java.sql.Date;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Baskets from the CRM model: one row per basket with its distinct items, sorted, and its segment. A
 * product on several lines of one order is one item. All sources are unioned into (basket, item) lines
 * first, so building the baskets takes one shuffle; the product table is broadcast.
 */
public final class BasketBuilder {
  /** The segment of every basket when no segmentation is asked for. */
  public static final String ALL = "ALL";
  /** The segment of a basket whose segmentation attribute is empty. */
  public static final String UNKNOWN = "UNKNOWN";

  private BasketBuilder() {}

  /** Order baskets only (no contracts, opportunities or customer attributes needed). */
  public static Dataset<Row> build(Dataset<Row> orders, Dataset<Row> items, Dataset<Row> products,
      BasketOptions options) {
    return build(orders, items, products, null, Optional.empty(), Optional.empty(), options);
  }

  /**
   * @param orders accepted orders (order_id, customer_id, order_date, channel, status, ...)
   * @param items accepted order_items (order_id, product_id, ...)
   * @param products accepted products (product_id, category, ...); broadcast
   * @param customers accepted customers; needed when segmenting by a customer attribute
   * @param contracts accepted contracts, when given; used by customer baskets with include-contracts
   * @param opportunities accepted opportunities, when given; used with include-won-opportunities
   * @return basket_id, customer_id, segment, items (array&lt;string&gt;, sorted, distinct), item_count
   */
  public static Dataset<Row> build(Dataset<Row> orders, Dataset<Row> items, Dataset<Row> products,
      Dataset<Row> customers, Optional<Dataset<Row>> contracts, Optional<Dataset<Row>> opportunities,
      BasketOptions options) {
    Date runDate = Date.valueOf(options.runDate());
    Date start = options.windowStart() == null ? null : Date.valueOf(options.windowStart());
    boolean byCustomer = "customer".equals(options.granularity());
    if ("channel".equals(options.segmentBy()) && byCustomer) {
      throw new IllegalArgumentException("segment-by channel needs order baskets");
    }

    Column inWindow = col("order_date").leq(lit(runDate));
    if (start != null) {
      inWindow = inWindow.and(col("order_date").geq(lit(start)));
    }
    Dataset<Row> counted = orders
        .where(col("status").isin(options.statuses().toArray()).and(inWindow))
        .select(col("order_id"), col("customer_id"), col("channel"));
    Dataset<Row> lines = counted
        .join(items.select(col("order_id"), col("product_id")), "order_id")
        .select(col(byCustomer ? "customer_id" : "order_id").as("basket_id"), col("customer_id"),
            col("product_id"), col("channel"));

    if (byCustomer && options.includeContracts() && contracts.isPresent()) {
      // Active at some point of the window: started by its end, not ended before its start.
      Column active = col("start_date").leq(lit(runDate));
      if (start != null) {
        active = active.and(col("end_date").geq(lit(start)));
      }
      lines = lines.unionByName(contracts.get().where(active)
          .select(col("customer_id").as("basket_id"), col("customer_id"), col("product_id"),
              lit(null).cast("string").as("channel")));
    }
    if (byCustomer && options.includeWonOpportunities() && opportunities.isPresent()) {
      Column won = coalesce(col("closed_date"), col("created_date"));
      Column wonInWindow = col("stage").equalTo("CLOSED_WON").and(won.leq(lit(runDate)));
      if (start != null) {
        wonInWindow = wonInWindow.and(won.geq(lit(start)));
      }
      lines = lines.unionByName(opportunities.get().where(wonInWindow)
          .select(col("customer_id").as("basket_id"), col("customer_id"), col("product_id"),
              lit(null).cast("string").as("channel")));
    }

    String itemColumn = "category".equals(options.itemLevel()) ? "category" : "product_id";
    lines = lines.join(broadcast(products.select(col("product_id"), col("category"))), "product_id")
        .select(col("basket_id"), col("customer_id"), col("channel"), col(itemColumn).as("item"));

    Dataset<Row> baskets = lines.groupBy(col("basket_id"))
        .agg(first(col("customer_id")).as("customer_id"), max(col("channel")).as("_channel"),
            array_sort(collect_set(col("item"))).as("items"))
        .withColumn("item_count", size(col("items")));

    Column segment;
    switch (options.segmentBy()) {
      case "none" -> segment = lit(ALL);
      case "channel" -> segment = label("channel", col("_channel"));
      default -> {
        // One attribute per customer: a broadcast of (customer_id, attribute) keeps this a map-side join.
        Dataset<Row> attribute = broadcast(customers.select(col("customer_id").as("_cid"),
            col(options.segmentBy()).as("_attr")));
        baskets = baskets.join(attribute, col("customer_id").equalTo(col("_cid")), "left");
        segment = label(options.segmentBy(), col("_attr"));
      }
    }
    return baskets.select(col("basket_id"), col("customer_id"), segment.as("segment"), col("items"),
        col("item_count"));
  }

  /** The segment of the baskets that hold support-case items. */
  public static final String SERVICE = "SERVICE";
  /** Prefix of a support-case item: CASE:DELIVERY, CASE:RETURN, ... */
  public static final String CASE_PREFIX = "CASE:";

  /**
   * The SERVICE baskets ({@code basket.include-case-categories}): each customer basket plus one item
   * {@code CASE:<CATEGORY>} (trimmed, upper-case) per category of the customer's support cases opened in the
   * window (cases without a category add nothing). Only customers with a basket get one, so SERVICE has the same
   * baskets as ALL and supports compare; the baskets' own segment is replaced by SERVICE. Customer baskets only:
   * an order basket says nothing about the customer's later cases.
   *
   * @param baskets customer baskets from {@link #build}
   * @param cases accepted support_cases
   * @return the columns of {@link #build}, segment = SERVICE
   */
  public static Dataset<Row> serviceBaskets(Dataset<Row> baskets, Dataset<Row> cases, BasketOptions options) {
    if (!"customer".equals(options.granularity())) {
      throw new IllegalArgumentException("basket.include-case-categories needs customer baskets");
    }
    Column inWindow = col("opened_date").leq(lit(Date.valueOf(options.runDate())));
    if (options.windowStart() != null) {
      inWindow = inWindow.and(col("opened_date").geq(lit(Date.valueOf(options.windowStart()))));
    }
    Dataset<Row> caseItems = cases.where(inWindow.and(col("category").isNotNull())
            .and(org.apache.spark.sql.functions.length(org.apache.spark.sql.functions.trim(col("category"))).gt(0)))
        .select(col("customer_id").as("_cid"),
            concat(lit(CASE_PREFIX), upper(org.apache.spark.sql.functions.trim(col("category")))).as("_item"))
        .groupBy(col("_cid")).agg(collect_set(col("_item")).as("_case_items"));
    // A customer without cases unions their items with themselves: the array keeps "no null elements", which the
    // output schema's item arrays require (an empty array() literal would not).
    Column items = array_sort(org.apache.spark.sql.functions.array_union(col("items"),
        coalesce(col("_case_items"), col("items"))));
    return baskets.join(caseItems, col("customer_id").equalTo(col("_cid")), "left")
        .select(col("basket_id"), col("customer_id"), lit(SERVICE).as("segment"), items.as("items"))
        .withColumn("item_count", size(col("items")));
  }

  /** "region=NORTH": the segmentation and the value, so segments of different runs never collide with ALL. */
  private static Column label(String attribute, Column value) {
    return concat(lit(attribute + "="), coalesce(upper(value), lit(UNKNOWN)));
  }
}
