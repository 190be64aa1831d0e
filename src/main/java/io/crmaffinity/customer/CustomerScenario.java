package io.crmaffinity.customer;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.corr;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.crmaffinity.config.JobConfig;
import io.crmaffinity.ingest.CrmTables;
import io.crmaffinity.job.JobContext;
import io.crmaffinity.job.Scenario;
import io.crmaffinity.output.OutputSchemas;
import io.crmaffinity.spark.JobCaches;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Customer value (RFM, contract and pipeline value, BG/NBD and Gamma-Gamma predictions) and customer health
 * (support and purchase signals, churn risk, reasons and next best action). See docs/customer.md.
 */
public final class CustomerScenario implements Scenario {
  /** Days a first order counts as recent for the "New" RFM segment. */
  static final int NEW_DAYS = 90;

  private Dataset<Row> summary;
  private CustomerModels models;

  @Override
  public String name() {
    return "customer";
  }

  @Override
  public java.util.List<String> tables() {
    return java.util.List.of(OutputSchemas.CUSTOMER_VALUE, OutputSchemas.CUSTOMER_HEALTH,
        OutputSchemas.MODEL_PARAMETERS);
  }

  @Override
  public Map<String, Dataset<Row>> outputs(JobContext ctx) {
    JobConfig cfg = ctx.config();
    CustomerOptions opt = cfg.customer();
    CrmTables t = ctx.tables();
    LocalDate run = ctx.runDate();
    LocalDate start = cfg.lookbackDays() == 0 ? null : run.minusDays(cfg.lookbackDays() - 1L);

    Dataset<Row> customers = known(t.table("customers"), run);
    Dataset<Row> orderValues = JobCaches.cache(CustomerFrames.orderValues(t.table("orders"), t.table("order_items"),
        t.table("products"), cfg.basketStatuses(), start, run));
    Dataset<Row> rfm = JobCaches.cache(CustomerFrames.rfm(orderValues, run));
    summary = JobCaches.cache(CustomerFrames.btydSummary(orderValues, run));
    staleInputNote(rfm, run, ctx.notes());
    models = CustomerModels.fit(summary, opt.modelMaxRows(), ctx.notes());
    Dataset<Row> predictions = models.predict(summary, CustomerModels.YEAR_WEEKS);

    Optional<Dataset<Row>> opportunities = t.optionalTable("opportunities");
    double winRate = CustomerFrames.closedWinRate(opportunities, run);
    Dataset<Row> account = CustomerFrames.accountValue(customers, t.optionalTable("contracts"), opportunities, run,
        winRate);
    Dataset<Row> value = valueTable(customers, rfm, account, predictions, run);

    Optional<Dataset<Row>> cases = t.optionalTable("support_cases");
    if (cases.isEmpty()) {
      ctx.notes().add("customer health: no support_cases table given: case signals are 0 / empty");
    }
    Dataset<Row> caseSignals = cases.map(c -> CustomerFrames.caseSignals(c, run, opt.caseWindowDays()))
        .orElse(null);
    Dataset<Row> recommendations = ctx.produced().get(OutputSchemas.RECOMMENDATIONS);
    Dataset<Row> health = healthTable(customers, rfm, account, value,
        predictions.select(col("customer_id"), col("expected_soon")), caseSignals, topRecommendation(recommendations),
        opt);

    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    out.put(OutputSchemas.CUSTOMER_VALUE, value);
    out.put(OutputSchemas.CUSTOMER_HEALTH, health);
    out.put(OutputSchemas.MODEL_PARAMETERS, models.parameters(ctx.spark()));
    return out;
  }

  /** Days without any counted order, across all customers, above which the input reads as stale. */
  static final int STALE_DAYS = 90;

  /**
   * A note when the latest counted order of all is long before the run date: an export that stopped, or a run
   * date far ahead of the data. Every customer then reads as silent since, and the risk scores say so.
   */
  static void staleInputNote(Dataset<Row> rfm, LocalDate run, List<String> notes) {
    Row r = rfm.agg(min(col("recency_days"))).first();
    if (!r.isNullAt(0) && ((Number) r.get(0)).longValue() > STALE_DAYS) {
      notes.add("customer health: the latest counted order of any customer is " + r.get(0) + " days before the run"
          + " date " + run + ": if the input stopped early, every customer reads as silent since and risk is"
          + " overstated");
    }
  }

