package io.crmaffinity.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import org.junit.jupiter.api.Assertions;

import io.crmaffinity.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real CLI on the bundled data-samples, end to end, into Delta tables. */
class CliEndToEndTest extends SparkTestBase {
  static final Path SAMPLES = Path.of(System.getProperty("crm.project.dir", ".")).resolve("data-samples");

  record Result(int code, String out, String err) {}

  Result cli(String... args) {
    CliRun r = CliRun.of(session(), args);
    return new Result(r.code(), r.out(), r.err());
  }

  private Dataset<Row> table(Path output, String name) {
    return session().read().format("delta").load(output.resolve(name).toString());
  }

  @Test
  void runMinesTheSamplesIntoDeltaTablesAndARerunReplacesTheRunDate(@TempDir Path tmp) throws IOException {
    Path output = tmp.resolve("out");
    Result r = cli("run", "--input", SAMPLES.toString(), "--output", output.toString(), "--run-date", "2025-12-31");
    assertEquals(0, r.code(), r.err());
    Assertions.assertTrue(r.out().contains("CRM Professional Licence => CRM Onboarding Service"), r.out());
    // The run's HTML report, written after the commit: its path is the last line printed.
    Path page = output.resolve("reports").resolve("2025-12-31.html");
    String[] lines = r.out().strip().split("\\R");
    assertEquals("Report: " + page, lines[lines.length - 1]);
    Assertions.assertTrue(Files.readString(page).contains("CRM Professional Licence"));

    Dataset<Row> rules = table(output, "association_rules");
    long ruleCount = rules.count();
    Assertions.assertTrue(ruleCount > 20, "rules: " + ruleCount);
    assertEquals(List.of("ALL"), rules.select("segment").distinct().as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList());
    // The planted affinity: CRM Professional Licence (P028) -> CRM Onboarding Service (P037), ~70 % planted.
    Row crm = rules.where("antecedent = array('P028') and consequent = array('P037')").first();
    assertEquals(0.70, crm.<Double>getAs("confidence"), 0.05);
    Assertions.assertTrue(crm.<Double>getAs("lift") > 10);
    Assertions.assertTrue(crm.<Double>getAs("information_gain") > 0.05);
    // Rank 1 holds the highest information gain.
    Row top = rules.orderBy(col("rank")).first();
    double maxIg = rules.agg(org.apache.spark.sql.functions.max("information_gain")).first().getDouble(0);
    assertEquals(maxIg, top.<Double>getAs("information_gain"), 0.0);
    assertEquals(1, top.<Integer>getAs("rank"));

    Dataset<Row> itemsets = table(output, "frequent_itemsets");
    assertEquals(0L, itemsets.where("support <= 0 or support > 1").count());
    Assertions.assertTrue(itemsets.where("size = 2").count() > 0);

    Dataset<Row> rejected = table(output, "rejected_rows");
    assertEquals(34L, rejected.count()); // the planted bad rows and their dependants, see data-samples/README.md
    Row badDate = rejected.where("rule = 'type:order_date'").first();
    assertEquals("orders", badDate.<String>getAs("table_name"));
    Assertions.assertTrue(badDate.<String>getAs("record").contains("O00703"), badDate.<String>getAs("record"));

    Row run = table(output, "job_runs").first();
    assertEquals("SUCCEEDED", run.<String>getAs("status"));
    // The build's own Spark and Delta versions (the pom's, passed in by surefire).
    assertEquals("spark=" + System.getProperty("crm.spark.version") + " delta=" + System.getProperty("crm.delta.version"),
        run.<String>getAs("engine_versions"));
    Map<String, Long> read = run.getJavaMap(run.fieldIndex("input_rows"));
    Map<String, Long> used = run.getJavaMap(run.fieldIndex("used_rows"));
    Map<String, Long> rej = run.getJavaMap(run.fieldIndex("rejected_rows"));
    assertEquals(15417L, read.get("order_items"));
    for (String t : read.keySet()) {
      assertEquals(read.get(t), used.get(t) + rej.get(t), t);
    }
    assertEquals(34L, rej.values().stream().mapToLong(Long::longValue).sum());
    Map<String, Long> filters = run.getJavaMap(run.fieldIndex("rule_filters"));
    assertEquals(Map.of("mined", ruleCount, "ranked", ruleCount), filters);
    // Every measure is a number: no NaN, no null.
    for (String m : io.crmaffinity.scoring.Measure.columns()) {
      assertEquals(0L, rules.where(col(m).isNull().or(col(m).isNaN())).count(), m);
    }

    // Recommendations: up to 10 per active customer, ranks 1..n without gaps, expected revenue = score x price.
    Assertions.assertTrue(r.out().contains("Recommendations"), r.out());
    Dataset<Row> recs = table(output, "recommendations");
    Assertions.assertTrue(recs.select("customer_id").distinct().count() > 300);
    assertEquals(0L, recs.groupBy("customer_id").agg(org.apache.spark.sql.functions.count("*").as("n"),
        org.apache.spark.sql.functions.max("rank").as("m"),
        org.apache.spark.sql.functions.countDistinct("product_id").as("d"))
        .where("n > 10 or m <> n or d <> n").count());
    assertEquals(0L, recs.where("source not in ('RULE', 'POPULAR') or isnan(score) or score <= 0 or reason is null"
        + " or (source = 'RULE' and (size(antecedent) = 0 or confidence is null))").count());
    Dataset<Row> prices = session().read().option("header", "true").csv(SAMPLES.resolve("products.csv").toString())
        .select(col("product_id"), col("unit_price").cast("double").as("price"));
    // Expected revenue is the purchase probability times the list price: the score itself for mined-rule (noisy-or of
    // confidences) and popular rows (similar-items rows use their pair's confidence: ItemSimilarityTest).
    Dataset<Row> priced = recs.join(prices, "product_id");
    assertEquals(0L, priced.where("abs(expected_revenue - score * price) > 0.01").count());
    // The sample's product pairs lift little (customers own much of 60 products): no segment gets similar items,
    // and the run says why.
    assertEquals(0L, recs.where("reason like 'Bought %'").count());
    Assertions.assertTrue(run.getList(run.fieldIndex("notes")).stream().anyMatch(n -> n.toString().startsWith(
        "recommendations: no similar items in ALL (")), run.toString());
    Assertions.assertTrue(recs.where("source = 'RULE'").count() > 0);

    // The other scenarios: forecast, customer value and health.
    Assertions.assertTrue(r.out().contains("Revenue forecast"), r.out());
    Dataset<Row> forecast = table(output, "revenue_forecast").orderBy("month");
    assertEquals(List.of("2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01"),
        forecast.select(col("month").cast("string")).as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(0L, forecast.where("abs(forecast_revenue - (contracted_revenue + renewal_revenue + pipeline_revenue"
        + " + new_business_revenue)) > 0.01 or forecast_low > forecast_revenue or forecast_high < forecast_revenue"
        + " or contracted_revenue <= 0").count());
    Dataset<Row> value = table(output, "customer_value");
    Dataset<Row> health = table(output, "customer_health");
    assertEquals(399L, value.count());
    assertEquals(399L, health.count());
    assertEquals(0L, value.where("isnan(p_alive) or isnan(expected_purchases_12m) or isnan(expected_value_12m)"
        + " or p_alive < 0 or p_alive > 1 or expected_value_12m < 0").count());
    assertEquals(0L, health.where("isnan(risk_score) or risk_score < 0 or risk_score > 1"
        + " or risk_level not in ('LOW', 'MEDIUM', 'HIGH')").count());
    Assertions.assertTrue(health.where("risk_level = 'HIGH'").count() > 0);
    Dataset<Row> params = table(output, "model_parameters");
    assertEquals(1.0, params.where("model = 'bg_nbd' and parameter = 'fitted'").first().<Double>getAs("value"));
    Assertions.assertTrue(params.where("model = 'win_rate'").count() > 0);
    // No personal data: no customer's name reaches any output table, rejected rows included (the sample
    // rejects two customers rows, whose records keep only the contract's non-personal columns).
    List<String> names = session().read().option("header", "true").csv(SAMPLES.resolve("customers.csv").toString())
        .where("name is not null").select("name").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    Assertions.assertTrue(names.size() > 390, "names: " + names.size());
    for (String t : List.of("recommendations", "revenue_forecast", "customer_value", "customer_health",
        "model_parameters", "association_rules", "rejected_rows", "job_runs", "product_names")) {
      String all = String.join("\n", table(output, t).toJSON().collectAsList());
      for (String name : names) {
        Assertions.assertFalse(all.contains(name), t + " holds the name " + name);
      }
    }

    // The same run date again replaces its rows; another date adds its own. (Rules only from here on: the
    // scenario tables' replacement is OutputLifecycleTest's.)
    assertEquals(0, cli("run", "--input", SAMPLES.toString(), "--output", output.toString(),
        "--run-date", "2025-12-31", "--set", "job.scenarios=[]").code());
    assertEquals(ruleCount, table(output, "association_rules").count());
    assertEquals(34L, table(output, "rejected_rows").count());
    assertEquals(2L, table(output, "job_runs").where("status = 'SUCCEEDED'").count());
    assertEquals(1L, table(output, "association_rules").select("run_id").distinct().count());

    // Selection knobs and segments: another date keeps the 5 best non-redundant rules by lift in each
    // customer type and over all baskets, and says so in job_runs.
    assertEquals(0, cli("run", "--input", SAMPLES.toString(), "--output", output.toString(),
        "--run-date", "2026-01-31", "--set", "mining.max-rules=5", "--set", "mining.rank-by=lift",
        "--set", "mining.prune-redundant=true", "--set", "mining.max-p-value=0.05",
        "--set", "mining.segment-by=customer_type", "--set", "job.scenarios=[]").code());
    Dataset<Row> janAll = table(output, "association_rules").where("run_date = DATE'2026-01-31'");
    assertEquals(15L, janAll.count());
    assertEquals(java.util.Set.of("ALL", "customer_type=BUSINESS", "customer_type=INDIVIDUAL"), java.util.Set.copyOf(
        janAll.select("segment").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList()));
    Dataset<Row> jan = janAll.where("segment = 'ALL'");
    assertEquals(5L, jan.count());
    assertEquals(ruleCount, table(output, "association_rules").where("run_date = DATE'2025-12-31'").count());
    Row janRun = table(output, "job_runs").where("run_date = DATE'2026-01-31'").first();
    Map<String, Long> janFilters = janRun.getJavaMap(janRun.fieldIndex("rule_filters"));
    assertEquals(java.util.Set.of("mined", "max-p-value", "prune-redundant", "max-rules"), janFilters.keySet());
    Assertions.assertTrue(janFilters.get("prune-redundant") <= janFilters.get("max-p-value"), janFilters.toString());
    assertEquals(15L, janFilters.get("max-rules"));
    Map<String, Long> baskets = janRun.getJavaMap(janRun.fieldIndex("basket_counts"));
    assertEquals(java.util.Set.of("ALL", "customer_type=BUSINESS", "customer_type=INDIVIDUAL"), baskets.keySet());
    assertEquals(baskets.get("ALL"), baskets.get("customer_type=BUSINESS") + baskets.get("customer_type=INDIVIDUAL"));
    // Support is relative to the segment's baskets.
    Row seg = janAll.where("segment = 'customer_type=BUSINESS'").first();
    assertEquals(baskets.get("customer_type=BUSINESS"), seg.<Long>getAs("basket_count"));
    double topLift = jan.where("rank = 1").first().<Double>getAs("lift");
    assertEquals(jan.agg(org.apache.spark.sql.functions.max("lift")).first().getDouble(0), topLift, 0.0);
  }

  @Test
  void missingTableStopsWithExitCode2BeforeWritingAnything(@TempDir Path tmp) throws IOException {
    Path input = copySamples(tmp, "order_items.csv");
    Path output = tmp.resolve("out");
    Result r = cli("run", "--input", input.toString(), "--output", output.toString());
    assertEquals(2, r.code());
    Assertions.assertTrue(r.err().contains("Table order_items: not found; expected a file " + input.resolve("order_items.csv")),
        r.err());
    assertFalse(Files.exists(output));
  }

  @Test
  void missingRequiredColumnStopsWithExitCode2(@TempDir Path tmp) throws IOException {
    Path input = copySamples(tmp);
    Path products = input.resolve("products.csv");
    List<String> lines = Files.readAllLines(products);
    lines.set(0, lines.get(0).replace("category", "kategorie"));
    Files.write(products, lines);
    Result r = cli("run", "--input", input.toString(), "--output", tmp.resolve("out").toString());
    assertEquals(2, r.code());
    Assertions.assertTrue(r.err().contains("Table products: required column 'category' is missing in"), r.err());
  }

  @Test
  void tooManyRejectedRowsExitWith3AndWriteNoResults(@TempDir Path tmp) {
    Path output = tmp.resolve("out");
    Result r = cli("run", "--input", SAMPLES.toString(), "--output", output.toString(),
        "--set", "input.max-reject-share=0.001");
    assertEquals(3, r.code(), r.err());
    Assertions.assertTrue(r.err().contains("products: 1 of 61 rows rejected"), r.err());
    // The tables exist (created with their schemas up front) but hold no result of this run.
    assertEquals(0L, table(output, "association_rules").count());
    assertEquals(0L, table(output, "rejected_rows").count());
    Row failed = table(output, "job_runs").first();
    assertEquals("FAILED", failed.<String>getAs("status"));
    Assertions.assertTrue(failed.<String>getAs("error").contains("Rejected share above input.max-reject-share"));
  }

  @Test
  void validatePrintsRowsAndRejectsPerTableAndWritesNothing(@TempDir Path tmp) {
    Result ok = cli("validate", "--input", SAMPLES.toString());
    assertEquals(0, ok.code(), ok.err());
    Assertions.assertTrue(ok.out().matches("(?s).*order_items\\s+15417\\s+15398\\s+19\\s+0\\.12%\\s+"
        + "\\{range:quantity=1, reference:order_id=14, reference:product_id=3, type:quantity=1\\}.*"), ok.out());
    Assertions.assertTrue(ok.out().matches("(?s).*support_cases\\s+825\\s+823\\s+2\\s+0\\.24%\\s+"
        + "\\{check:closed_date>=opened_date=1, range:satisfaction=1\\}.*"), ok.out());
    Result over = cli("validate", "--input", SAMPLES.toString(), "--set", "input.max-reject-share=0.01");
    assertEquals(3, over.code());
    Assertions.assertTrue(over.out().contains("<-- above the bound"), over.out());
    Assertions.assertTrue(over.err().contains("products: 1 of 61 rows rejected"), over.err());
    Assertions.assertFalse(Files.exists(Path.of("output-should-not-exist")));
  }

  @Test
  void oversizedBasketsAreLeftOutOfMiningAndCounted(@TempDir Path tmp) {
    Path output = tmp.resolve("out");
    Result r = cli("run", "--input", SAMPLES.toString(), "--output", output.toString(), "--run-date", "2025-12-31",
        "--set", "basket.max-items=5", "--set", "summary.top-rules=0", "--set", "job.scenarios=[]");
    assertEquals(0, r.code(), r.err());
    Row run = table(output, "job_runs").first();
    Map<String, Long> baskets = run.getJavaMap(run.fieldIndex("basket_counts"));
    // 593 of the 4,426 sample baskets hold more than 5 distinct products (counted independently).
    assertEquals(Map.of("ALL", 4426L - 593L, "excluded: more than 5 items", 593L), Map.copyOf(baskets));
    assertEquals(4426L - 593L, table(output, "association_rules").first().<Long>getAs("basket_count"));
    Assertions.assertTrue(run.getList(run.fieldIndex("notes")).contains(
        "593 baskets with more than basket.max-items = 5 items left out of mining"), run.toString());
  }

  @Test
  void evaluateBacktestsEveryScenarioAgainstItsBaselines(@TempDir Path tmp) throws IOException {
    Path output = tmp.resolve("out");
    Result r = cli("evaluate", "--input", SAMPLES.toString(), "--output", output.toString(), "--cutoff", "2025-07-01");
    assertEquals(0, r.code(), r.err());
    Assertions.assertTrue(r.out().contains("cutoff 2025-07-01"), r.out());
    // The backtest's HTML report: its path is the last line printed.
    Path page = output.resolve("reports").resolve("evaluate-2025-07-01.html");
    String[] lines = r.out().strip().split("\\R");
    assertEquals("Report: " + page, lines[lines.length - 1]);
    Assertions.assertTrue(Files.size(page) > 0, page::toString);
    Dataset<Row> ev = table(output, "evaluations");
    assertEquals(java.util.Set.of("recommendations", "forecast", "customer_value", "customer_health"),
        java.util.Set.copyOf(ev.select("task").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList()));
    assertEquals(0L, ev.where("isnan(value) or run_date <> DATE'2025-06-30' or cutoff <> DATE'2025-07-01'").count());
    assertEquals(java.util.Set.of("crm-affinity", "popularity", "co-occurrence", "item-knn"), java.util.Set.copyOf(
        ev.where("task = 'recommendations'").select("method").distinct().as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList()));
    assertEquals(3L, ev.where("task = 'recommendations' and metric = 'lead_hit_rate@10_se' and value > 0").count());
    Assertions.assertTrue(ev.where("task = 'forecast'").select("method").distinct().count() >= 3);
    long rows = ev.count();
    // Evaluating the same cutoff again replaces its rows; job_runs is not touched.
    assertEquals(0, cli("evaluate", "--input", SAMPLES.toString(), "--output", output.toString(),
        "--cutoff", "2025-07-01").code());
    assertEquals(rows, table(output, "evaluations").count());
    assertFalse(Files.exists(output.resolve("job_runs")));
  }

  @Test
  void badArgumentsExitWith2() {
    assertEquals(2, cli("run", "--run-date", "31.12.2025").code());
    assertEquals(2, cli("run", "--set", "mining.min-support=2").code());
    assertEquals(2, cli("frobnicate").code());
  }

  private static Path copySamples(Path tmp, String... except) throws IOException {
    Path dir = tmp.resolve("in");
    Files.createDirectories(dir);
    List<String> skip = List.of(except);
    try (Stream<Path> files = Files.list(SAMPLES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        if (!skip.contains(f.getFileName().toString())) {
          Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return dir;
  }
}
