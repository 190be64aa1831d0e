package io.crmaffinity.output;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The Delta output tables' schemas, with nullability and a comment per column. */
public final class OutputSchemas {
  private OutputSchemas() {}

  public static final String ASSOCIATION_RULES = "association_rules";
  public static final String FREQUENT_ITEMSETS = "frequent_itemsets";
  public static final String REJECTED_ROWS = "rejected_rows";
  public static final String JOB_RUNS = "job_runs";
  public static final String RECOMMENDATIONS = "recommendations";
  public static final String REVENUE_FORECAST = "revenue_forecast";
  public static final String CUSTOMER_VALUE = "customer_value";
  public static final String CUSTOMER_HEALTH = "customer_health";
  public static final String MODEL_PARAMETERS = "model_parameters";
  public static final String EVALUATIONS = "evaluations";
  public static final String PRODUCT_NAMES = "product_names";
  /** Bumped when a table's schema changes in a way readers should know about. */
  public static final String VERSION = "1";

  private static StructField f(String name, DataType type, boolean nullable, String comment) {
    Metadata m = new MetadataBuilder().putString("comment", comment).build();
    return new StructField(name, type, nullable, m);
  }

  private static final DataType STRINGS = createArrayType(StringType, false);

  public static final StructType RULES = new StructType(new StructField[] {
      f("run_id", StringType, false, "Run that wrote the row"),
      f("run_date", DateType, false, "Run date; the table is partitioned by it"),
      f("segment", StringType, false, "Basket segment the rule was mined in; ALL for all baskets"),
      f("rank", IntegerType, false, "1 = best in the segment on mining.rank-by"),
      f("antecedent", STRINGS, false, "Items on the rule's left-hand side, sorted"),
      f("consequent", STRINGS, false, "Items on the rule's right-hand side, sorted"),
      f("antecedent_support", DoubleType, false, "Share of baskets holding the antecedent"),
      f("consequent_support", DoubleType, false, "Share of baskets holding the consequent"),
      f("support", DoubleType, false, "Share of baskets holding antecedent and consequent"),
      f("confidence", DoubleType, false, "support / antecedent_support"),
      f("lift", DoubleType, false, "confidence / consequent_support"),
      f("leverage", DoubleType, false, "support - antecedent_support * consequent_support, in [-0.25, 0.25]"),
      f("conviction", DoubleType, false, "(1 - consequent_support) / (1 - confidence); at confidence 1 the empty cell counts as 0.5 basket"),
      f("jaccard", DoubleType, false, "rule_count / (antecedent_count + consequent_count - rule_count)"),
      f("kulczynski", DoubleType, false, "Mean of P(B|A) and P(A|B)"),
      f("cosine", DoubleType, false, "rule_count / sqrt(antecedent_count * consequent_count)"),
      f("certainty", DoubleType, false, "Certainty factor (Berzal et al.), in [-1, 1]"),
      f("zhangs_metric", DoubleType, false, "Zhang's metric, in [-1, 1]"),
      f("odds_ratio", DoubleType, false, "Odds ratio of the 2x2 table; 0.5 added to each cell when an off-diagonal cell is empty"),
      f("added_value", DoubleType, false, "confidence - consequent_support, in [-1, 1]"),
      f("phi", DoubleType, false, "Phi (Pearson) correlation of the 2x2 table, in [-1, 1]"),
      f("information_gain", DoubleType, false,
          "Mutual information in bits between holding the antecedent and holding the consequent"),
      f("information_gain_ratio", DoubleType, false,
          "information_gain / entropy of the consequent: share of its uncertainty removed, in [0, 1]"),
      f("chi_square", DoubleType, false, "Pearson chi-square of the 2x2 table, 1 df, no continuity correction"),
      f("p_value", DoubleType, false, "One-sided Fisher exact test, P[count >= rule_count] under independence"),
      f("p_value_adjusted", DoubleType, false, "p_value adjusted over the run's rules (mining.p-value-adjustment)"),
      f("antecedent_count", LongType, false, "Baskets holding the antecedent"),
      f("consequent_count", LongType, false, "Baskets holding the consequent"),
      f("rule_count", LongType, false, "Baskets holding antecedent and consequent"),
      f("basket_count", LongType, false, "Baskets mined in the segment"),
  });

