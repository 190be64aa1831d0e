package io.crmaffinity.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmaffinity.report.RunReport.AtRisk;
import io.crmaffinity.report.RunReport.BacktestRow;
import io.crmaffinity.report.RunReport.Customers;
import io.crmaffinity.report.RunReport.Example;
import io.crmaffinity.report.RunReport.Forecast;
import io.crmaffinity.report.RunReport.Item;
import io.crmaffinity.report.RunReport.Month;
import io.crmaffinity.report.RunReport.Offer;
import io.crmaffinity.report.RunReport.Pick;
import io.crmaffinity.report.RunReport.Quality;
import io.crmaffinity.report.RunReport.Recommendations;
import io.crmaffinity.report.RunReport.Rejection;
import io.crmaffinity.report.RunReport.RfmRow;
import io.crmaffinity.report.RunReport.RuleRow;
import io.crmaffinity.report.RunReport.Rules;
import io.crmaffinity.report.RunReport.Run;
import io.crmaffinity.report.RunReport.Segment;
import io.crmaffinity.report.RunReport.TableRows;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A run's rows to the report's page model: small aggregations in Spark, the rest plain Java. No IO: the
 * tables come in as DataFrames ({@link RunTables}), already filtered to the run.
 */
public final class RunReportBuilder {
  private RunReportBuilder() {}

  /** Rules per segment in the rules table. */
  static final int TABLE_RULES = 100;
  /** Rules per segment in the scatter plot. */
  static final int SCATTER_RULES = 2000;
  static final int REJECTION_RULES = 10;
  static final int EXAMPLE_CUSTOMERS = 5;
  static final int EXAMPLE_PICKS = 3;
  static final int TOP_OFFERS = 10;
  static final int AT_RISK = 10;

  /** Settings a reader of the report most often asks about, in this order (all of them are listed too). */
  static final List<String> KEY_PARAMETERS = List.of("input.path", "input.format", "basket.granularity",
      "basket.item-level", "basket.lookback-days", "mining.segment-by", "mining.min-support",
      "mining.min-confidence", "mining.rank-by", "mining.engine", "job.scenarios", "recommend.top-n",
      "forecast.horizon-months");

  /** The columns of a customers row a report may show: everything the contract has but the name. */
  static final Set<String> CUSTOMER_COLUMNS_SHOWN = Set.of("customer_id", "customer_type", "segment", "region",
      "created_date");

  static final String RULE_COLOR = "#2b6cb0";
  static final String POPULAR_COLOR = "#a0aec0";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Sections built at once: each is a handful of small Spark jobs over its own tables. */
  static final int WIDTH = 3;

  public static RunReport build(RunTables t) {
    Row run = t.run().first();
    Map<String, String> params = new TreeMap<>(entries(t.run(), "parameters"));
    Map<String, String> names = names(t.productNames());
    String runDate = String.valueOf(run.<Object>getAs("run_date"));
    // The sections read different tables (each cached once by ReportSource) and share nothing else; the
    // largest tables' sections come first, so they start first.
    List<java.util.function.Supplier<Object>> sections = List.of(
        () -> recommendations(t.recommendations(), names),
        () -> customers(t.customerValue(), t.customerHealth()),
        () -> rules(t.rules(), names, params, entries(t.run(), "basket_counts"), entries(t.run(), "rule_filters")),
        () -> quality(t.run(), t.rejected()),
        () -> forecast(t.forecast(), t.backtest(), runDate),
        () -> run(t.run()));
    List<Object> built = io.crmaffinity.spark.SideBySide.map(t.run().sparkSession(), "report", WIDTH, sections,
        java.util.function.Supplier::get);
    return new RunReport((Run) built.get(5), (Quality) built.get(3), (Rules) built.get(2),
        (Recommendations) built.get(0), (Forecast) built.get(4), (Customers) built.get(1));
  }

  /** product_id to name; products without a name are left out (the report shows their id). */
  static Map<String, String> names(Dataset<Row> productNames) {
    Map<String, String> names = new TreeMap<>();
    if (productNames == null) {
      return names;
    }
    for (Row r : productNames.where(col("name").isNotNull()).select("product_id", "name").collectAsList()) {
      names.put(r.getString(0), r.getString(1));
    }
    return names;
  }

