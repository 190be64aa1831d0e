package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What each customer holds and who is active, as of a run date. Only rows dated on or before the run date
 * count; a contract is active from its start_date to its end_date inclusive (dates, not the status column,
 * which describes the day the data was extracted, not the run date).
 */
final class Holdings {
  private Holdings() {}

  /** Opportunity stages that are still open. */
  static final List<String> OPEN_STAGES = List.of("PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION");

  /**
   * Products each customer holds on the run date.
   *
   * @param windowStart first day of the basket window (null = all history)
   * @param statuses order statuses that count as a purchase
   * @return customer_id, product_id, owned (true: bought in the window or under an active contract; false:
   *     only in an open opportunity, which excludes the product from recommendations but fires no rule)
   */
  static Dataset<Row> held(Dataset<Row> orders, Dataset<Row> items, Optional<Dataset<Row>> contracts,
      Optional<Dataset<Row>> opportunities, LocalDate runDate, LocalDate windowStart, List<String> statuses,
      boolean includeOpenOpportunities) {
    return grouped(lines(orders, items, contracts, opportunities, runDate, windowStart, statuses,
        includeOpenOpportunities));
  }

  /** {@link #lines} grouped into {@link #held}'s rows: one per customer and product, owned if any line owns it. */
  static Dataset<Row> grouped(Dataset<Row> lines) {
    return lines.groupBy(col("customer_id"), col("product_id")).agg(max(col("owned")).as("owned"));
  }

  /**
   * {@link #held}'s rows before they are grouped: one per order line, contract and open opportunity, so a
   * (customer, product) may repeat. Enough for what groups by customer anyway ({@link Recommender#holdings}),
   * which so skips a shuffle of every line.
   */
  static Dataset<Row> lines(Dataset<Row> orders, Dataset<Row> items, Optional<Dataset<Row>> contracts,
      Optional<Dataset<Row>> opportunities, LocalDate runDate, LocalDate windowStart, List<String> statuses,
      boolean includeOpenOpportunities) {
    Column rd = lit(Date.valueOf(runDate));
    Column inWindow = col("order_date").leq(rd);
    if (windowStart != null) {
      inWindow = inWindow.and(col("order_date").geq(lit(Date.valueOf(windowStart))));
    }
    Dataset<Row> lines = orders.where(col("status").isin(statuses.toArray()).and(inWindow))
        .select(col("order_id"), col("customer_id"))
        .join(items.select(col("order_id"), col("product_id")), "order_id")
        .select(col("customer_id"), col("product_id"), lit(true).as("owned"));
    if (contracts.isPresent()) {
      lines = lines.unionByName(activeContracts(contracts.get(), runDate)
          .select(col("customer_id"), col("product_id"), lit(true).as("owned")));
    }
    if (includeOpenOpportunities && opportunities.isPresent()) {
      lines = lines.unionByName(openOpportunities(opportunities.get(), runDate)
          .select(col("customer_id"), col("product_id"), lit(false).as("owned")));
    }
    return lines;
  }

  /** Contracts running on the run date: start_date &lt;= run date &lt;= end_date. */
  static Dataset<Row> activeContracts(Dataset<Row> contracts, LocalDate runDate) {
    Column rd = lit(Date.valueOf(runDate));
    return contracts.where(col("start_date").leq(rd).and(col("end_date").geq(rd)));
  }

  /**
   * Opportunities open on the run date: created by then, and either in an open stage or closed only after
   * the run date (a backtest sees today's stage of an opportunity that was still open at the cutoff).
   */
  static Dataset<Row> openOpportunities(Dataset<Row> opportunities, LocalDate runDate) {
    Column rd = lit(Date.valueOf(runDate));
    Column closedLater = col("closed_date").isNotNull().and(col("closed_date").gt(rd));
    return opportunities.where(col("created_date").leq(rd)
        .and(col("stage").isin(OPEN_STAGES.toArray()).or(closedLater)));
  }

  /**
   * Active customers: a counted order in (run date − activeDays, run date], or a contract active on the run
   * date. One row per customer_id.
   */
  static Dataset<Row> active(Dataset<Row> orders, Optional<Dataset<Row>> contracts, LocalDate runDate,
      int activeDays, List<String> statuses) {
    Column recent = col("order_date").leq(lit(Date.valueOf(runDate)))
        .and(col("order_date").gt(lit(Date.valueOf(runDate.minusDays(activeDays)))));
    Dataset<Row> ids = orders.where(col("status").isin(statuses.toArray()).and(recent)).select(col("customer_id"));
    if (contracts.isPresent()) {
      ids = ids.union(activeContracts(contracts.get(), runDate).select(col("customer_id")));
    }
    return ids.distinct();
  }
}
