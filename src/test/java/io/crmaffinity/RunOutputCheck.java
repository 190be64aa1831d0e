package io.crmaffinity;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.mean;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.crmaffinity.output.OutputSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.StructField;

/**
 * Reads back the Delta tables of the latest run of a date and checks what every successful run must satisfy,
 * whatever its input: the latest job_runs row of the run date is SUCCEEDED and the only run with rows of the
 * date; every input row is used or rejected; no NaN or ±Infinity in any double column; the contract's ranges
 * for supports, confidences, probabilities and scores; forecast_low &lt;= forecast_revenue &lt;= forecast_high
 * and the four parts sum to the forecast; one customer_value and one customer_health row per customer known on
 * the run date; recommendation ranks 1..n. Collects the failures and a few lines to eyeball (rows per table,
 * notes, stage seconds, distributions). Used by the whole-job property suite and jobs/run-shared-datasets.sh
 * (through {@link io.crmaffinity.bench.CheckRunOutputs}).
 */
public final class RunOutputCheck {
  final SparkSession spark;
  final String name;
  final Path output;
  final LocalDate runDate;
  final Path input;
  final List<String> failures = new ArrayList<>();
  final List<String> lines = new ArrayList<>();
  int checks;
  String runId;
  Map<String, String> params = Map.of();
  Map<String, Long> usedRows = Map.of();
  Map<String, Long> outputRows = Map.of();

  /** The tables a run with every scenario on writes. */
  public static final List<String> RUN_TABLES = List.of(OutputSchemas.ASSOCIATION_RULES,
      OutputSchemas.FREQUENT_ITEMSETS, OutputSchemas.REJECTED_ROWS, OutputSchemas.RECOMMENDATIONS,
      OutputSchemas.REVENUE_FORECAST, OutputSchemas.CUSTOMER_VALUE, OutputSchemas.CUSTOMER_HEALTH,
      OutputSchemas.MODEL_PARAMETERS);

  /**
   * @param input the run's CSV input folder, to count customers created after the run date; or null with
   *     {@code knownCustomers}
   * @param knownCustomers customers known on the run date when the caller knows them, else null
   */
  public RunOutputCheck(SparkSession spark, String name, Path output, LocalDate runDate, Path input,
      Long knownCustomers) {
    this.spark = spark;
    this.name = name;
    this.output = output;
    this.runDate = runDate;
    this.input = input;
    this.known = knownCustomers;
  }

  public List<String> failures() {
    return failures;
  }

  /** The report: the lines to eyeball, the failed checks and a RESULT line. */
  public String text() {
    StringBuilder sb = new StringBuilder("== " + name + ": outputs of the run for " + runDate + " in " + output + "\n");
    lines.forEach(l -> sb.append("  ").append(l).append('\n'));
    sb.append(String.format(Locale.ROOT, "  checks: %d run, %d failed%n", checks, failures.size()));
    failures.forEach(f -> sb.append("  CHECK FAILED: ").append(f).append('\n'));
    sb.append("RESULT ").append(name).append(' ').append(failures.isEmpty() ? "PASS" : "FAIL " + failures.size());
    return sb.toString();
  }

  void fail(String message) {
    failures.add(message);
  }

  /** One check: counted, and a failure when {@code ok} is false. */
  void expect(boolean ok, String message) {
    checks++;
    if (!ok) {
      fail(message);
    }
  }

  void info(String line) {
    lines.add(line);
  }

  Dataset<Row> table(String t) {
    return spark.read().format("delta").load(output.resolve(t).toString());
  }

