package io.crmaffinity.report;


import io.crmaffinity.SparkTestBase;
import io.crmaffinity.output.OutputSchemas;
import io.crmaffinity.report.RunReport.AtRisk;
import io.crmaffinity.report.RunReport.BacktestRow;
import io.crmaffinity.report.RunReport.Customers;
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
import java.sql.Date;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The page model from small hand-built tables, with exact expected values. */
class RunReportBuilderTest extends SparkTestBase {
  static final StructType RULES = schema("segment STRING, rank INT, antecedent ARRAY<STRING>, consequent ARRAY<STRING>,"
      + " support DOUBLE, confidence DOUBLE, lift DOUBLE, information_gain DOUBLE, p_value_adjusted DOUBLE");
  static final StructType RECS = schema("customer_id STRING, rank INT, product_id STRING, score DOUBLE,"
      + " expected_revenue DOUBLE, source STRING, reason STRING");
  static final StructType FORECAST = schema("month DATE, contracted_revenue DOUBLE, renewal_revenue DOUBLE,"
      + " pipeline_revenue DOUBLE, new_business_revenue DOUBLE, forecast_revenue DOUBLE, forecast_low DOUBLE,"
      + " forecast_high DOUBLE");
  static final StructType EVALS = schema("cutoff DATE, task STRING, method STRING, metric STRING, value DOUBLE");
  static final StructType VALUE = schema("customer_id STRING, monetary DOUBLE, p_alive DOUBLE,"
      + " expected_value_12m DOUBLE, rfm_segment STRING");
  static final StructType HEALTH = schema("customer_id STRING, risk_score DOUBLE, risk_level STRING,"
      + " reasons ARRAY<STRING>, next_best_action STRING");
  static final StructType REJECTED = schema("table_name STRING, rule STRING, reason STRING, record STRING");

