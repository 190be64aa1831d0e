package io.crmaffinity.customer;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The Spark transformations behind customer_value and customer_health: each takes validated tables (or an
 * earlier frame) and returns one row per customer. Nothing here reads beyond the run date.
 */
public final class CustomerFrames {
  private CustomerFrames() {}

  /**
   * Counted orders in the window (status in {@code statuses}, order_date in [start, runDate]) with their
   * value: Σ quantity × unit price, the product's price when the line has none; 0 for an order without lines.
   *
   * @return customer_id, order_id, order_date, value (double)
   */
  public static Dataset<Row> orderValues(Dataset<Row> orders, Dataset<Row> items, Dataset<Row> products,
      List<String> statuses, LocalDate start, LocalDate runDate) {
    Column window = col("order_date").leq(lit(Date.valueOf(runDate)));
    if (start != null) {
      window = window.and(col("order_date").geq(lit(Date.valueOf(start))));
    }
    Dataset<Row> lineValues = items
        .join(broadcast(products.select(col("product_id"), col("unit_price").as("_list_price"))), "product_id")
        .groupBy(col("order_id"))
        .agg(sum(col("quantity").cast("double").multiply(coalesce(col("unit_price"), col("_list_price")).cast("double")))
            .as("value"));
    return orders.where(col("status").isin(statuses.toArray()).and(window))
        .select(col("customer_id"), col("order_id"), col("order_date"))
        .join(lineValues, "order_id", "left")
        .select(col("customer_id"), col("order_id"), col("order_date"), coalesce(col("value"), lit(0.0)).as("value"));
  }

  /**
   * Recency, frequency, monetary value and the usual gap per customer with counted orders.
   *
   * @return customer_id, recency_days, frequency (orders), monetary, first_order, last_order, order_days,
   *     usual_order_gap_days (median days between consecutive order days; null with one order day)
   */
  public static Dataset<Row> rfm(Dataset<Row> orderValues, LocalDate runDate) {
    Dataset<Row> perCustomer = orderValues.groupBy(col("customer_id"))
        .agg(count(lit(1)).as("frequency"), sum(col("value")).as("monetary"),
            min(col("order_date")).as("first_order"), max(col("order_date")).as("last_order"));
    Dataset<Row> days = orderValues.select(col("customer_id"), col("order_date")).distinct();
    Dataset<Row> gaps = days
        .withColumn("_gap", datediff(col("order_date"),
            lag(col("order_date"), 1).over(Window.partitionBy(col("customer_id")).orderBy(col("order_date")))))
        .groupBy(col("customer_id"))
        .agg(count(lit(1)).as("order_days"), expr("percentile(_gap, 0.5)").as("usual_order_gap_days"));
    return perCustomer.join(gaps, "customer_id")
        .select(col("customer_id"),
            datediff(lit(Date.valueOf(runDate)), col("last_order")).as("recency_days"),
            col("frequency"), col("monetary"), col("first_order"), col("last_order"), col("order_days"),
            col("usual_order_gap_days"));
  }

  /**
   * The BTYD calibration summary per customer, as the papers build it: a transaction is a customer-day (same-day
   * orders merged, values summed); x = order days after the first, t_x = days from the first to the last,
   * T = days from the first to the run date (weeks are days / 7, applied by the models' caller); m_x = mean
   * value of the x repeat days (the first day excluded), null when x = 0.
   *
   * @return customer_id, x (long), tx_days (int), t_days (int), m_x (double), total_value (all days)
   */
  public static Dataset<Row> btydSummary(Dataset<Row> orderValues, LocalDate runDate) {
    Dataset<Row> days = orderValues.groupBy(col("customer_id"), col("order_date")).agg(sum(col("value")).as("value"));
    return days.groupBy(col("customer_id"))
        .agg(count(lit(1)).as("_days"), sum(col("value")).as("_total"), min(col("order_date")).as("_first"),
            max(col("order_date")).as("_last"),
            min(struct(col("order_date"), col("value"))).getField("value").as("_first_value"))
        .select(col("customer_id"),
            col("_days").minus(1).as("x"),
            datediff(col("_last"), col("_first")).as("tx_days"),
            datediff(lit(Date.valueOf(runDate)), col("_first")).as("t_days"),
            when(col("_days").gt(1), col("_total").minus(col("_first_value")).divide(col("_days").minus(1)))
                .as("m_x"),
            col("_total").as("total_value"));
  }