  public static final StructType ITEMSETS = new StructType(new StructField[] {
      f("run_id", StringType, false, "Run that wrote the row"),
      f("run_date", DateType, false, "Run date; the table is partitioned by it"),
      f("segment", StringType, false, "Basket segment; ALL for all baskets"),
      f("items", STRINGS, false, "The itemset, sorted"),
      f("size", IntegerType, false, "Number of items"),
      f("freq", LongType, false, "Baskets holding every item"),
      f("support", DoubleType, false, "freq / baskets in the segment"),
  });

  public static final StructType REJECTED = new StructType(new StructField[] {
      f("run_id", StringType, false, "Run that wrote the row"),
      f("run_date", DateType, false, "Run date; the table is partitioned by it"),
      f("table_name", StringType, false, "Input table of the rejected row"),
      f("rule", StringType, false, "Rule broken, e.g. type:order_date, reference:customer_id"),
      f("reason", StringType, false, "Readable reason naming the table, column and value"),
      f("record", StringType, true, "The original record: JSON of its columns, or the raw line if malformed"),
      f("source_file", StringType, true, "File the row was read from"),
  });

  public static final StructType JOB_RUNS_SCHEMA = new StructType(new StructField[] {
      f("run_id", StringType, false, "One attempt of the job"),
      f("run_date", DateType, false, "Run date the attempt was for"),
      f("status", StringType, false, "RUNNING, SUCCEEDED or FAILED"),
      f("started_at", TimestampType, false, "When the attempt started"),
      f("finished_at", TimestampType, true, "When it ended; null while RUNNING"),
      f("parameters", createMapType(StringType, StringType), false, "Effective configuration"),
      f("input_rows", createMapType(StringType, LongType), true, "Rows read per input table"),
      f("used_rows", createMapType(StringType, LongType), true, "Rows used per input table"),
      f("rejected_rows", createMapType(StringType, LongType), true, "Rows rejected per input table"),
      f("output_rows", createMapType(StringType, LongType), true, "Rows written per output table"),
      f("basket_counts", createMapType(StringType, LongType), true,
          "Baskets per mined segment (ALL = every basket), skipped segments, and baskets left out for size"),
      f("output_versions", createMapType(StringType, LongType), true,
          "Delta version of each results table this run wrote (for time travel: diff, audits)"),
      f("rule_filters", createMapType(StringType, LongType), true,
          "Rules left after each selection step: mined, min-lift, ..., ranked or max-rules"),
      f("stage_seconds", createMapType(StringType, DoubleType), true, "Seconds per stage"),
      f("notes", createArrayType(StringType, false), true, "What the run skipped or noticed, and why"),
      f("error", StringType, true, "Error of a FAILED attempt"),
      f("engine_versions", StringType, true, "Spark and Delta Lake versions the attempt ran on, e.g. spark=3.5.9 delta=3.3.3"),
  });

  public static final StructType RECOMMENDATIONS_SCHEMA = new StructType(new StructField[] {
      f("run_id", StringType, false, "Run that wrote the row"),
      f("run_date", DateType, false, "Run date; the table is partitioned by it"),
      f("segment", StringType, false, "Segment whose rules (or popularity) produced the row; ALL for all baskets"),
      f("customer_id", StringType, false, "Customer the product is recommended to"),
      f("rank", IntegerType, false, "1 = best for the customer"),
      f("product_id", StringType, false, "Recommended product"),
      f("score", DoubleType, false, "Recommendation score (recommend.score; see docs/recommendations.md)"),
      f("expected_revenue", DoubleType, false, "purchase probability (the score when it is a confidence) x the product's unit price"),
      f("source", StringType, false, "RULE (a rule fired) or POPULAR (segment popularity fallback)"),
      f("antecedent", STRINGS, false, "The rule's items the customer holds; empty for POPULAR"),
      f("confidence", DoubleType, true, "Confidence of the best rule; null for POPULAR"),
      f("lift", DoubleType, true, "Lift of the best rule; null for POPULAR"),
      f("information_gain", DoubleType, true, "Information gain (bits) of the best rule; null for POPULAR"),
      f("reason", StringType, false, "One readable sentence explaining the recommendation"),
  });