  /** Customers known on the run date: created by then, or without a created_date. */
  static Dataset<Row> known(Dataset<Row> customers, LocalDate run) {
    return customers.where(col("created_date").isNull().or(col("created_date").leq(lit(Date.valueOf(run)))))
        .select(col("customer_id"));
  }

  /** Each customer's rank-1 product (the lowest rank, then product id); null when recommend produced none. */
  static Dataset<Row> topRecommendation(Dataset<Row> recommendations) {
    if (recommendations == null) {
      return null;
    }
    return recommendations.groupBy(col("customer_id"))
        .agg(min(struct(col("rank"), col("product_id"))).getField("product_id").as("top_recommendation"));
  }

  /** customer_value's columns, one row per known customer. */
  static Dataset<Row> valueTable(Dataset<Row> customers, Dataset<Row> rfm, Dataset<Row> account,
      Dataset<Row> predictions, LocalDate run) {
    double[][] cuts = new double[3][];
    String[] measures = {"recency_days", "frequency", "monetary"};
    double[] probs = {0.2, 0.4, 0.6, 0.8};
    Dataset<Row> numeric = rfm.select(col("recency_days").cast("double"), col("frequency").cast("double"),
        col("monetary"));
    double[][] q = numeric.stat().approxQuantile(measures, probs, 0.0);
    for (int i = 0; i < 3; i++) {
      cuts[i] = q[i].length == 4 ? q[i] : new double[] {0, 0, 0, 0};
    }
    Date newSince = Date.valueOf(run.minusDays(NEW_DAYS));
    UserDefinedFunction label = udf((UDF4<Integer, Long, Double, Boolean, String>) (r, f, m, isNew) ->
        r == null ? "No purchases" : RfmSegments.label(RfmSegments.score(r, cuts[0], true),
            RfmSegments.score(f, cuts[1], false), RfmSegments.score(m, cuts[2], false), isNew),
        DataTypes.StringType);
    Dataset<Row> joined = customers.join(rfm, "customer_id", "left").join(account, "customer_id", "left")
        .join(predictions, "customer_id", "left");
    Column isNew = coalesce(col("first_order").gt(lit(newSince)).and(col("order_days").equalTo(1)), lit(false));
    return joined.select(col("customer_id"),
        col("recency_days").cast("int").as("recency_days"),
        coalesce(col("frequency"), lit(0L)).as("frequency"),
        coalesce(col("monetary"), lit(0.0)).as("monetary"),
        coalesce(col("active_contract_value"), lit(0.0)).as("active_contract_value"),
        coalesce(col("open_pipeline_value"), lit(0.0)).as("open_pipeline_value"),
        coalesce(col("p_alive"), lit(0.0)).as("p_alive"),
        coalesce(col("expected_purchases"), lit(0.0)).as("expected_purchases_12m"),
        coalesce(col("expected_purchases").multiply(col("expected_spend")), lit(0.0)).as("expected_value_12m"),
        label.apply(col("recency_days").cast("int"), col("frequency"), col("monetary"), isNew).as("rfm_segment"));
  }