  static <V> Map<String, V> map(Object... kv) {
    Map<String, V> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      @SuppressWarnings("unchecked")
      V v = (V) kv[i + 1];
      m.put((String) kv[i], v);
    }
    return m;
  }

  /** A job_runs row as a run writes it; the maps keep the order they are given in. */
  Dataset<Row> jobRun(Map<String, String> params, Map<String, Long> read, Map<String, Long> rejected,
      Map<String, Long> baskets, Map<String, Long> filters, Map<String, Double> stages) {
    Map<String, Long> used = new LinkedHashMap<>();
    read.forEach((t, n) -> used.put(t, n - rejected.getOrDefault(t, 0L)));
    Row r = RowFactory.create("run-1", Date.valueOf("2025-12-31"), "SUCCEEDED",
        Timestamp.valueOf("2026-01-01 02:00:00"), Timestamp.valueOf("2026-01-01 02:01:05.400"), params, read, used,
        rejected, map("association_rules", 2L, "recommendations", 3L), baskets, map("association_rules", 4L), filters,
        stages, List.of("table contracts not given: outputs that need it are empty"), null,
        "spark=3.5.9 delta=3.3.3");
    return session().createDataFrame(List.of(r), OutputSchemas.JOB_RUNS_SCHEMA);
  }

  Dataset<Row> sampleRun() {
    return jobRun(map("mining.min-support", "0.01", "mining.min-confidence", "0.3", "mining.rank-by", "lift",
        "input.path", "data-samples", "run_date", "2025-12-31", "spark.master", "local[2]"),
        map("customers", 10L, "orders", 1000L), map("orders", 3L), map("ALL", 900L, "segment=SMB", 40L,
            "excluded: more than 200 items", 2L),
        map("mined", 5L, "ranked", 3L), map("open", 1.5, "ingest", 20.25, "mine", 3.0));
  }

  @Test
  void theRunSectionKeepsTheOrderOfStagesAndOutputsAndListsTheKeySettingsFirst() {
    Run run = RunReportBuilder.run(sampleRun());
    Assertions.assertEquals("run-1", run.runId());
    Assertions.assertEquals("2025-12-31", run.runDate());
    Assertions.assertEquals("SUCCEEDED", run.status());
    Assertions.assertEquals("2026-01-01 02:00:00 UTC", run.startedAt());
    Assertions.assertEquals("1 min 05 s", run.duration());
    Assertions.assertEquals(List.of(new Item("input.path", "data-samples"), new Item("mining.min-support", "0.01"),
        new Item("mining.min-confidence", "0.3"), new Item("mining.rank-by", "lift")), run.keyParameters());
    Assertions.assertEquals(List.of("input.path", "mining.min-confidence", "mining.min-support", "mining.rank-by", "spark.master"),
        run.parameters().stream().map(Item::key).toList());
    Assertions.assertEquals(List.of(new Item("association_rules", "2"), new Item("recommendations", "3")), run.outputs());
    Assertions.assertEquals(List.of("table contracts not given: outputs that need it are empty"), run.notes());
    Assertions.assertEquals(List.of("open", "ingest", "mine"), run.stages().categories());
    Assertions.assertEquals(List.of(1.5, 20.25, 3.0), run.stages().series().get(0).data());
  }

  @Test
  void dataQualityCountsEveryTableAndShowsNoCustomerName() {
    Dataset<Row> rejected = rows(REJECTED,
        new Object[] {"orders", "type:order_date", "orders.order_date: not a date, got '2025-13-01'",
            "{\"order_id\":\"O1\",\"order_date\":\"2025-13-01\"}"},
        new Object[] {"orders", "type:order_date", "orders.order_date: not a date, got '2025-02-30'",
            "{\"order_id\":\"O2\",\"order_date\":\"2025-02-30\"}"},
        new Object[] {"orders", "reference:customer_id", "orders.customer_id: 'C9' refers to a rejected customers row",
            "{\"order_id\":\"O3\",\"customer_id\":\"C9\"}"});
    Quality q = RunReportBuilder.quality(sampleRun(), rejected);
    Assertions.assertEquals(List.of(new TableRows("customers", "10", "10", "0", "0.0 %", false),
        new TableRows("orders", "1,000", "997", "3", "0.3 %", true)), q.tables());
    Assertions.assertEquals(List.of(
        new Rejection("orders", "type:order_date", "2 rows", "orders.order_date: not a date, got '2025-02-30'",
            "{\"order_id\":\"O2\",\"order_date\":\"2025-02-30\"}"),
        new Rejection("orders", "reference:customer_id", "1 row",
            "orders.customer_id: 'C9' refers to a rejected customers row", "{\"order_id\":\"O3\",\"customer_id\":\"C9\"}")),
        q.rejections());
    Assertions.assertEquals("3 of 1,010 input rows (0.3 %) were rejected and left out; the most frequent reasons follow.",
        q.summary());

    // A customers record keeps its contract columns but the name; a line that is not JSON is not shown.
    Assertions.assertEquals("{\"customer_id\":\"C9\",\"customer_type\":\"ALIEN\",\"Region\":\"EAST\"}",
        RunReportBuilder.shownRecord("customers",
            "{\"customer_id\":\"C9\",\"name\":\"Kenji Hernandez\",\"customer_type\":\"ALIEN\",\"Region\":\"EAST\","
                + "\"email\":\"k@example.com\"}"));
    Assertions.assertEquals("(a customers line that could not be split into columns: not shown, it may hold personal data)",
        RunReportBuilder.shownRecord("customers", "C9,Kenji Hernandez,\"BUSINESS"));
    Assertions.assertEquals("O9,\"x", RunReportBuilder.shownRecord("orders", "O9,\"x"));
  }

  @Test
  void rulesGetProductNamesOneTabPerSegmentAllFirstAndTheScatterRange() {
    Dataset<Row> rules = rows(RULES,
        new Object[] {"segment=SMB", 1, new String[] {"P2"}, new String[] {"P3"}, 0.5, 0.8, 2.0, 0.2, 1e-7},
        new Object[] {"ALL", 2, new String[] {"P1", "P2"}, new String[] {"P3"}, 0.1, 0.5, 1.5, 0.05, 0.02},
        new Object[] {"ALL", 1, new String[] {"P1"}, new String[] {"P9"}, 0.2, 0.6, 3.0, 0.1, 0.001});
    Map<String, String> names = map("P1", "Laptop", "P2", "Mouse", "P3", "Dock");
    Rules r = RunReportBuilder.rules(rules, names, map("mining.rank-by", "lift", "mining.min-support", "0.01",
        "mining.min-confidence", "0.3", "mining.min-segment-baskets", "100", "mining.p-value-adjustment", "holm"),
        map("segment=SMB", "40", "ALL", "900", "segment=MID", "30", "excluded: more than 200 items", "2"),
        map("mined", "5", "ranked", "3"));
    Assertions.assertNull(r.empty());
    Assertions.assertEquals("p-value (Holm-adjusted)", r.pValueLabel());
    Assertions.assertEquals("3 rules kept in 3 segments, ranked by lift; mined at mining.min-support 0.01 and"
        + " mining.min-confidence 0.3 (mined 5, ranked 3).", r.summary());
    Assertions.assertEquals(List.of("ALL", "segment=MID", "segment=SMB"), r.segments().stream().map(Segment::name).toList());
    Segment all = r.segments().get(0);
    Assertions.assertTrue(all.first());
    Assertions.assertEquals("seg-0-scatter", all.chart());
    Assertions.assertEquals(List.of(
        new RuleRow(1, "Laptop", "P9", 0.2, 0.6, 3.0, 0.1, 0.001, "0.2000", "0.600", "3.00", "0.1000", "0.0010"),
        new RuleRow(2, "Laptop + Mouse", "Dock", 0.1, 0.5, 1.5, 0.05, 0.02, "0.1000", "0.500", "1.50", "0.0500",
            "0.0200")), all.rules());
    Assertions.assertEquals("900", all.baskets());
    Assertions.assertEquals(0.05, all.scatter().min());
    Assertions.assertEquals(0.1, all.scatter().max());
    Assertions.assertEquals(new Charts.Point(0.1, 0.5, 0.05, 1.5, "Laptop + Mouse => Dock", 2), all.scatter().points().get(1));
    Segment mid = r.segments().get(1);
    Assertions.assertEquals("This segment was not mined: its 30 baskets are fewer than mining.min-segment-baskets (100).",
        mid.empty());
    Assertions.assertNull(mid.scatter());
    Assertions.assertEquals("1.0e-07", r.segments().get(2).rules().get(0).pValueText());
  }

  @Test
  void noRuleIsASentenceSayingWhy() {
    Dataset<Row> none = rows(RULES);
    Map<String, String> params = map("mining.min-support", "0.01", "mining.min-confidence", "0.3");
    Rules notMined = RunReportBuilder.rules(none, Map.of(), params, map("ALL", "6"), map("mined", "0", "ranked", "0"));
    Assertions.assertEquals("No rule was kept in this run: no pair of products occurred together often enough to pass"
        + " mining.min-support 0.01 and mining.min-confidence 0.3.", notMined.empty());
    Assertions.assertEquals(List.of(), notMined.segments());
    Rules filtered = RunReportBuilder.rules(none, Map.of(), params, map("ALL", "600"),
        map("mined", "12", "min-lift", "0", "ranked", "0"));
    Assertions.assertEquals("No rule was kept in this run: the selection (mined 12, min-lift 0, ranked 0) removed all 12 mined"
        + " rules.", filtered.empty());
  }

  @Test
  void recommendationsSummariseTheSourceMixTopOffersAndTheMostValuableLists() {
    Dataset<Row> recs = rows(RECS,
        new Object[] {"C1", 1, "P3", 0.9, 90.0, "RULE", "Holds Laptop: ..."},
        new Object[] {"C1", 2, "P4", 0.2, 10.0, "POPULAR", "Popular in ..."},
        new Object[] {"C2", 1, "P3", 0.5, 50.0, "RULE", "Holds Mouse: ..."},
        new Object[] {"C3", 1, "P4", 0.3, 15.0, "POPULAR", "Popular in ..."});
    Recommendations r = RunReportBuilder.recommendations(recs, map("P3", "Dock"));
    Assertions.assertEquals("4 recommendations for 3 customers: 2 (50.0 %) from rules, 2 (50.0 %) popular in the customer's"
        + " segment.", r.summary());
    Assertions.assertEquals(List.of("1", "2"), r.sources().categories());
    Assertions.assertEquals(List.of(2.0, 0.0), r.sources().series().get(0).data());
    Assertions.assertEquals(List.of(1.0, 1.0), r.sources().series().get(1).data());
    Assertions.assertEquals(List.of(new Offer("Dock", "2", "2", "140"), new Offer("P4", "2", "0", "25")), r.topProducts());
    Assertions.assertEquals(List.of("Dock", "P4"), r.offers().categories());
    Assertions.assertEquals(List.of("C1", "C2", "C3"), r.examples().stream().map(RunReport.Example::customerId).toList());
    Assertions.assertEquals("100", r.examples().get(0).expectedRevenue());
    Assertions.assertEquals(List.of(new Pick(1, "Dock", "RULE", "0.900", "90", "Holds Laptop: ..."),
        new Pick(2, "P4", "POPULAR", "0.200", "10", "Popular in ...")), r.examples().get(0).picks());

    Assertions.assertEquals("No customer got a recommendation in this run: there was no active customer, or they already hold"
        + " everything the rules and popularity offer.", RunReportBuilder.recommendations(rows(RECS), Map.of()).empty());
    Assertions.assertEquals("The recommend stage was not part of this run (job.scenarios).",
        RunReportBuilder.recommendations(null, Map.of()).empty());
  }

  @Test
  void theForecastStacksItsComponentsAndShowsTheLastBacktest() {
    Dataset<Row> f = rows(FORECAST,
        new Object[] {Date.valueOf("2026-02-01"), 50.0, 5.0, 20.0, 5.0, 80.0, 60.0, 110.0},
        new Object[] {Date.valueOf("2026-01-01"), 100.0, 0.0, 40.0, 10.0, 150.0, 120.0, 190.0});
    Dataset<Row> bt = rows(EVALS,
        new Object[] {Date.valueOf("2025-07-01"), "forecast", "trailing-3m", "mape", 0.2},
        new Object[] {Date.valueOf("2025-07-01"), "forecast", "crm-affinity", "mape", 0.25},
        new Object[] {Date.valueOf("2025-07-01"), "forecast", "crm-affinity", "months_scored", 6.0},
        new Object[] {Date.valueOf("2025-07-01"), "forecast", "crm-affinity", "interval_coverage", 0.5},
        new Object[] {Date.valueOf("2025-07-01"), "forecast", "crm-affinity", "pinball_p10", 1234.4},
        new Object[] {Date.valueOf("2025-07-01"), "forecast", "crm-affinity", "pinball_p90", 5678.6},
        new Object[] {Date.valueOf("2025-07-01"), "forecast", "crm-affinity", "ape_month_1", 0.01});
    Forecast r = RunReportBuilder.forecast(f, bt, "2025-12-31");
    Assertions.assertEquals("Forecast for the next 2 months: 230 in total; 2026-01 alone 150 (80 % interval 120 to 190).",
        r.summary());
    Assertions.assertEquals(new Month("2026-01", "100", "0", "40", "10", "150", "120", "190"), r.months().get(0));
    Assertions.assertEquals(List.of("2026-01", "2026-02"), r.chart().months());
    Assertions.assertEquals(List.of("contracted", "renewal", "pipeline", "new business"),
        r.chart().components().stream().map(Charts.Series::name).toList());
    Assertions.assertEquals(List.of(40.0, 20.0), r.chart().components().get(2).data());
    Assertions.assertEquals(List.of(120.0, 60.0), r.chart().low());
    Assertions.assertEquals(List.of(190.0, 110.0), r.chart().high());
    Assertions.assertEquals("2025-07-01", r.backtestCutoff());
    // each column reads the metric ForecastBacktest writes under that very name
    Assertions.assertEquals(List.of(new BacktestRow("crm-affinity", "6", "25.0 %", "-", "50.0 %", "1,234", "5,679", "-",
            "-"),
        new BacktestRow("trailing-3m", "6", "20.0 %", "-", "-", "-", "-", "-", "-")), r.backtest());
    for (String metric : RunReportBuilder.FORECAST_METRICS) {
      Assertions.assertTrue(io.crmaffinity.forecast.ForecastBacktest.metrics("m", new double[] {1, 2}, new double[] {1, 3},
          new double[] {0, 0}, new double[] {2, 4}).stream().anyMatch(x -> x.metric().equals(metric))
          || metric.equals("months_scored"), metric);
    }
    Assertions.assertNull(r.backtestEmpty());

    Forecast zero = RunReportBuilder.forecast(rows(FORECAST,
        new Object[] {Date.valueOf("2026-01-01"), 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}), null, "2025-12-31");
    Assertions.assertEquals("The forecast is zero for every month: there is no active contract, open opportunity or won deal to"
        + " project from.", zero.empty());
    Assertions.assertNull(zero.chart());
    Assertions.assertEquals("No forecast backtest with a cutoff on or before the day after 2025-12-31 is in the evaluations"
        + " table: evaluate --cutoff YYYY-MM-DD measures the forecast against what happened.", zero.backtestEmpty());
  }

  @Test
  void customersShowTheRiskHistogramTheMostAtRiskAndValueByRfmSegment() {
    Dataset<Row> value = rows(VALUE,
        new Object[] {"C1", 100.0, 0.9, 500.0, "Champions"},
        new Object[] {"C2", 50.0, 0.2, 10.0, "At risk"},
        new Object[] {"C3", 70.0, 0.6, 90.0, "Champions"});
    Dataset<Row> health = rows(HEALTH,
        new Object[] {"C1", 0.05, "LOW", new String[] {}, "Offer the next product"},
        new Object[] {"C2", 0.81, "HIGH", new String[] {"no order for 300 days", "critical case CS1 still open"},
            "Resolve the open critical case CS1"},
        new Object[] {"C3", 1.0, "HIGH", new String[] {"under 1% chance the customer is still buying"}, "Call"});
    Customers c = RunReportBuilder.customers(value, health);
    Assertions.assertEquals("3 customers scored: 2 at HIGH risk, 0 MEDIUM, 1 LOW; expected value of the next 12 months 600 in"
        + " total.", c.summary());
    Assertions.assertEquals("0.0-0.1", c.risk().categories().get(0));
    Assertions.assertEquals("0.9-1.0", c.risk().categories().get(9));
    Assertions.assertEquals(List.of("LOW", "MEDIUM", "HIGH"), c.risk().series().stream().map(Charts.Series::name).toList());
    Assertions.assertEquals(List.of(1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), c.risk().series().get(0).data());
    // A score of exactly 1 falls in the last bin.
    Assertions.assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0), c.risk().series().get(2).data());
    Assertions.assertEquals(List.of(
        new AtRisk("C3", "1.00", "HIGH", List.of("under 1% chance the customer is still buying"), "Call", "90",
            "Champions"),
        new AtRisk("C2", "0.81", "HIGH", List.of("no order for 300 days", "critical case CS1 still open"),
            "Resolve the open critical case CS1", "10", "At risk"),
        new AtRisk("C1", "0.05", "LOW", List.of(), "Offer the next product", "500", "Champions")), c.atRisk());
    Assertions.assertEquals(List.of(new RfmRow("Champions", "2", "590", "170", "0.75"), new RfmRow("At risk", "1", "10", "50",
        "0.20")), c.rfm());
    Assertions.assertEquals(List.of("Champions", "At risk"), c.rfmChart().categories());

    Assertions.assertEquals("No customer was scored in this run: none had an order, contract or support case to learn from.",
        RunReportBuilder.customers(rows(VALUE), rows(HEALTH)).empty());
    Assertions.assertEquals("The customer stage was not part of this run (job.scenarios).",
        RunReportBuilder.customers(null, null).empty());
  }

  @Test
  void anEmptyRunStillBuildsAWholeReportWithOneSentencePerSection() {
    Dataset<Row> run = jobRun(map("mining.min-support", "0.01", "mining.min-confidence", "0.3"),
        map("customers", 0L, "products", 0L, "orders", 0L, "order_items", 0L), map(), map(),
        map("mined", 0L, "ranked", 0L), map("open", 0.5));
    RunReport r = RunReportBuilder.build(empty(run));
    Assertions.assertEquals("The input tables held no row.", r.quality().summary());
    Assertions.assertTrue(r.rules().empty().startsWith("No rule was kept in this run"), r.rules().empty());
    Assertions.assertTrue(r.recommendations().empty().startsWith("No customer got a recommendation"));
    Assertions.assertEquals("The forecast has no month in this run.", r.forecast().empty());
    Assertions.assertTrue(r.customers().empty().startsWith("No customer was scored"));
    Assertions.assertEquals(List.of("stages"), List.copyOf(r.charts().keySet()));
  }

  /** The tables of a run that wrote every table, each of them empty. */
  RunTables empty(Dataset<Row> run) {
    return new RunTables(run, table(OutputSchemas.RULES), table(OutputSchemas.REJECTED),
        table(OutputSchemas.RECOMMENDATIONS_SCHEMA), table(OutputSchemas.REVENUE_FORECAST_SCHEMA),
        table(OutputSchemas.CUSTOMER_VALUE_SCHEMA), table(OutputSchemas.CUSTOMER_HEALTH_SCHEMA),
        table(OutputSchemas.PRODUCT_NAMES_SCHEMA), null);
  }

  private Dataset<Row> table(StructType schema) {
    return session().createDataFrame(List.of(), schema);
  }
}