  public static final StructType REVENUE_FORECAST_SCHEMA = new StructType(new StructField[] {
      f("run_id", StringType, false, "Run that wrote the row"),
      f("run_date", DateType, false, "Run date; the table is partitioned by it"),
      f("month", DateType, false, "First day of the forecast month"),
      f("contracted_revenue", DoubleType, false, "Active contracts' value spread evenly over their term's days"),
      f("renewal_revenue", DoubleType, false, "Expected renewals of contracts ending in the horizon"),
      f("pipeline_revenue", DoubleType, false, "Open opportunities x learned win probability, by expected close"),
      f("new_business_revenue", DoubleType, false, "Expected wins from opportunities not yet created"),
      f("forecast_revenue", DoubleType, false, "Sum of the four components"),
      f("forecast_low", DoubleType, false, "Lower end of the 80 % interval"),
      f("forecast_high", DoubleType, false, "Upper end of the 80 % interval"),
  });

  public static final StructType CUSTOMER_VALUE_SCHEMA = new StructType(new StructField[] {
      f("run_id", StringType, false, "Run that wrote the row"),
      f("run_date", DateType, false, "Run date; the table is partitioned by it"),
      f("customer_id", StringType, false, "Customer"),
      f("recency_days", IntegerType, true, "Days from the last order to the run date; null without orders"),
      f("frequency", LongType, false, "Orders in the basket window"),
      f("monetary", DoubleType, false, "Revenue of those orders"),
      f("active_contract_value", DoubleType, false, "Value of contracts active on the run date"),
      f("open_pipeline_value", DoubleType, false, "Open opportunities weighted by win probability"),
      f("p_alive", DoubleType, false, "BG/NBD probability the customer is still active"),
      f("expected_purchases_12m", DoubleType, false, "BG/NBD expected purchases in the next 52 weeks"),
      f("expected_value_12m", DoubleType, false, "expected_purchases_12m x Gamma-Gamma expected order value"),
      f("rfm_segment", StringType, false, "RFM segment label"),
  });

  public static final StructType CUSTOMER_HEALTH_SCHEMA = new StructType(new StructField[] {
      f("run_id", StringType, false, "Run that wrote the row"),
      f("run_date", DateType, false, "Run date; the table is partitioned by it"),
      f("customer_id", StringType, false, "Customer"),
      f("open_cases", LongType, false, "Support cases open or pending on the run date"),
      f("cases_90d", LongType, false, "Cases opened in the last customer.case-window-days days"),
      f("avg_resolution_days", DoubleType, true, "Mean days from opened to closed of closed cases"),
      f("avg_satisfaction", DoubleType, true, "Mean satisfaction (1-5) of rated cases"),
      f("days_since_last_order", IntegerType, true, "Days from the last order to the run date"),
      f("usual_order_gap_days", DoubleType, true, "The customer's own median days between orders"),
      f("renewal_due_days", IntegerType, true, "Days until the earliest active contract ends"),
      f("p_alive", DoubleType, false, "BG/NBD probability the customer is still active"),
      f("risk_score", DoubleType, false, "Risk of churn, in [0, 1]"),
      f("risk_level", StringType, false, "LOW, MEDIUM or HIGH"),
      f("reasons", STRINGS, false, "The signals that drove the score, in plain words"),
      f("next_best_action", StringType, false, "What the account manager should do next"),
  });

  public static final StructType MODEL_PARAMETERS_SCHEMA = new StructType(new StructField[] {
      f("run_id", StringType, false, "Run that wrote the row"),
      f("run_date", DateType, false, "Run date; the table is partitioned by it"),
      f("model", StringType, false, "Model, e.g. bg_nbd, gamma_gamma, win_rate"),
      f("parameter", StringType, false, "Parameter or fit statistic"),
      f("value", DoubleType, false, "Its value"),
  });