  /**
   * Support-case signals per customer as of the run date (cases opened after it are ignored). A case is open
   * on the run date when it has no closed_date and its status is OPEN or PENDING, or when it closed after the
   * run date (the status column describes the case today, not on the run date).
   *
   * @return customer_id, open_cases, cases_recent, avg_resolution_days and avg_satisfaction (over cases closed
   *     in the 365 days up to the run date), critical_case_id and critical_priority (the oldest open CRITICAL,
   *     else HIGH, case)
   */
  public static Dataset<Row> caseSignals(Dataset<Row> cases, LocalDate runDate, int windowDays) {
    Date run = Date.valueOf(runDate);
    Column open = when(col("closed_date").isNull(), col("status").isin("OPEN", "PENDING"))
        .otherwise(col("closed_date").gt(lit(run)));
    Column closedRecently = col("closed_date").leq(lit(run))
        .and(col("closed_date").gt(lit(Date.valueOf(runDate.minusDays(365)))));
    Column critical = open.and(col("priority").isin("CRITICAL", "HIGH"));
    Column criticalKey = when(critical, struct(when(col("priority").equalTo("CRITICAL"), 0).otherwise(1).as("p"),
        col("opened_date"), col("case_id"), col("priority")));
    return cases.where(col("opened_date").leq(lit(run)))
        .groupBy(col("customer_id"))
        .agg(sum(when(open, 1L).otherwise(0L)).as("open_cases"),
            sum(when(col("opened_date").gt(lit(Date.valueOf(runDate.minusDays(windowDays)))), 1L).otherwise(0L))
                .as("cases_recent"),
            expr("avg(CASE WHEN closed_date <= DATE'" + runDate + "' AND closed_date > DATE'" + runDate.minusDays(365)
                + "' THEN datediff(closed_date, opened_date) END)").as("avg_resolution_days"),
            expr("avg(CASE WHEN closed_date <= DATE'" + runDate + "' AND closed_date > DATE'" + runDate.minusDays(365)
                + "' THEN satisfaction END)").as("avg_satisfaction"),
            min(criticalKey).as("_critical"))
        .select(col("customer_id"), col("open_cases"), col("cases_recent"), col("avg_resolution_days"),
            col("avg_satisfaction"), col("_critical.case_id").as("critical_case_id"),
            col("_critical.priority").as("critical_priority"));
  }

  /**
   * Contract and pipeline value per customer on the run date: contracts active then (start ≤ run date ≤ end,
   * by dates: the status column describes today), the earliest-ending one for renewal, and opportunities open
   * then (created by the run date, not closed by it) weighted by their win probability — the row's probability
   * when the opportunity is still open today (else its stage's default), and the historic win rate
   * {@code closedWinRate} for one that closed after the run date (its stage and probability today say how it
   * ended).
   *
   * @return customer_id, active_contract_value, renewal_contract_id, renewal_due_days, open_pipeline_value
   */
  public static Dataset<Row> accountValue(Dataset<Row> customers, java.util.Optional<Dataset<Row>> contracts,
      java.util.Optional<Dataset<Row>> opportunities, LocalDate runDate, double closedWinRate) {
    Date run = Date.valueOf(runDate);
    Dataset<Row> out = customers.select(col("customer_id"));
    if (contracts.isPresent()) {
      Dataset<Row> active = contracts.get()
          .where(col("start_date").leq(lit(run)).and(col("end_date").geq(lit(run))))
          .groupBy(col("customer_id"))
          .agg(sum(col("value").cast("double")).as("active_contract_value"),
              min(struct(col("end_date"), col("contract_id"))).as("_renewal"))
          .select(col("customer_id"), col("active_contract_value"),
              col("_renewal.contract_id").as("renewal_contract_id"),
              datediff(col("_renewal.end_date"), lit(run)).as("renewal_due_days"));
      out = out.join(active, "customer_id", "left");
    } else {
      out = out.withColumn("active_contract_value", lit(null).cast("double"))
          .withColumn("renewal_contract_id", lit(null).cast("string"))
          .withColumn("renewal_due_days", lit(null).cast("int"));
    }
    if (opportunities.isPresent()) {
      Column closedByRun = col("stage").startsWith("CLOSED_").and(coalesce(col("closed_date"), col("created_date")).leq(lit(run)));
      Column stillOpenToday = col("stage").startsWith("CLOSED_").unary_$bang();
      Column stageDefault = when(col("stage").equalTo("PROSPECTING"), 0.10)
          .when(col("stage").equalTo("QUALIFICATION"), 0.25).when(col("stage").equalTo("PROPOSAL"), 0.50)
          .when(col("stage").equalTo("NEGOTIATION"), 0.75);
      Column weight = when(stillOpenToday, coalesce(col("probability"), stageDefault)).otherwise(lit(closedWinRate));
      Dataset<Row> pipeline = opportunities.get()
          .where(col("created_date").leq(lit(run)).and(closedByRun.unary_$bang()))
          .groupBy(col("customer_id"))
          .agg(sum(col("amount").cast("double").multiply(weight)).as("open_pipeline_value"));
      out = out.join(pipeline, "customer_id", "left");
    } else {
      out = out.withColumn("open_pipeline_value", lit(null).cast("double"));
    }
    return out.select(col("customer_id"), coalesce(col("active_contract_value"), lit(0.0)).as("active_contract_value"),
        col("renewal_contract_id"), col("renewal_due_days"),
        coalesce(col("open_pipeline_value"), lit(0.0)).as("open_pipeline_value"));
  }

  /** Share of opportunities closed by the run date that were won; 0.5 when none closed (documented). */
  public static double closedWinRate(java.util.Optional<Dataset<Row>> opportunities, LocalDate runDate) {
    if (opportunities.isEmpty()) {
      return 0.5;
    }
    Row r = opportunities.get()
        .where(col("stage").startsWith("CLOSED_")
            .and(coalesce(col("closed_date"), col("created_date")).leq(lit(Date.valueOf(runDate)))))
        .agg(count(lit(1)), sum(when(col("stage").equalTo("CLOSED_WON"), 1L).otherwise(0L)))
        .first();
    long closed = r.getLong(0);
    return closed == 0 ? 0.5 : r.getLong(1) / (double) closed;
  }
}