  /** Runs every check; a checker that cannot read the outputs is a failure too. */
  public RunOutputCheck run() {
    try {
      checkAll();
    } catch (Exception e) {
      fail("checker could not read the outputs: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
    }
    return this;
  }

  private void checkAll() {
    checks++;
    if (!Files.isDirectory(output.resolve(OutputSchemas.JOB_RUNS).resolve("_delta_log"))) {
      fail("no job_runs table under " + output);
      return;
    }
    jobRuns();
    if (runId == null) {
      return;
    }
    Map<String, Dataset<Row>> rows = new LinkedHashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String t : RUN_TABLES) {
      checks++;
      if (!Files.isDirectory(output.resolve(t).resolve("_delta_log"))) {
        fail("table " + t + " was not written");
        continue;
      }
      Dataset<Row> all = table(t).where(col("run_date").equalTo(lit(Date.valueOf(runDate))));
      Row n = all.agg(sum(when(col("run_id").equalTo(runId), 1).otherwise(0)),
          sum(when(col("run_id").notEqual(runId), 1).otherwise(0))).first();
      long mineCount = n.isNullAt(0) ? 0 : n.getLong(0);
      long others = n.isNullAt(1) ? 0 : n.getLong(1);
      expect(others == 0, t + ": " + others + " rows of other runs of " + runDate + " beside the latest run's");
      Long recorded = outputRows.get(t);
      expect(recorded == null || recorded == mineCount, t + ": " + mineCount + " rows of the run, job_runs."
          + "output_rows says " + recorded);
      counts.put(t, mineCount);
      rows.put(t, all.where(col("run_id").equalTo(runId)));
    }
    info("rows: " + counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", ")));
    for (Map.Entry<String, Dataset<Row>> e : rows.entrySet()) {
      String t = e.getKey();
      // Read more than once (checks, distributions): cached when large.
      Dataset<Row> df = counts.get(t) > 10_000 ? e.getValue().cache() : e.getValue();
      finite(t, df);
      switch (t) {
        case OutputSchemas.ASSOCIATION_RULES -> rules(df);
        case OutputSchemas.FREQUENT_ITEMSETS -> range(t, "support", 0, false, 1);
        case OutputSchemas.RECOMMENDATIONS -> recommendations(df);
        case OutputSchemas.REVENUE_FORECAST -> forecast(df);
        case OutputSchemas.CUSTOMER_VALUE -> customerValue(df);
        case OutputSchemas.CUSTOMER_HEALTH -> customerHealth(df);
        case OutputSchemas.MODEL_PARAMETERS -> modelParameters(df);
        default -> { }
      }
      flush(df);
    }
    if (rows.containsKey(OutputSchemas.CUSTOMER_VALUE) && rows.containsKey(OutputSchemas.CUSTOMER_HEALTH)) {
      customersAcross(rows.get(OutputSchemas.CUSTOMER_VALUE), rows.get(OutputSchemas.CUSTOMER_HEALTH));
    }
    rows.values().forEach(Dataset::unpersist);
  }

  void jobRuns() {
    List<Row> runs = table(OutputSchemas.JOB_RUNS).where(col("run_date").equalTo(lit(Date.valueOf(runDate))))
        .orderBy(col("started_at").desc(), col("finished_at").desc_nulls_first()).collectAsList();
    if (runs.isEmpty()) {
      fail("job_runs has no row for " + runDate);
      return;
    }
    Row last = runs.get(0);
    runId = last.getString(last.fieldIndex("run_id"));
    String status = last.getString(last.fieldIndex("status"));
    info("job_runs: latest of " + runs.size() + " row(s) for " + runDate + ": run " + runId + " " + status);
    expect("SUCCEEDED".equals(status), "job_runs: the latest row for " + runDate + " is " + status
        + ", not SUCCEEDED" + (last.isNullAt(last.fieldIndex("error")) ? ""
            : " (error: " + firstLine(last.getString(last.fieldIndex("error"))) + ")"));
    params = last.getJavaMap(last.fieldIndex("parameters"));
    if (!last.isNullAt(last.fieldIndex("used_rows"))) {
      usedRows = last.getJavaMap(last.fieldIndex("used_rows"));
      Map<String, Long> read = last.getJavaMap(last.fieldIndex("input_rows"));
      Map<String, Long> rejected = last.getJavaMap(last.fieldIndex("rejected_rows"));
      read.forEach((table, n) -> expect(n == usedRows.getOrDefault(table, -1L) + rejected.getOrDefault(table, -1L),
          "job_runs: " + table + " read " + n + " rows, used " + usedRows.get(table) + " + rejected "
              + rejected.get(table)));
    }
    info("scenarios: " + params.get("job.scenarios"));
    Map<String, Double> seconds = last.isNullAt(last.fieldIndex("stage_seconds")) ? Map.of()
        : last.getJavaMap(last.fieldIndex("stage_seconds"));
    long nonFinite = seconds.values().stream().filter(d -> d == null || !Double.isFinite(d)).count();
    expect(nonFinite == 0, "job_runs.stage_seconds: " + nonFinite + " value(s) not finite");
    info("stage seconds: " + seconds.entrySet().stream()
        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f", e.getValue()))
        .collect(Collectors.joining(", ")));
    if (!last.isNullAt(last.fieldIndex("output_rows"))) {
      outputRows = last.getJavaMap(last.fieldIndex("output_rows"));
    }
    for (String m : List.of("basket_counts", "rule_filters")) {
      if (!last.isNullAt(last.fieldIndex(m))) {
        info(m + ": " + last.getJavaMap(last.fieldIndex(m)));
      }
    }
    List<String> notes = last.isNullAt(last.fieldIndex("notes")) ? List.of()
        : last.getList(last.fieldIndex("notes"));
    if (notes.isEmpty()) {
      info("notes: (none)");
    }
    notes.forEach(n -> info("note: " + n));
    if (!last.isNullAt(last.fieldIndex("error"))) {
      info("error: " + firstLine(last.getString(last.fieldIndex("error"))));
    }
  }

  /** Queues: no NaN or ±Infinity in any double column. */
  void finite(String table, Dataset<Row> df) {
    for (StructField f : df.schema().fields()) {
      if (f.dataType() instanceof DoubleType) {
        Column c = col(f.name());
        none(table + "." + f.name() + ": %d NaN or infinite value(s)", c.isNaN()
            .or(c.equalTo(Double.NEGATIVE_INFINITY)).or(c.equalTo(Double.POSITIVE_INFINITY)));
      }
    }
  }

  /** A check evaluated with the others of its table in one aggregation: rows matching {@code bad} fail it. */
  record Pending(String message, Column bad, String column) {}

  final List<Pending> pending = new ArrayList<>();

  /** Queues: every non-null value of {@code column} in (lo, hi] or [lo, hi]. */
  void range(String table, String column, double lo, boolean loIncluded, double hi) {
    Column c = col(column);
    Column bad = (loIncluded ? c.lt(lo) : c.leq(lo)).or(c.gt(hi)).or(c.isNaN());
    pending.add(new Pending(String.format(Locale.ROOT, "%s.%s: %%d value(s) outside %s%s, %s]", table, column,
        loIncluded ? "[" : "(", num(lo), num(hi)), bad, column));
  }

  /** Queues: no row matches {@code bad}; the message has one %d for the count. */
  void none(String message, Column bad) {
    pending.add(new Pending(message, bad, null));
  }

  /** Runs the queued checks on {@code df} in one aggregation. */
  void flush(Dataset<Row> df) {
    if (pending.isEmpty()) {
      return;
    }
    List<Column> aggs = new ArrayList<>();
    for (Pending p : pending) {
      aggs.add(sum(when(p.bad(), 1).otherwise(0)));
      if (p.column() != null) {
        aggs.add(min(col(p.column())));
        aggs.add(max(col(p.column())));
      }
    }
    Row r = df.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    int i = 0;
    for (Pending p : pending) {
      long n = r.isNullAt(i) ? 0 : r.getLong(i);
      String m = String.format(Locale.ROOT, p.message(), n);
      if (p.column() != null) {
        m += " (min " + num(r.get(i + 1)) + ", max " + num(r.get(i + 2)) + ")";
        i += 2;
      }
      i++;
      expect(n == 0, m);
    }
    pending.clear();
  }

  void rules(Dataset<Row> r) {
    String t = OutputSchemas.ASSOCIATION_RULES;
    for (String c : List.of("support", "antecedent_support", "consequent_support", "confidence", "jaccard",
        "kulczynski", "cosine")) {
      range(t, c, 0, false, 1);
    }
    for (String c : List.of("p_value", "p_value_adjusted")) {
      range(t, c, 0, false, 1);
    }
    for (String c : List.of("information_gain", "information_gain_ratio")) {
      range(t, c, 0, true, 1);
    }
    for (String c : List.of("certainty", "zhangs_metric", "added_value", "phi")) {
      range(t, c, -1, true, 1);
    }
    range(t, "leverage", -0.25, true, 0.25);
    range(t, "lift", 0, false, Double.POSITIVE_INFINITY);
    none(t + ": %d rule(s) with p_value_adjusted < p_value", col("p_value_adjusted").lt(col("p_value")));
  }

  void recommendations(Dataset<Row> r) {
    String t = OutputSchemas.RECOMMENDATIONS;
    String score = params.getOrDefault("recommend.score", "confidence");
    if ("confidence".equals(score)) {
      // A confidence (max) or a noisy-or of confidences for RULE rows, a basket share for POPULAR rows.
      range(t, "score", 0, true, 1);
    } else {
      info(t + ".score not range-checked: recommend.score = " + score + " is not a probability");
    }
    range(t, "confidence", 0, false, 1);
    range(t, "expected_revenue", 0, true, Double.POSITIVE_INFINITY);
    range(t, "rank", 1, true, Integer.parseInt(params.getOrDefault("recommend.top-n", "10")));
    none(t + ": %d RULE row(s) without a confidence", col("source").equalTo("RULE").and(col("confidence").isNull()));
    none(t + ": %d row(s) with a source other than RULE or POPULAR", col("source").isin("RULE", "POPULAR")
        .unary_$bang());
    long gaps = r.groupBy(col("customer_id")).agg(min(col("rank")).as("lo"), max(col("rank")).as("hi"),
        count(lit(1)).as("n")).where(col("lo").notEqual(1).or(col("hi").notEqual(col("n")))).count();
    expect(gaps == 0, t + ": " + gaps + " customer(s) whose ranks are not 1..n");
    Row u = r.agg(count(lit(1)), countDistinct(col("customer_id"), col("rank")),
        countDistinct(col("customer_id"), col("product_id")), countDistinct(col("customer_id")),
        sum(when(col("source").equalTo("RULE"), 1).otherwise(0))).first();
    long n = u.getLong(0);
    expect(n == u.getLong(1), t + ": (customer_id, rank) not unique: " + n + " rows, " + u.getLong(1)
        + " distinct");
    expect(n == u.getLong(2), t + ": (customer_id, product_id) not unique: " + n + " rows, " + u.getLong(2)
        + " distinct");
    long rule = u.isNullAt(4) ? 0 : u.getLong(4);
    info(String.format(Locale.ROOT, "%s: %d customers, %d RULE and %d POPULAR rows%s", t, u.getLong(3), rule,
        n - rule, u.getLong(3) == 0 ? "" : String.format(Locale.ROOT, ", %.2f rows per customer",
            (double) n / u.getLong(3))));
  }

  void forecast(Dataset<Row> f) {
    String t = OutputSchemas.REVENUE_FORECAST;
    double tol = 1e-6;
    none(t + ": %d month(s) where not forecast_low <= forecast_revenue <= forecast_high",
        col("forecast_low").gt(col("forecast_revenue").plus(tol))
            .or(col("forecast_revenue").gt(col("forecast_high").plus(tol))));
    Column parts = col("contracted_revenue").plus(col("renewal_revenue")).plus(col("pipeline_revenue"))
        .plus(col("new_business_revenue"));
    none(t + ": %d month(s) where forecast_revenue is not the sum of its four parts",
        abs(parts.minus(col("forecast_revenue"))).gt(lit(tol).plus(abs(parts).multiply(1e-9))));
    for (String c : List.of("contracted_revenue", "renewal_revenue", "pipeline_revenue", "new_business_revenue",
        "forecast_low")) {
      range(t, c, 0, true, Double.POSITIVE_INFINITY);
    }
    none(t + ": %d month(s) not on the first day of a month", expr("day(month) <> 1"));
    int horizon = Integer.parseInt(params.getOrDefault("forecast.horizon-months", "6"));
    Row s = f.agg(count(lit(1)), countDistinct(col("month")), sum("forecast_revenue"), sum("forecast_low"),
        sum("forecast_high")).first();
    // Empty when the input holds no opportunity and no contract (job_runs notes why).
    expect(s.getLong(0) == s.getLong(1) && (s.getLong(0) == horizon || s.getLong(0) == 0), t + ": " + s.getLong(0)
        + " rows over " + s.getLong(1) + " distinct months, expected none or one row for each of"
        + " forecast.horizon-months = " + horizon);
    info(String.format(Locale.ROOT, "%s: horizon total %s (sum of monthly low %s, high %s)", t, num(s.get(2)),
        num(s.get(3)), num(s.get(4))));
  }

  void customerValue(Dataset<Row> value) {
    String v = OutputSchemas.CUSTOMER_VALUE;
    range(v, "p_alive", 0, true, 1);
    for (String c : List.of("monetary", "active_contract_value", "open_pipeline_value", "expected_purchases_12m",
        "expected_value_12m", "recency_days", "frequency")) {
      range(v, c, 0, true, Double.POSITIVE_INFINITY);
    }
    onePerCustomer(v, value);
    info(v + ": " + distribution(value, "rfm_segment") + "; " + summary(value, "p_alive", "expected_purchases_12m",
        "expected_value_12m"));
  }

  void customerHealth(Dataset<Row> health) {
    String h = OutputSchemas.CUSTOMER_HEALTH;
    range(h, "risk_score", 0, true, 1);
    range(h, "p_alive", 0, true, 1);
    double high = Double.parseDouble(params.getOrDefault("customer.risk.high", "0.4"));
    double medium = Double.parseDouble(params.getOrDefault("customer.risk.medium", "0.25"));
    Column expected = when(col("risk_score").geq(high), "HIGH").when(col("risk_score").geq(medium), "MEDIUM")
        .otherwise("LOW");
    none(h + ": %d row(s) whose risk_level does not follow risk_score and customer.risk.high/medium",
        col("risk_level").notEqual(expected));
    onePerCustomer(h, health);
    Column action = expr("regexp_extract(next_best_action, "
        + "'^(Offer|Win-back offer|Renewal outreach|Resolve|Follow up|No action needed)', 1)");
    info(h + ": " + distribution(health, "risk_level") + "; " + summary(health, "risk_score") + "; "
        + distribution(health.select(when(action.equalTo(""), "other").otherwise(action).as("next_best_action")),
            "next_best_action"));
  }

  void onePerCustomer(String table, Dataset<Row> df) {
    long known = knownCustomers();
    Row u = df.agg(count(lit(1)), countDistinct(col("customer_id"))).first();
    expect(u.getLong(0) == u.getLong(1), table + ": " + u.getLong(0) + " rows for " + u.getLong(1)
        + " distinct customers (one row per customer expected)");
    if (known >= 0) {
      expect(u.getLong(1) == known, table + ": " + u.getLong(1) + " customers, expected the " + known
          + " customers known on " + runDate);
    }
  }

  void customersAcross(Dataset<Row> value, Dataset<Row> health) {
    Row d = value.select(col("customer_id"), col("p_alive").as("v"))
        .join(health.select(col("customer_id"), col("p_alive").as("h")), new String[] {"customer_id"}, "full_outer")
        .agg(sum(when(col("v").isNull().or(col("h").isNull()), 1).otherwise(0)),
            sum(when(abs(col("v").minus(col("h"))).gt(1e-12), 1).otherwise(0))).first();
    long unmatched = d.isNullAt(0) ? 0 : d.getLong(0);
    long differ = d.isNullAt(1) ? 0 : d.getLong(1);
    expect(unmatched == 0, "customer_value and customer_health differ on " + unmatched + " customer id(s)");
    expect(differ == 0, "p_alive differs between customer_value and customer_health for " + differ
        + " customer(s)");
  }

  void modelParameters(Dataset<Row> m) {
    Map<String, List<String>> byModel = new TreeMap<>();
    for (Row r : m.orderBy("model", "parameter").collectAsList()) {
      byModel.computeIfAbsent(r.getString(r.fieldIndex("model")), k -> new ArrayList<>())
          .add(r.getString(r.fieldIndex("parameter")) + "=" + num(r.getDouble(r.fieldIndex("value"))));
    }
    byModel.forEach((model, ps) -> info("model_parameters " + model + ": " + String.join(" ", ps)));
  }

  /**
   * Customers the stage should cover: the customers rows the run used (job_runs.used_rows), less those the
   * input says were created after the run date (read from INPUT_DIR/customers.csv; a rejected row that also
   * has a later created_date would be subtracted twice, which none of the shared data sets has).
   */
  long knownCustomers() {
    if (known == null) {
      known = countKnownCustomers();
    }
    return known;
  }

  private Long known;

  long countKnownCustomers() {
    Long used = usedRows.get("customers");
    Path csv = input.resolve("customers.csv");
    if (used == null || !Files.isRegularFile(csv)) {
      info("customer count not checked: " + (used == null ? "job_runs.used_rows has no customers entry"
          : "no customers.csv under " + input));
      return -1;
    }
    Dataset<Row> c = spark.read().option("header", "true").csv(csv.toString());
    long later = 0;
    if (List.of(c.columns()).contains("created_date")) {
      later = c.where(expr("to_date(created_date, 'yyyy-MM-dd')").gt(lit(Date.valueOf(runDate)))).count();
    }
    return used - later;
  }

  String distribution(Dataset<Row> df, String column) {
    Map<String, Long> m = new TreeMap<>();
    df.groupBy(column).count().collectAsList()
        .forEach(r -> m.put(String.valueOf(r.get(0)), r.getLong(1)));
    return column + " " + m;
  }

  String summary(Dataset<Row> df, String... columns) {
    List<Column> aggs = new ArrayList<>();
    for (String c : columns) {
      aggs.add(min(c));
      aggs.add(mean(c));
      aggs.add(max(c));
    }
    Row r = df.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      parts.add(String.format(Locale.ROOT, "%s min %s mean %s max %s", columns[i], num(r.get(3 * i)),
          num(r.get(3 * i + 1)), num(r.get(3 * i + 2))));
    }
    return String.join("; ", parts);
  }

  static String num(Object o) {
    if (!(o instanceof Number n)) {
      return String.valueOf(o);
    }
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d) || d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Double.isNaN(d) || Double.isInfinite(d) ? String.valueOf(d) : String.valueOf((long) d);
    }
    return String.format(Locale.ROOT, "%.6g", d);
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