  public static final StructType EVALUATIONS_SCHEMA = new StructType(new StructField[] {
      f("run_id", StringType, false, "The evaluate run that wrote the row"),
      f("run_date", DateType, false, "Day before the cutoff: the date the backtest's pipeline ran as of"),
      f("cutoff", DateType, false, "First day after the data the backtest learned from"),
      f("task", StringType, false, "recommendations, forecast, customer_value or customer_health"),
      f("method", StringType, false, "crm-affinity or a baseline"),
      f("metric", StringType, false, "Metric name"),
      f("value", DoubleType, false, "Metric value"),
  });

  /** The run's products by id, so that reports read from the Delta tables alone can name rule items. */
  public static final StructType PRODUCT_NAMES_SCHEMA = new StructType(new StructField[] {
      f("run_id", StringType, false, "Run that wrote the row"),
      f("run_date", DateType, false, "Run date; the table is partitioned by it"),
      f("product_id", StringType, false, "Product"),
      f("name", StringType, true, "Product name; null when the input gave none"),
      f("category", StringType, false, "Product category"),
  });

  /** Every output table with its schema, in the order a run writes them (job_runs last). */
  public static final java.util.Map<String, StructType> TABLES = new java.util.LinkedHashMap<>();
  public static final java.util.Map<String, String> COMMENTS = new java.util.HashMap<>();

  static {
    TABLES.put(REJECTED_ROWS, REJECTED);
    TABLES.put(FREQUENT_ITEMSETS, ITEMSETS);
    TABLES.put(ASSOCIATION_RULES, RULES);
    TABLES.put(RECOMMENDATIONS, RECOMMENDATIONS_SCHEMA);
    TABLES.put(REVENUE_FORECAST, REVENUE_FORECAST_SCHEMA);
    TABLES.put(CUSTOMER_VALUE, CUSTOMER_VALUE_SCHEMA);
    TABLES.put(CUSTOMER_HEALTH, CUSTOMER_HEALTH_SCHEMA);
    TABLES.put(MODEL_PARAMETERS, MODEL_PARAMETERS_SCHEMA);
    TABLES.put(EVALUATIONS, EVALUATIONS_SCHEMA);
    TABLES.put(PRODUCT_NAMES, PRODUCT_NAMES_SCHEMA);
    TABLES.put(JOB_RUNS, JOB_RUNS_SCHEMA);
    COMMENTS.put(REJECTED_ROWS, "crm-affinity: input rows that broke the data contract, with the rule and the record");
    COMMENTS.put(FREQUENT_ITEMSETS, "crm-affinity: frequent itemsets per run date and segment");
    COMMENTS.put(ASSOCIATION_RULES, "crm-affinity: scored and ranked association rules per run date and segment");
    COMMENTS.put(RECOMMENDATIONS, "crm-affinity: top products per active customer, with the rule behind each");
    COMMENTS.put(REVENUE_FORECAST, "crm-affinity: monthly revenue forecast by component, with an 80 % interval");
    COMMENTS.put(CUSTOMER_VALUE, "crm-affinity: RFM, contract and pipeline value, BG/NBD and Gamma-Gamma predictions");
    COMMENTS.put(CUSTOMER_HEALTH, "crm-affinity: support and purchase signals, churn risk and next best action");
    COMMENTS.put(MODEL_PARAMETERS, "crm-affinity: fitted parameters and fit statistics of every model, per run");
    COMMENTS.put(EVALUATIONS, "crm-affinity: backtest metrics written by evaluate, per cutoff, task and method");
    COMMENTS.put(PRODUCT_NAMES, "crm-affinity: the run's products (id, name, category), for reports that name rule items");
    COMMENTS.put(JOB_RUNS, "crm-affinity: one row per attempt; read results of the latest SUCCEEDED run_id");
  }
}