  static final StructType ASSESSMENT = new StructType()
      .add("risk_score", DataTypes.DoubleType, false)
      .add("risk_level", DataTypes.StringType, false)
      .add("reasons", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("next_best_action", DataTypes.StringType, false);

  /** customer_health's columns, one row per known customer. */
  static Dataset<Row> healthTable(Dataset<Row> customers, Dataset<Row> rfm, Dataset<Row> account,
      Dataset<Row> value, Dataset<Row> soon, Dataset<Row> caseSignals, Dataset<Row> topRecommendation, CustomerOptions opt) {
    Dataset<Row> df = customers
        .join(rfm.select(col("customer_id"), col("recency_days"), col("usual_order_gap_days"), col("order_days")),
            "customer_id", "left")
        .join(account.select(col("customer_id"), col("renewal_contract_id"), col("renewal_due_days")), "customer_id",
            "left")
        .join(value.select(col("customer_id"), col("p_alive")), "customer_id", "left")
        .join(soon, "customer_id", "left");
    if (caseSignals != null) {
      df = df.join(caseSignals, "customer_id", "left");
    } else {
      df = df.withColumn("open_cases", lit(null).cast("long")).withColumn("cases_recent", lit(null).cast("long"))
          .withColumn("avg_resolution_days", lit(null).cast("double"))
          .withColumn("avg_satisfaction", lit(null).cast("double"))
          .withColumn("critical_case_id", lit(null).cast("string"))
          .withColumn("critical_priority", lit(null).cast("string"));
    }
    if (topRecommendation != null) {
      df = df.join(topRecommendation, "customer_id", "left");
    } else {
      df = df.withColumn("top_recommendation", lit(null).cast("string"));
    }
    df = df.select(col("customer_id"),
        coalesce(col("open_cases"), lit(0L)).as("open_cases"),
        coalesce(col("cases_recent"), lit(0L)).as("cases_90d"),
        col("avg_resolution_days"), col("avg_satisfaction"),
        col("recency_days").cast("int").as("days_since_last_order"),
        col("usual_order_gap_days").cast("double").as("usual_order_gap_days"),
        col("renewal_due_days").cast("int").as("renewal_due_days"),
        coalesce(col("p_alive"), lit(0.0)).as("p_alive"),
        coalesce(col("expected_soon"), lit(0.0)).as("expected_soon"),
        col("critical_case_id"), col("critical_priority"), col("renewal_contract_id"), col("top_recommendation"),
        coalesce(col("order_days").equalTo(1).and(col("recency_days").lt(NEW_DAYS)), lit(false)).as("new_customer"));
    UserDefinedFunction assess = udf((UDF1<Row, Row>) r -> {
      HealthScore.Signals s = new HealthScore.Signals(!r.isNullAt(r.fieldIndex("days_since_last_order")),
          r.getDouble(r.fieldIndex("p_alive")), r.getDouble(r.fieldIndex("expected_soon")),
          r.getAs("days_since_last_order"), r.getAs("usual_order_gap_days"),
          r.getLong(r.fieldIndex("open_cases")), r.getAs("critical_case_id"), r.getAs("critical_priority"),
          r.getLong(r.fieldIndex("cases_90d")), r.getAs("avg_satisfaction"), r.getAs("renewal_due_days"),
          r.getAs("renewal_contract_id"), r.getAs("top_recommendation"), r.getBoolean(r.fieldIndex("new_customer")));
      HealthScore.Assessment a = HealthScore.assess(s, opt);
      return RowFactory.create(a.score(), a.level(), a.reasons().toArray(new String[0]), a.action());
    }, ASSESSMENT);
    Column all = struct(df.columns().length == 0 ? new Column[0]
        : java.util.Arrays.stream(df.columns()).map(c -> col(c)).toArray(Column[]::new));
    return df.withColumn("_a", assess.apply(all))
        .select(col("customer_id"), col("open_cases"), col("cases_90d"), col("avg_resolution_days"),
            col("avg_satisfaction"), col("days_since_last_order"), col("usual_order_gap_days"),
            col("renewal_due_days"), col("p_alive"), col("_a.risk_score").as("risk_score"),
            col("_a.risk_level").as("risk_level"), col("_a.reasons").as("reasons"),
            col("_a.next_best_action").as("next_best_action"));
  }

  @Override
  public List<String> summary(JobContext ctx, Map<String, Dataset<Row>> outputs) {
    List<String> lines = new ArrayList<>();
    Dataset<Row> health = outputs.get(OutputSchemas.CUSTOMER_HEALTH);
    Dataset<Row> value = outputs.get(OutputSchemas.CUSTOMER_VALUE);
    if (health == null || value == null) {
      return lines;
    }
    if (models != null) {
      lines.add("Customer models: " + describe(models));
    }
    Map<String, Long> levels = new java.util.TreeMap<>();
    for (Row r : health.groupBy("risk_level").count().collectAsList()) {
      levels.put(r.getString(0), r.getLong(1));
    }
    if (levels.isEmpty()) {
      lines.add("Customer health and value: no customer known on the run date");
      return lines;
    }
    lines.add("Customer health: " + levels + "; most at risk:");
    lines.add(String.format(Locale.ROOT, "  %-10s %5s %-6s  %-60s  %s", "customer", "risk", "level", "reasons",
        "next best action"));
    for (Row r : health.orderBy(col("risk_score").desc(), col("customer_id")).limit(5).collectAsList()) {
      List<String> reasons = r.getList(r.fieldIndex("reasons"));
      lines.add(String.format(Locale.ROOT, "  %-10s %5.2f %-6s  %-60s  %s", r.getString(0),
          r.getDouble(r.fieldIndex("risk_score")), r.getString(r.fieldIndex("risk_level")),
          String.join("; ", reasons), r.getString(r.fieldIndex("next_best_action"))));
    }
    lines.add("Top customers by expected value in the next 12 months:");
    lines.add(String.format(Locale.ROOT, "  %-10s %10s %8s %10s %12s  %s", "customer", "exp_value", "p_alive",
        "exp_orders", "monetary", "rfm_segment"));
    for (Row r : value.orderBy(col("expected_value_12m").desc(), col("customer_id")).limit(5).collectAsList()) {
      lines.add(String.format(Locale.ROOT, "  %-10s %10.2f %8.3f %10.2f %12.2f  %s", r.getString(0),
          r.getDouble(r.fieldIndex("expected_value_12m")), r.getDouble(r.fieldIndex("p_alive")),
          r.getDouble(r.fieldIndex("expected_purchases_12m")), r.getDouble(r.fieldIndex("monetary")),
          r.getString(r.fieldIndex("rfm_segment"))));
    }
    return lines;
  }

  /** The fitted models in one line, or why each is not used. */
  static String describe(CustomerModels m) {
    String bg = m.bgNbd().ok()
        ? String.format(Locale.ROOT, "BG/NBD r=%.3f alpha=%.3f a=%.3f b=%.3f (LL %.1f%s)", m.bgNbd().params().r(),
            m.bgNbd().params().alpha(), m.bgNbd().params().a(), m.bgNbd().params().b(), m.bgNbd().logLikelihood(),
            m.bgNbdWithPrior() ? ", refitted with a weak prior: the plain fit was degenerate" : "")
        : "BG/NBD not used (" + m.bgNbd().message() + ")";
    String gg = m.gammaGamma().ok()
        ? String.format(Locale.ROOT, "Gamma-Gamma p=%.3f q=%.3f gamma=%.3f (LL %.1f)", m.gammaGamma().params().p(),
            m.gammaGamma().params().q(), m.gammaGamma().params().gamma(), m.gammaGamma().logLikelihood())
        : "Gamma-Gamma not used (" + m.gammaGamma().message() + ")";
    return bg + "; " + gg;
  }

  /**
   * Backtest at cutoff = run date + 1, horizon {@code evaluate.horizon-days}: per customer with a counted order
   * before the cutoff, the actual customer-days with counted orders in [cutoff, cutoff + horizon).
   */
  @Override
  public List<Metric> evaluate(JobContext ctx, Map<String, Dataset<Row>> outputs) {
    List<Metric> metrics = new ArrayList<>();
    if (summary == null || models == null) {
      return metrics;
    }
    int horizon = ctx.config().evaluateHorizonDays();
    LocalDate cutoff = ctx.runDate().plusDays(1);
    Dataset<Row> actual = ctx.tables().table("orders")
        .where(col("status").isin(ctx.config().basketStatuses().toArray())
            .and(col("order_date").geq(lit(Date.valueOf(cutoff))))
            .and(col("order_date").lt(lit(Date.valueOf(cutoff.plusDays(horizon))))))
        .groupBy(col("customer_id")).agg(countDistinct(col("order_date")).as("actual"));
    double weeks = horizon / 7.0;
    Dataset<Row> scored = JobCaches.cache(models.predict(summary, weeks)
        .join(summary.select(col("customer_id"), col("x"), col("t_days")), "customer_id")
        .join(actual, "customer_id", "left")
        .select(col("customer_id"), col("expected_purchases").as("bg_nbd"),
            when(col("t_days").gt(0), col("x").divide(col("t_days").divide(7.0)).multiply(weeks)).otherwise(0.0)
                .as("same_rate"),
            coalesce(col("actual"), lit(0L)).cast("double").as("actual")));
    for (String method : List.of("bg_nbd", "same_rate")) {
      Row r = scored.agg(count(lit(1)), avg(abs(col(method).minus(col("actual")))), corr(col(method), col("actual")),
          sum(col(method)), sum(col("actual"))).first();
      String name = method.equals("bg_nbd") ? "crm-affinity" : "same-rate";
      metrics.add(new Metric("customer_value", name, "customers", r.getLong(0)));
      metrics.add(new Metric("customer_value", name, "mae", r.isNullAt(1) ? 0 : r.getDouble(1)));
      if (!r.isNullAt(2) && Double.isFinite(r.getDouble(2))) {
        metrics.add(new Metric("customer_value", name, "correlation", r.getDouble(2)));
      }
      metrics.add(new Metric("customer_value", name, "total_predicted", r.isNullAt(3) ? 0 : r.getDouble(3)));
      metrics.add(new Metric("customer_value", name, "total_actual", r.isNullAt(4) ? 0 : r.getDouble(4)));
    }

    Dataset<Row> health = outputs.get(OutputSchemas.CUSTOMER_HEALTH);
    if (health != null) {
      Dataset<Row> labelled = JobCaches.cache(health.where(col("days_since_last_order").isNotNull())
          .join(actual, "customer_id", "left")
          .select(col("risk_score"), col("risk_level"), col("p_alive"), col("days_since_last_order"),
              when(col("actual").isNull(), 1.0).otherwise(0.0).as("no_order")));
      Row r = labelled.agg(sum(when(col("risk_level").equalTo("HIGH"), 1L).otherwise(0L)),
          sum(when(col("risk_level").equalTo("HIGH"), col("no_order")).otherwise(0.0)),
          count(lit(1)), sum(col("no_order"))).first();
      long high = r.getLong(0);
      double highNoOrder = r.isNullAt(1) ? 0 : r.getDouble(1);
      long n = r.getLong(2);
      double noOrder = r.isNullAt(3) ? 0 : r.getDouble(3);
      metrics.add(new Metric("customer_health", "crm-affinity", "customers", n));
      metrics.add(new Metric("customer_health", "crm-affinity", "customers_high", high));
      metrics.add(new Metric("customer_health", "crm-affinity", "no_order_share_all", n == 0 ? 0 : noOrder / n));
      if (high > 0 && n > high) {
        double shareHigh = highNoOrder / high;
        double shareRest = (noOrder - highNoOrder) / (n - high);
        metrics.add(new Metric("customer_health", "crm-affinity", "no_order_share_high", shareHigh));
        metrics.add(new Metric("customer_health", "crm-affinity", "no_order_share_rest", shareRest));
        if (shareRest > 0) {
          metrics.add(new Metric("customer_health", "crm-affinity", "lift_high", shareHigh / shareRest));
        }
      }
      if (noOrder > 0 && noOrder < n) {
        metrics.add(new Metric("customer_health", "crm-affinity", "auc", auc(labelled, col("risk_score"))));
        metrics.add(new Metric("customer_health", "p_alive", "auc", auc(labelled, lit(1.0).minus(col("p_alive")))));
        metrics.add(new Metric("customer_health", "recency", "auc",
            auc(labelled, col("days_since_last_order").cast("double"))));
      } else {
        ctx.notes().add("customer health: AUC not defined at cutoff " + cutoff + ": every customer, or none, ordered"
            + " in the horizon");
      }
    }
    return metrics;
  }

  /** Area under the ROC curve of {@code score} for the label no_order (ties count half: MLlib's exact curve). */
  static double auc(Dataset<Row> labelled, Column score) {
    var pairs = labelled.select(score.as("s"), col("no_order")).javaRDD()
        .map(r -> new Tuple2<Object, Object>(r.getDouble(0), r.getDouble(1)));
    return new BinaryClassificationMetrics(pairs.rdd(), 0).areaUnderROC();
  }
}