  /** A map column of the one-row frame, in the order it was written (a collected Row's map loses it). */
  static Map<String, String> entries(Dataset<Row> oneRow, String column) {
    Map<String, String> out = new LinkedHashMap<>();
    Row r = oneRow.select(map_entries(col(column))).first();
    if (r.isNullAt(0)) {
      return out;
    }
    for (Row e : r.<Row>getList(0)) {
      out.put(e.getString(0), e.isNullAt(1) ? null : String.valueOf(e.<Object>get(1)));
    }
    return out;
  }

  static Run run(Dataset<Row> jobRun) {
    Row r = jobRun.first();
    Map<String, String> params = new TreeMap<>(entries(jobRun, "parameters"));
    params.remove("run_date");
    List<Item> key = new ArrayList<>();
    for (String k : KEY_PARAMETERS) {
      if (params.containsKey(k)) {
        key.add(new Item(k, params.get(k)));
      }
    }
    List<Item> all = params.entrySet().stream().map(e -> new Item(e.getKey(), e.getValue())).toList();
    List<Item> outputs = new ArrayList<>();
    entries(jobRun, "output_rows").forEach((t, n) -> outputs.add(new Item(t, Fmt.count(Long.parseLong(n)))));
    List<String> notes = r.isNullAt(r.fieldIndex("notes")) ? List.of() : r.getList(r.fieldIndex("notes"));
    Map<String, String> stages = entries(jobRun, "stage_seconds");
    Charts.Bar chart = stages.isEmpty() ? null : Charts.Bar.of(new ArrayList<>(stages.keySet()),
        List.of(new Charts.Series("seconds", stages.values().stream().map(Double::valueOf).toList(), RULE_COLOR)),
        true, "stage", "seconds", "seconds");
    Timestamp started = r.getAs("started_at");
    Timestamp finished = r.getAs("finished_at");
    return new Run(r.getAs("run_id"), String.valueOf(r.<Object>getAs("run_date")), r.getAs("status"),
        Fmt.time(started), Fmt.time(finished), Fmt.duration(started, finished), key, all, outputs,
        List.copyOf(notes), chart);
  }

  static Quality quality(Dataset<Row> jobRun, Dataset<Row> rejected) {
    Map<String, String> read = entries(jobRun, "input_rows");
    Map<String, String> used = entries(jobRun, "used_rows");
    Map<String, String> rej = entries(jobRun, "rejected_rows");
    if (read.isEmpty()) {
      return new Quality(List.of(), List.of(), null, "The run recorded no input counts.");
    }
    List<TableRows> tables = new ArrayList<>();
    long totalRead = 0;
    long totalRejected = 0;
    for (Map.Entry<String, String> e : read.entrySet()) {
      long n = Long.parseLong(e.getValue());
      long u = Long.parseLong(used.getOrDefault(e.getKey(), "0"));
      long x = Long.parseLong(rej.getOrDefault(e.getKey(), "0"));
      totalRead += n;
      totalRejected += x;
      tables.add(new TableRows(e.getKey(), Fmt.count(n), Fmt.count(u), Fmt.count(x),
          n == 0 ? "-" : Fmt.percent((double) x / n), x > 0));
    }
    List<Rejection> rejections = new ArrayList<>();
    if (rejected != null) {
      for (Row r : rejected.groupBy("table_name", "rule")
          .agg(count(lit(1)).as("rows"), min(struct(col("reason"), col("record"))).as("example"))
          .orderBy(col("rows").desc(), col("table_name"), col("rule")).limit(REJECTION_RULES).collectAsList()) {
        Row example = r.getStruct(3);
        rejections.add(new Rejection(r.getString(0), r.getString(1), Fmt.count(r.getLong(2))
            + (r.getLong(2) == 1 ? " row" : " rows"), example.getString(0),
            shownRecord(r.getString(0), example.isNullAt(1) ? null : example.getString(1))));
      }
    }
    String summary = totalRead == 0 ? "The input tables held no row." : totalRejected == 0
        ? "Every one of the " + Fmt.count(totalRead) + " input rows met the data contract: none was rejected."
        : Fmt.count(totalRejected) + " of " + Fmt.count(totalRead) + " input rows (" + Fmt.percent(
            (double) totalRejected / totalRead) + ") were rejected and left out; the most frequent reasons follow.";
    return new Quality(tables, rejections, summary, null);
  }

  /**
   * A rejected record as the report may show it: customers rows only with their contract columns other than
   * the name (personal data never reaches the report), and a customers line that cannot be parsed not at all.
   */
  static String shownRecord(String table, String record) {
    if (record == null) {
      return "";
    }
    if (!"customers".equals(table)) {
      return abbreviate(record);
    }
    try {
      JsonNode node = JSON.readTree(record);
      if (node instanceof ObjectNode o) {
        ObjectNode kept = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
          Map.Entry<String, JsonNode> f = it.next();
          if (CUSTOMER_COLUMNS_SHOWN.contains(f.getKey().trim().toLowerCase(Locale.ROOT))) {
            kept.set(f.getKey(), f.getValue());
          }
        }
        return abbreviate(JSON.writeValueAsString(kept));
      }
    } catch (java.io.IOException e) {
      // not JSON: a malformed line, shown below as withheld
    }
    return "(a customers line that could not be split into columns: not shown, it may hold personal data)";
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 297) + "...";
  }

  static Rules rules(Dataset<Row> rules, Map<String, String> names, Map<String, String> params,
      Map<String, String> basketCounts, Map<String, String> ruleFilters) {
    String rankBy = params.getOrDefault("mining.rank-by", "information_gain");
    String adjustment = params.getOrDefault("mining.p-value-adjustment", "bh");
    String pLabel = switch (adjustment) {
      case "bh" -> "p-value (BH-adjusted)";
      case "holm" -> "p-value (Holm-adjusted)";
      default -> "p-value";
    };
    Map<String, List<Row>> bySegment = new TreeMap<>(SEGMENT_ORDER);
    Map<String, Long> counts = new TreeMap<>(SEGMENT_ORDER);
    if (rules != null) {
      for (Row r : rules.groupBy("segment").count().collectAsList()) {
        counts.put(r.getString(0), r.getLong(1));
      }
      for (Row r : rules.where(col("rank").leq(SCATTER_RULES)).select("segment", "rank", "antecedent", "consequent",
          "support", "confidence", "lift", "information_gain", "p_value_adjusted").orderBy("segment", "rank")
          .collectAsList()) {
        bySegment.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
      }
    }
    long minBaskets = Long.parseLong(params.getOrDefault("mining.min-segment-baskets", "0"));
    Map<String, Long> segments = new TreeMap<>(SEGMENT_ORDER);
    basketCounts.forEach((seg, n) -> {
      if (!seg.startsWith("excluded")) {
        segments.put(seg, Long.parseLong(n));
      }
    });
    counts.keySet().forEach(seg -> segments.putIfAbsent(seg, null));
    long kept = counts.values().stream().mapToLong(Long::longValue).sum();
    String thresholds = "mining.min-support " + params.getOrDefault("mining.min-support", "?")
        + " and mining.min-confidence " + params.getOrDefault("mining.min-confidence", "?");
    if (kept == 0) {
      long mined = Long.parseLong(ruleFilters.getOrDefault("mined", "0"));
      String why = mined > 0
          ? "the selection (" + steps(ruleFilters) + ") removed all " + Fmt.count(mined) + " mined rules."
          : "no pair of products occurred together often enough to pass " + thresholds + ".";
      return new Rules(rankBy, pLabel, null, List.of(), "No rule was kept in this run: " + why);
    }
    List<Segment> tabs = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Long> seg : segments.entrySet()) {
      String name = seg.getKey();
      Long baskets = seg.getValue();
      List<Row> rows = bySegment.getOrDefault(name, List.of());
      long n = counts.getOrDefault(name, 0L);
      String id = "seg-" + i;
      String basketText = baskets == null ? "-" : Fmt.count(baskets);
      if (rows.isEmpty()) {
        String empty = baskets != null && !"ALL".equals(name) && baskets < minBaskets
            ? "This segment was not mined: its " + basketText + " baskets are fewer than mining.min-segment-baskets ("
                + minBaskets + ")."
            : "No rule in this segment passed " + thresholds + " and the selection.";
        tabs.add(new Segment(id, name, basketText, 0, "0", List.of(), id + "-scatter", i == 0, null, empty));
      } else {
        List<RuleRow> table = new ArrayList<>();
        List<Charts.Point> points = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Row r : rows) {
          String a = named(r.getList(2), names);
          String c = named(r.getList(3), names);
          double ig = r.getDouble(7);
          lo = Math.min(lo, ig);
          hi = Math.max(hi, ig);
          points.add(new Charts.Point(r.getDouble(4), r.getDouble(5), ig, r.getDouble(6), a + " => " + c, r.getInt(1)));
          if (table.size() < TABLE_RULES) {
            table.add(new RuleRow(r.getInt(1), a, c, r.getDouble(4), r.getDouble(5), r.getDouble(6), ig,
                r.getDouble(8), Fmt.fixed(r.getDouble(4), 4), Fmt.fixed(r.getDouble(5), 3), Fmt.fixed(r.getDouble(6), 2),
                Fmt.fixed(ig, 4), Fmt.pValue(r.getDouble(8))));
          }
        }
        String shown = table.size() == n ? Fmt.count(n) : "the best " + table.size() + " of " + Fmt.count(n);
        tabs.add(new Segment(id, name, basketText, n, shown, table, id + "-scatter", i == 0,
            Charts.Scatter.of(points, lo, hi), null));
      }
      i++;
    }
    String summary = Fmt.count(kept) + " rules kept in " + tabs.size() + (tabs.size() == 1 ? " segment" : " segments")
        + ", ranked by " + rankBy + "; mined at " + thresholds + (ruleFilters.isEmpty() ? "" : " (" + steps(ruleFilters)
            + ")") + ".";
    return new Rules(rankBy, pLabel, summary, tabs, null);
  }

  /** ALL first, then the other segments by name. */
  static final Comparator<String> SEGMENT_ORDER = Comparator.comparing((String s) -> !"ALL".equals(s))
      .thenComparing(Comparator.naturalOrder());

  private static String steps(Map<String, String> ruleFilters) {
    List<String> parts = new ArrayList<>();
    ruleFilters.forEach((step, n) -> parts.add(step + " " + Fmt.count(Long.parseLong(n))));
    return String.join(", ", parts);
  }

  static String named(List<String> items, Map<String, String> names) {
    return String.join(" + ", items.stream().map(i -> names.getOrDefault(i, i)).toList());
  }

  static Recommendations recommendations(Dataset<Row> recs, Map<String, String> names) {
    if (recs == null) {
      return new Recommendations(null, List.of(), List.of(), null, null,
          "The recommend stage was not part of this run (job.scenarios).");
    }
    Row totals = recs.agg(count(lit(1)), countDistinct(col("customer_id")),
        sum(when(col("source").equalTo("RULE"), 1).otherwise(0))).first();
    long rows = totals.getLong(0);
    if (rows == 0) {
      return new Recommendations(null, List.of(), List.of(), null, null, "No customer got a recommendation in this"
          + " run: there was no active customer, or they already hold everything the rules and popularity offer.");
    }
    long customers = totals.getLong(1);
    long fromRules = totals.getLong(2);
    String summary = Fmt.count(rows) + " recommendations for " + Fmt.count(customers) + " customers: "
        + Fmt.count(fromRules) + " (" + Fmt.percent((double) fromRules / rows) + ") from rules, "
        + Fmt.count(rows - fromRules) + " (" + Fmt.percent((double) (rows - fromRules) / rows)
        + ") popular in the customer's segment.";

    // The source mix by position in the customers' lists.
    Map<Integer, long[]> byRank = new TreeMap<>();
    for (Row r : recs.groupBy("rank", "source").count().collectAsList()) {
      byRank.computeIfAbsent(r.getInt(0), k -> new long[2])["RULE".equals(r.getString(1)) ? 0 : 1] += r.getLong(2);
    }
    List<String> ranks = byRank.keySet().stream().map(String::valueOf).toList();
    Charts.Bar sources = Charts.Bar.of(ranks, List.of(
        new Charts.Series("RULE", byRank.values().stream().map(v -> (double) v[0]).toList(), RULE_COLOR),
        new Charts.Series("POPULAR", byRank.values().stream().map(v -> (double) v[1]).toList(), POPULAR_COLOR)),
        false, "position in the customer's list", "recommendations", "count");

    List<Offer> offers = new ArrayList<>();
    List<String> offerNames = new ArrayList<>();
    List<Double> offerRule = new ArrayList<>();
    List<Double> offerPopular = new ArrayList<>();
    for (Row r : recs.groupBy("product_id").agg(countDistinct(col("customer_id")).as("customers"),
        sum(when(col("source").equalTo("RULE"), 1).otherwise(0)).as("rule"), sum(col("expected_revenue")).as("rev"))
        .orderBy(col("customers").desc(), col("product_id")).limit(TOP_OFFERS).collectAsList()) {
      String name = names.getOrDefault(r.getString(0), r.getString(0));
      offers.add(new Offer(name, Fmt.count(r.getLong(1)), Fmt.count(r.getLong(2)), Fmt.money(r.getDouble(3))));
      offerNames.add(name);
      offerRule.add((double) r.getLong(2));
      offerPopular.add((double) (r.getLong(1) - r.getLong(2)));
    }
    Charts.Bar offerChart = Charts.Bar.of(offerNames, List.of(new Charts.Series("RULE", offerRule, RULE_COLOR),
        new Charts.Series("POPULAR", offerPopular, POPULAR_COLOR)), true, "product", "customers", "count");

    // Example customers: the lists worth most, each with its first picks and their reasons.
    List<Row> top = recs.groupBy("customer_id").agg(sum(col("expected_revenue")).as("rev"))
        .orderBy(col("rev").desc(), col("customer_id")).limit(EXAMPLE_CUSTOMERS).collectAsList();
    Map<String, List<Pick>> picks = new LinkedHashMap<>();
    top.forEach(r -> picks.put(r.getString(0), new ArrayList<>()));
    for (Row r : recs.where(col("customer_id").isin(picks.keySet().toArray()).and(col("rank").leq(EXAMPLE_PICKS)))
        .select("customer_id", "rank", "product_id", "source", "score", "expected_revenue", "reason")
        .orderBy("customer_id", "rank").collectAsList()) {
      picks.get(r.getString(0)).add(new Pick(r.getInt(1), names.getOrDefault(r.getString(2), r.getString(2)),
          r.getString(3), Fmt.fixed(r.getDouble(4), 3), Fmt.money(r.getDouble(5)), r.getString(6)));
    }
    List<Example> examples = top.stream().map(r -> new Example(r.getString(0), Fmt.money(r.getDouble(1)),
        picks.get(r.getString(0)))).toList();
    return new Recommendations(summary, offers, examples, sources, offerChart, null);
  }

  static final List<String> FORECAST_METRICS = List.of("months_scored", "mape", "horizon_ape", "interval_coverage",
      "pinball_p10", "pinball_p90", "forecast_total", "actual_total");

  static Forecast forecast(Dataset<Row> forecast, Dataset<Row> backtest, String runDate) {
    List<BacktestRow> bt = new ArrayList<>();
    String cutoff = null;
    if (backtest != null) {
      Map<String, Map<String, Double>> byMethod = new TreeMap<>(Comparator.comparing((String m) -> !"crm-affinity"
          .equals(m)).thenComparing(Comparator.naturalOrder()));
      for (Row r : backtest.where(col("metric").isin(FORECAST_METRICS.toArray())).select("cutoff", "method", "metric",
          "value").collectAsList()) {
        cutoff = String.valueOf(r.<Object>get(0));
        byMethod.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>()).put(r.getString(2), r.getDouble(3));
      }
      // every method is scored on the same months; the backtest writes months_scored once, for crm-affinity
      Double scored = byMethod.getOrDefault("crm-affinity", Map.of()).get("months_scored");
      byMethod.forEach((method, m) -> bt.add(new BacktestRow(method,
          m.containsKey("months_scored") ? Fmt.count(Math.round(m.get("months_scored")))
              : scored != null ? Fmt.count(Math.round(scored)) : "-",
          m.containsKey("mape") ? Fmt.percent(m.get("mape")) : "-",
          m.containsKey("horizon_ape") ? Fmt.percent(m.get("horizon_ape")) : "-",
          m.containsKey("interval_coverage") ? Fmt.percent(m.get("interval_coverage")) : "-",
          m.containsKey("pinball_p10") ? Fmt.money(m.get("pinball_p10")) : "-",
          m.containsKey("pinball_p90") ? Fmt.money(m.get("pinball_p90")) : "-",
          m.containsKey("forecast_total") ? Fmt.money(m.get("forecast_total")) : "-",
          m.containsKey("actual_total") ? Fmt.money(m.get("actual_total")) : "-")));
    }
    String backtestEmpty = bt.isEmpty() ? "No forecast backtest with a cutoff on or before the day after " + runDate
        + " is in the evaluations table: evaluate --cutoff YYYY-MM-DD measures the forecast against what happened."
        : null;
    if (forecast == null) {
      return new Forecast(null, List.of(), null, cutoff, bt, backtestEmpty,
          "The forecast stage was not part of this run (job.scenarios).");
    }
    List<Row> rows = forecast.select(col("month"), col("contracted_revenue"), col("renewal_revenue"),
        col("pipeline_revenue"), col("new_business_revenue"), col("forecast_revenue"), col("forecast_low"),
        col("forecast_high")).orderBy("month").collectAsList();
    boolean zero = rows.stream().allMatch(r -> r.getDouble(5) == 0 && r.getDouble(7) == 0);
    if (zero) {
      return new Forecast(null, List.of(), null, cutoff, bt, backtestEmpty, rows.isEmpty()
          ? "The forecast has no month in this run."
          : "The forecast is zero for every month: there is no active contract, open opportunity or won deal to"
              + " project from.");
    }
    List<Month> months = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<List<Double>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<Double> low = new ArrayList<>();
    List<Double> high = new ArrayList<>();
    List<Double> total = new ArrayList<>();
    double sum = 0;
    for (Row r : rows) {
      String m = String.valueOf(r.<Object>get(0)).substring(0, 7);
      labels.add(m);
      for (int k = 0; k < 4; k++) {
        parts.get(k).add(round2(r.getDouble(k + 1)));
      }
      total.add(round2(r.getDouble(5)));
      low.add(round2(r.getDouble(6)));
      high.add(round2(r.getDouble(7)));
      sum += r.getDouble(5);
      months.add(new Month(m, Fmt.money(r.getDouble(1)), Fmt.money(r.getDouble(2)), Fmt.money(r.getDouble(3)),
          Fmt.money(r.getDouble(4)), Fmt.money(r.getDouble(5)), Fmt.money(r.getDouble(6)), Fmt.money(r.getDouble(7))));
    }
    Charts.Forecast chart = Charts.Forecast.of(labels, List.of(
        new Charts.Series("contracted", parts.get(0), "#1a365d"),
        new Charts.Series("renewal", parts.get(1), "#3182ce"),
        new Charts.Series("pipeline", parts.get(2), "#63b3ed"),
        new Charts.Series("new business", parts.get(3), "#9ae6b4")), low, high, total);
    String summary = "Forecast for the next " + rows.size() + (rows.size() == 1 ? " month: " : " months: ")
        + Fmt.money(sum) + " in total; " + labels.get(0) + " alone " + months.get(0).forecast() + " (80 % interval "
        + months.get(0).low() + " to " + months.get(0).high() + ").";
    return new Forecast(summary, months, chart, cutoff, bt, backtestEmpty, null);
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  static final List<String> RISK_LEVELS = List.of("LOW", "MEDIUM", "HIGH");
  static final Map<String, String> RISK_COLORS = Map.of("LOW", "#68d391", "MEDIUM", "#f6ad55", "HIGH", "#e53e3e");

  static Customers customers(Dataset<Row> value, Dataset<Row> health) {
    if (value == null && health == null) {
      return new Customers(null, List.of(), List.of(), null, null, null, null,
          "The customer stage was not part of this run (job.scenarios).");
    }
    long healthRows = health == null ? 0 : health.count();
    long valueRows = value == null ? 0 : value.count();
    if (healthRows == 0 && valueRows == 0) {
      return new Customers(null, List.of(), List.of(), null, null, null, null,
          "No customer was scored in this run: none had an order, contract or support case to learn from.");
    }
    // Risk: a histogram of the score in tenths, each bar split by level.
    Charts.Bar risk = null;
    List<AtRisk> atRisk = new ArrayList<>();
    Map<String, Long> levels = new LinkedHashMap<>();
    RISK_LEVELS.forEach(l -> levels.put(l, 0L));
    if (healthRows > 0) {
      Map<String, double[]> bins = new LinkedHashMap<>();
      RISK_LEVELS.forEach(l -> bins.put(l, new double[10]));
      for (Row r : health.groupBy(least(floor(col("risk_score").multiply(10)), lit(9)).cast("int").as("bin"),
          col("risk_level")).count().collectAsList()) {
        bins.computeIfAbsent(r.getString(1), k -> new double[10])[r.getInt(0)] += r.getLong(2);
        levels.merge(r.getString(1), r.getLong(2), Long::sum);
      }
      List<String> labels = new ArrayList<>();
      for (int b = 0; b < 10; b++) {
        labels.add(Fmt.fixed(b / 10.0, 1) + "-" + Fmt.fixed((b + 1) / 10.0, 1));
      }
      List<Charts.Series> series = new ArrayList<>();
      bins.forEach((level, counts) -> series.add(new Charts.Series(level,
          java.util.Arrays.stream(counts).boxed().toList(), RISK_COLORS.getOrDefault(level, "#718096"))));
      risk = Charts.Bar.of(labels, series, false, "risk score", "customers", "count");

      Dataset<Row> joined = value == null ? health.withColumn("expected_value_12m", lit(null).cast("double"))
          .withColumn("rfm_segment", lit(null).cast("string"))
          : health.join(value.select("customer_id", "expected_value_12m", "rfm_segment"), new String[] {"customer_id"},
              "left");
      for (Row r : joined.orderBy(col("risk_score").desc(), col("customer_id")).limit(AT_RISK)
          .select("customer_id", "risk_score", "risk_level", "reasons", "next_best_action", "expected_value_12m",
              "rfm_segment").collectAsList()) {
        atRisk.add(new AtRisk(r.getString(0), Fmt.fixed(r.getDouble(1), 2), r.getString(2),
            List.copyOf(r.<String>getList(3)), r.getString(4), r.isNullAt(5) ? "-" : Fmt.money(r.getDouble(5)),
            r.isNullAt(6) ? "-" : r.getString(6)));
      }
    }
    List<RfmRow> rfm = new ArrayList<>();
    Charts.Bar rfmChart = null;
    double totalValue = 0;
    if (valueRows > 0) {
      List<String> segs = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (Row r : value.groupBy("rfm_segment").agg(count(lit(1)).as("n"), sum("expected_value_12m").as("ev"),
          sum("monetary").as("m"), avg("p_alive").as("p")).orderBy(col("ev").desc(), col("rfm_segment"))
          .collectAsList()) {
        rfm.add(new RfmRow(r.getString(0), Fmt.count(r.getLong(1)), Fmt.money(r.getDouble(2)),
            Fmt.money(r.getDouble(3)), Fmt.fixed(r.getDouble(4), 2)));
        segs.add(r.getString(0));
        values.add(round2(r.getDouble(2)));
        totalValue += r.getDouble(2);
      }
      rfmChart = Charts.Bar.of(segs, List.of(new Charts.Series("expected value, next 12 months", values, RULE_COLOR)),
          true, "RFM segment", "expected value, next 12 months", "money");
    }
    long customers = Math.max(healthRows, valueRows);
    String summary = Fmt.count(customers) + " customers scored" + (healthRows == 0 ? "" : ": "
        + Fmt.count(levels.get("HIGH")) + " at HIGH risk, " + Fmt.count(levels.get("MEDIUM")) + " MEDIUM, "
        + Fmt.count(levels.get("LOW")) + " LOW") + (valueRows == 0 ? "." : "; expected value of the next 12 months "
        + Fmt.money(totalValue) + " in total.");
    return new Customers(summary, atRisk, rfm, risk, rfmChart,
        healthRows == 0 ? "No customer health scores in this run." : null,
        valueRows == 0 ? "No customer value scores in this run." : null, null);
  }
}
