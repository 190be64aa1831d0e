package io.crmaffinity.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import io.crmaffinity.basket.BasketBuilder;
import io.crmaffinity.basket.BasketOptions;
import io.crmaffinity.config.JobConfig;
import io.crmaffinity.customer.CustomerScenario;
import io.crmaffinity.forecast.ForecastScenario;
import io.crmaffinity.ingest.CrmTables;
import io.crmaffinity.ingest.Ingestion;
import io.crmaffinity.ingest.JdbcOptions;
import io.crmaffinity.ingest.TableCounts;
import io.crmaffinity.ingest.TableReader;
import io.crmaffinity.ingest.TableSpec;
import io.crmaffinity.mining.MiningResult;
import io.crmaffinity.mining.SegmentMiner;
import io.crmaffinity.output.DeltaOutputs;
import io.crmaffinity.output.OutputSchemas;
import io.crmaffinity.recommend.RecommendScenario;
import io.crmaffinity.scoring.RuleScorer;
import io.crmaffinity.scoring.RuleSelection;
import io.crmaffinity.scoring.SelectionOptions;
import io.crmaffinity.spark.JobCaches;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code run} command: ingest → basket → mine → score → write. Takes its session so a test can hand it
 * one. Results are written first and job_runs SUCCEEDED last, so a reader that follows the latest succeeded
 * run never sees half a run.
 */
public final class AffinityJob {
  private static final Logger LOG = LoggerFactory.getLogger(AffinityJob.class);

  private final SparkSession spark;
  private final JobConfig config;
  private final LocalDate runDate;
  private final String runId = UUID.randomUUID().toString();
  private final StageClock clock = new StageClock();
  private final List<String> notes = new ArrayList<>();
  private final Instant startedAt = Instant.now();
  private final String engineVersions;
  private Map<String, Long> ruleFilters;
  private Map<String, Long> basketCounts;
  private Map<String, Long> versions;
  private final Map<Scenario, Map<String, Dataset<Row>>> scenarioOutputs = new LinkedHashMap<>();
  /** Rows each scenario table got in this run, counted once when the stage ran. */
  private final Map<String, Long> scenarioRows = new LinkedHashMap<>();
  private Runnable afterCommitHook;

  /** Tables the scenarios write in a run (evaluations are written by evaluate only). */
  static final List<String> SCENARIO_TABLES = List.of(OutputSchemas.RECOMMENDATIONS,
      OutputSchemas.REVENUE_FORECAST, OutputSchemas.CUSTOMER_VALUE, OutputSchemas.CUSTOMER_HEALTH,
      OutputSchemas.MODEL_PARAMETERS);

  public AffinityJob(SparkSession spark, JobConfig config, LocalDate runDate) {
    this.spark = spark;
    this.engineVersions = io.crmaffinity.spark.EngineVersions.of(spark);
    this.config = config;
    this.runDate = runDate;
  }

  public RunSummary run() {
    // What the run caches is released when it ends, whatever the outcome (the session may outlive it).
    try (JobCaches caches = JobCaches.open()) {
      return runCached();
    }
  }

  private RunSummary runCached() {
    DeltaOutputs out = new DeltaOutputs(spark, config.outputPath(), config.outputDatabase(),
        java.time.Duration.ofHours(config.staleRunHours()), java.time.Duration.ofSeconds(config.heartbeatTimeoutSeconds()));
    Map<String, Dataset<Row>> raw = open();

    // Input is usable: from here on the attempt is recorded, and it holds its run date until it ends. The input
    // is validated beside the claim (it writes nothing; its result is used only once the date is claimed).
    try (BesideStage<CrmTables> validating = BesideStage.start(spark, "ingest",
        () -> Ingestion.validate(raw, TableSpec.ALL, config.maxRejectShare()))) {
      clock.start("claim");
      List<String> scenarioTables = scenarioTables();
      List<String> tablesWritten = new ArrayList<>(List.of(OutputSchemas.REJECTED_ROWS,
          OutputSchemas.FREQUENT_ITEMSETS, OutputSchemas.ASSOCIATION_RULES, OutputSchemas.JOB_RUNS));
      tablesWritten.addAll(scenarioTables);
      tablesWritten.add(OutputSchemas.PRODUCT_NAMES);
      out.createTables(tablesWritten);
      // Beats until the attempt has recorded its end, so that a later run can tell a dead driver's RUNNING row.
      try (io.crmaffinity.output.Heartbeat beating = out.startHeartbeat(runId)) {
        return claimedRun(out, validating, scenarioTables);
      }
    }
  }

  private RunSummary claimedRun(DeltaOutputs out, BesideStage<CrmTables> validating, List<String> scenarioTables) {
    try {
      for (String crashed : out.claim(runRow("RUNNING", null, null, null), runDate)) {
        notes.add("run " + crashed + " for " + runDate + " had crashed (its driver stopped without recording an"
            + " end): marked FAILED; its rows are removed with this run's success");
      }
    } catch (RuntimeException e) {
      out.recordRun(runRow("FAILED", null, null, e.getMessage()));
      throw e;
    }
    clock.end("run date " + runDate + " claimed in " + out.name(OutputSchemas.JOB_RUNS));
    Map<String, TableCounts> counts = null;
    Map<String, Long> written = new LinkedHashMap<>();
    RunSummary summary;
    try {
      CrmTables tables = validating.join();
      counts = tables.counts();
      // Its own seconds, most of them spent beside the claim.
      clock.record("ingest", validating.seconds(), describe(counts) + ", validated beside the claim");

      Analysis a = analyse(tables);
      Dataset<Row> itemsets = a.itemsets();
      Dataset<Row> selected = a.rules();
      long itemsetCount = a.itemsetCount();
      long keptCount = a.keptCount();

      Map<String, Dataset<Row>> produced = scenarios(tables, a);

      clock.start("write");
      spark.sparkContext().setJobDescription("crm-affinity: write Delta tables");
      Dataset<Row> rejected = tables.rejected();
      long rejectedCount = counts.values().stream().mapToLong(TableCounts::rejected).sum();
      Map<String, Long> planned = new LinkedHashMap<>();
      List<DeltaOutputs.Append> appends = new ArrayList<>(List.of(
          new DeltaOutputs.Append(OutputSchemas.REJECTED_ROWS, OutputSchemas.REJECTED, withRun(rejected)),
          new DeltaOutputs.Append(OutputSchemas.FREQUENT_ITEMSETS, OutputSchemas.ITEMSETS, withRun(itemsets)),
          new DeltaOutputs.Append(OutputSchemas.ASSOCIATION_RULES, OutputSchemas.RULES, withRun(selected))));
      planned.put(OutputSchemas.REJECTED_ROWS, rejectedCount);
      planned.put(OutputSchemas.FREQUENT_ITEMSETS, itemsetCount);
      planned.put(OutputSchemas.ASSOCIATION_RULES, keptCount);
      // Every scenario table is written, empty or not, so a rerun of the date replaces what an earlier run wrote.
      for (String table : scenarioTables) {
        StructType schema = OutputSchemas.TABLES.get(table);
        Dataset<Row> rows = produced.get(table);
        if (rows == null) {
          rows = spark.createDataFrame(List.of(), schema).drop("run_id", "run_date");
        }
        appends.add(new DeltaOutputs.Append(table, schema, withRun(rows)));
        planned.put(table, scenarioRows.getOrDefault(table, 0L));
      }
      // Product names beside the ids, so that a report of this run can be rebuilt from the Delta tables alone.
      appends.add(new DeltaOutputs.Append(OutputSchemas.PRODUCT_NAMES, OutputSchemas.PRODUCT_NAMES_SCHEMA,
          withRun(tables.table("products").select("product_id", "name", "category"))));
      planned.put(OutputSchemas.PRODUCT_NAMES, counts.get("products").used());
      // One commit per table, side by side; none is visible to readers before the run's SUCCEEDED row.
      versions = out.appendAll(appends);
      written.putAll(planned);
      clock.end(rejectedCount + " rejected rows, " + itemsetCount + " itemsets, " + keptCount + " rules, "
          + written.entrySet().stream().skip(3).map(e -> e.getValue() + " " + e.getKey())
              .collect(java.util.stream.Collectors.joining(", ")) + " to " + config.outputPath());

      // The console report is built before the commit: everything that can fail happens while a failure can
      // still be recorded as one.
      clock.start("summary");
      List<RunSummary.TopRule> top = TopRules.of(selected, tables.table("products"), config.itemLevel(),
          config.summaryTopRules());
      List<String> report = new ArrayList<>();
      for (Map.Entry<Scenario, Map<String, Dataset<Row>>> e : scenarioOutputs.entrySet()) {
        report.addAll(e.getKey().summary(context(tables, a, produced), e.getValue()));
      }
      Map<String, Long> bySegmentRules = new TreeMap<>();
      for (Row r : selected.groupBy("segment").count().collectAsList()) {
        bySegmentRules.put(r.getString(0), r.getLong(1));
      }
      clock.end(report.size() + " summary lines, " + top.size() + " top rules");
      summary = new RunSummary(runId, runDate, counts, a.basketCount(), itemsetCount, a.ruleCount(), keptCount,
          bySegmentRules, a.selection().rankBy().column(), clock.seconds(), top, config.outputPath(), report);
      // The commit point: from here on the run is SUCCEEDED and nothing may change that.
      out.recordRun(runRow("SUCCEEDED", counts, written, null));
    } catch (Exception e) {
      // Spark's AnalysisException is a checked exception thrown from Scala code: catch everything.
      try {
        out.recordRun(runRow("FAILED", counts, written, e.getClass().getSimpleName() + ": " + e.getMessage()));
      } catch (Exception recordFailure) {
        // Spark's write errors are checked exceptions too: the run's own failure stays the one reported.
        e.addSuppressed(recordFailure);
        org.slf4j.LoggerFactory.getLogger(AffinityJob.class).warn("Run {} for {} failed and could not record that"
            + " in job_runs either ({}); it stays RUNNING there until the next run of the date finds it dead",
            runId, runDate, io.crmaffinity.output.OutputException.reason(recordFailure));
      }
      throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
    }
    afterCommit(out, scenarioTables);
    return summary;
  }

  /**
   * Work after the commit point: only housekeeping, and a failure here is logged, never raised: the run's
   * rows are written and job_runs says SUCCEEDED, so readers follow it whatever happens next.
   */
  private void afterCommit(DeltaOutputs out, List<String> scenarioTables) {
    try {
      if (afterCommitHook != null) {
        afterCommitHook.run();
      }
      // Only now may the date's earlier runs go: until the commit readers were still following them. The first
      // attempt of a date has nothing to remove (every attempt claims its date before it writes a row).
      if (!out.otherAttemptsOf(runDate, runId)) {
        return;
      }
      clock.start("clean");
      List<String> cleanUp = new ArrayList<>(versions.keySet());
      for (String table : SCENARIO_TABLES) {
        // A scenario left out of this run: an earlier run's rows of the date go all the same.
        if (!scenarioTables.contains(table) && out.exists(table)) {
          cleanUp.add(table);
        }
      }
      for (Map.Entry<String, Exception> failed : out.removeOtherRuns(cleanUp, runDate, runId).entrySet()) {
        LOG.warn("Run {} succeeded but could not remove older runs' rows of {} from {}: {} (the next run of the"
            + " date removes them)", runId, runDate, failed.getKey(), failed.getValue().getMessage());
      }
      clock.end("older runs' rows of " + runDate + " removed from " + cleanUp.size() + " tables");
    } catch (RuntimeException e) {
      LOG.warn("Run {} for {} SUCCEEDED; the housekeeping after it failed and is left to the next run of the date:"
          + " {}", runId, runDate, e.toString());
    }
  }

  /** A test seam: runs first after the commit point, where a failure must not undo the run. */
  void afterCommitHook(Runnable hook) {
    this.afterCommitHook = hook;
  }

  private Map<String, Dataset<Row>> open() {
    clock.start("open");
    TableReader reader = new TableReader(spark, config.inputPath(), config.inputFormat(), config.jdbc(),
        System::getenv);
    Map<String, Dataset<Row>> raw = new LinkedHashMap<>();
    for (TableSpec spec : TableSpec.ALL) {
      reader.read(spec).ifPresentOrElse(df -> raw.put(spec.name(), df),
          () -> notes.add("table " + spec.name() + " not given: outputs that need it are empty"));
    }
    clock.end(raw.size() + " tables found under " + JdbcOptions.redact(config.inputPath()));
    return raw;
  }

  /**
   * The {@code evaluate} command: the pipeline as of the day before {@code cutoff} (this job's run date),
   * each scenario scored against what happened from the cutoff on. Writes the evaluations table only (rows
   * of an earlier evaluation of the same cutoff are replaced); job_runs and the run tables are not touched.
   */
  public List<Scenario.Metric> backtest() {
    try (JobCaches caches = JobCaches.open()) {
      return backtestCached();
    }
  }

  private List<Scenario.Metric> backtestCached() {
    LocalDate cutoff = runDate.plusDays(1);
    DeltaOutputs out = new DeltaOutputs(spark, config.outputPath(), config.outputDatabase(),
        java.time.Duration.ofHours(config.staleRunHours()));
    Map<String, Dataset<Row>> raw = open();
    clock.start("ingest");
    CrmTables tables = Ingestion.validate(raw, TableSpec.ALL, config.maxRejectShare());
    clock.end(describe(tables.counts()));
    Analysis a = analyse(tables);
    Map<String, Dataset<Row>> produced = scenarios(tables, a);
    List<Scenario.Metric> metrics = new ArrayList<>();
    for (Map.Entry<Scenario, Map<String, Dataset<Row>>> e : scenarioOutputs.entrySet()) {
      clock.start("evaluate " + e.getKey().name());
      List<Scenario.Metric> m = e.getKey().evaluate(context(tables, a, produced), e.getValue());
      metrics.addAll(m);
      clock.end(m.size() + " metrics at cutoff " + cutoff);
    }
    clock.start("write");
    out.createTables(List.of(OutputSchemas.EVALUATIONS));
    List<Row> rows = new ArrayList<>();
    for (Scenario.Metric m : metrics) {
      rows.add(RowFactory.create(runId, Date.valueOf(runDate), Date.valueOf(cutoff), m.task(), m.method(),
          m.metric(), m.value()));
    }
    out.append(OutputSchemas.EVALUATIONS, OutputSchemas.EVALUATIONS_SCHEMA,
        spark.createDataFrame(rows, OutputSchemas.EVALUATIONS_SCHEMA));
    out.removeOtherRuns(OutputSchemas.EVALUATIONS, runDate, runId);
    clock.end(rows.size() + " metrics to " + out.name(OutputSchemas.EVALUATIONS));
    return metrics;
  }

  /** The run's baskets, itemsets and selected rules. */
  public record Analysis(Dataset<Row> baskets, long basketCount, Dataset<Row> itemsets, long itemsetCount,
      Dataset<Row> rules, long ruleCount, long keptCount, SelectionOptions selection) {}

  /** Baskets, mining and scoring from validated tables, as of the run date. */
  public Analysis analyse(CrmTables tables) {
    clock.start("basket");
    spark.sparkContext().setJobDescription("crm-affinity: build baskets");
    BasketOptions options = new BasketOptions(config.basketGranularity(), config.itemLevel(),
        config.basketStatuses(), runDate, config.lookbackDays(), config.includeContracts(),
        config.includeWonOpportunities(), config.segmentBy(), config.includeCaseCategories());
    if (config.includeContracts() && tables.optionalTable("contracts").isEmpty()) {
      notes.add("basket.include-contracts: no contracts table given");
    }
    if (config.includeWonOpportunities() && tables.optionalTable("opportunities").isEmpty()) {
      notes.add("basket.include-won-opportunities: no opportunities table given");
    }
    Dataset<Row> built = BasketBuilder.build(tables.table("orders"), tables.table("order_items"),
        tables.table("products"), tables.table("customers"), tables.optionalTable("contracts"),
        tables.optionalTable("opportunities"), options);
    // Built once and cached: segment counts, the size guard and every segment's mining read this.
    built = JobCaches.persist(built, StorageLevel.MEMORY_AND_DISK());
    // Oversized baskets explode FPGrowth: they are left out of mining (and of the basket totals).
    Column oversize = config.maxItems() > 0 ? col("item_count").gt(config.maxItems()) : lit(false);
    Map<String, Long> bySegment = new TreeMap<>();
    long oversized = 0;
    for (Row r : built.groupBy(col("segment"), oversize.as("_oversize")).count().collectAsList()) {
      if (r.getBoolean(1)) {
        oversized += r.getLong(2);
      } else {
        bySegment.merge(r.getString(0), r.getLong(2), Long::sum);
      }
    }
    Dataset<Row> baskets = config.maxItems() > 0 ? built.where(oversize.unary_$bang()) : built;
    long n = bySegment.values().stream().mapToLong(Long::longValue).sum();
    SegmentMiner.Plan plan = SegmentMiner.Plan.of(bySegment, config.minSegmentBaskets());
    basketCounts = new LinkedHashMap<>(plan.mined());
    plan.skipped().forEach((seg, c) -> {
      basketCounts.put(seg, c);
      notes.add("segment " + seg + " skipped: " + c + " baskets < mining.min-segment-baskets "
          + config.minSegmentBaskets());
    });
    if (oversized > 0) {
      basketCounts.put("excluded: more than " + config.maxItems() + " items", oversized);
      notes.add(oversized + " baskets with more than basket.max-items = " + config.maxItems()
          + " items left out of mining");
    }
    clock.end(n + " baskets (" + config.basketGranularity() + " level, items: " + config.itemLevel()
        + (config.lookbackDays() > 0 ? ", last " + config.lookbackDays() + " days" : "") + "), segments mined "
        + plan.mined() + (plan.skipped().isEmpty() ? "" : ", skipped " + plan.skipped())
        + (oversized > 0 ? ", " + oversized + " oversized left out" : ""));

    clock.start("mine");
    if (n == 0) {
      notes.add("no baskets in the window ending " + runDate + ": nothing to mine");
    }
    MiningResult mined = SegmentMiner.mine(spark, baskets, plan, config.minSupport(), config.minConfidence(),
        config.numPartitions(), config.miningEngine());
    if (config.includeCaseCategories()) {
      // Support-case items are mined in their own SERVICE segment (same baskets as ALL plus CASE: items).
      java.util.Optional<Dataset<Row>> cases = tables.optionalTable("support_cases");
      if (cases.isEmpty()) {
        notes.add("basket.include-case-categories: no support_cases table given");
      } else if (n > 0) {
        MiningResult service = SegmentMiner.mineService(spark, BasketBuilder.serviceBaskets(baskets, cases.get(), options),
            n, config.minSupport(), config.minConfidence(), config.numPartitions(), config.miningEngine());
        mined = new MiningResult(mined.itemsets().unionByName(service.itemsets()),
            mined.rules().unionByName(service.rules()), mined.basketCount());
        basketCounts.put(BasketBuilder.SERVICE, n);
      }
    }
    Dataset<Row> itemsets = JobCaches.persist(mined.itemsets()
        .withColumn("size", size(col("items")))
        .withColumn("support", col("freq").divide(col("basket_count").cast("double"))),
        StorageLevel.MEMORY_AND_DISK());
    long itemsetCount = itemsets.count();
    clock.end(itemsetCount + " frequent itemsets at min-support " + config.minSupport() + " in "
        + plan.mined().size() + " segment(s)");

    clock.start("score");
    spark.sparkContext().setJobDescription("crm-affinity: score rules");
    SelectionOptions selection = config.selection();
    Dataset<Row> scored = JobCaches.persist(RuleScorer.adjustPValues(RuleScorer.score(mined.rules()),
        selection.adjustment()), StorageLevel.MEMORY_AND_DISK());
    Map<String, Long> ruleFilters = new LinkedHashMap<>();
    Dataset<Row> selected = null;
    for (Map.Entry<String, Dataset<Row>> step : RuleSelection.steps(scored, selection).entrySet()) {
      selected = step.getValue();
      if (!"mined".equals(step.getKey())) {
        selected = JobCaches.persist(selected, StorageLevel.MEMORY_AND_DISK());
      }
      ruleFilters.put(step.getKey(), selected.count());
    }
    this.ruleFilters = ruleFilters;
    long ruleCount = ruleFilters.get("mined");
    long keptCount = ruleFilters.values().stream().reduce((x, y) -> y).orElse(0L);
    clock.end(ruleCount + " rules at min-confidence " + config.minConfidence() + ", " + keptCount
        + " kept, ranked by " + selection.rankBy().column() + " " + ruleFilters);

    return new Analysis(built, n, itemsets, itemsetCount, selected, ruleCount, keptCount, selection);
  }

  /** The scenarios, in the order they run: later ones may read earlier ones' outputs. */
  /** The scenario tables this run writes (empty or not): those of the scenarios in job.scenarios. */
  List<String> scenarioTables() {
    List<String> mine = scenarioList().stream().flatMap(sc -> sc.tables().stream()).toList();
    return SCENARIO_TABLES.stream().filter(mine::contains).toList();
  }

  List<Scenario> scenarioList() {
    List<Scenario> all = List.of(new RecommendScenario(), new ForecastScenario(), new CustomerScenario());
    return all.stream().filter(sc -> config.scenarios().contains(sc.name())).toList();
  }

  /** Runs every scenario as of the run date; returns its outputs by table (model_parameters unioned). */
  public Map<String, Dataset<Row>> scenarios(CrmTables tables, Analysis a) {
    Map<String, Dataset<Row>> produced = new LinkedHashMap<>();
    scenarioOutputs.clear();
    scenarioRows.clear();
    for (Scenario sc : scenarioList()) {
      clock.start(sc.name());
      spark.sparkContext().setJobDescription("crm-affinity: " + sc.name());
      JobContext ctx = context(tables, a, produced);
      Map<String, Dataset<Row>> out = new LinkedHashMap<>();
      StringBuilder rows = new StringBuilder();
      for (Map.Entry<String, Dataset<Row>> e : sc.outputs(ctx).entrySet()) {
        Dataset<Row> df = JobCaches.persist(e.getValue(), StorageLevel.MEMORY_AND_DISK());
        out.put(e.getKey(), df);
        long count = df.count();
        rows.append(rows.length() == 0 ? "" : ", ").append(count).append(' ').append(e.getKey());
        produced.merge(e.getKey(), df, (x, y) -> x.unionByName(y));
        scenarioRows.merge(e.getKey(), count, Long::sum);
      }
      scenarioOutputs.put(sc, out);
      clock.end(rows.length() == 0 ? "no output" : rows.toString());
    }
    return produced;
  }

  private JobContext context(CrmTables tables, Analysis a, Map<String, Dataset<Row>> produced) {
    // SERVICE rules (support-case items) describe service problems, never what to offer: scenarios don't see them.
    return new JobContext(spark, config, runDate, tables, a.baskets(),
        a.rules().where(col("segment").notEqual(lit(BasketBuilder.SERVICE))),
        java.util.Collections.unmodifiableMap(produced), notes);
  }

  private Dataset<Row> withRun(Dataset<Row> df) {
    return df.withColumn("run_id", lit(runId)).withColumn("run_date", lit(Date.valueOf(runDate)));
  }

  private static String describe(Map<String, TableCounts> counts) {
    StringBuilder sb = new StringBuilder();
    counts.forEach((t, c) -> sb.append(sb.length() == 0 ? "" : ", ").append(t).append(' ').append(c.used())
        .append('/').append(c.read()).append(c.rejected() > 0 ? " (" + c.rejected() + " rejected)" : ""));
    return "rows used/read: " + sb;
  }

  private Row runRow(String status, Map<String, TableCounts> counts, Map<String, Long> written, String error) {
    Map<String, String> params = new HashMap<>(config.effective());
    params.put("run_date", runDate.toString());
    Map<String, Long> read = null;
    Map<String, Long> used = null;
    Map<String, Long> rejected = null;
    if (counts != null) {
      read = new LinkedHashMap<>();
      used = new LinkedHashMap<>();
      rejected = new LinkedHashMap<>();
      for (Map.Entry<String, TableCounts> e : counts.entrySet()) {
        read.put(e.getKey(), e.getValue().read());
        used.put(e.getKey(), e.getValue().used());
        rejected.put(e.getKey(), e.getValue().rejected());
      }
    }
    boolean done = !"RUNNING".equals(status);
    return RowFactory.create(runId, Date.valueOf(runDate), status, Timestamp.from(startedAt),
        done ? Timestamp.from(Instant.now()) : null, params, read, used, rejected,
        written == null ? null : new LinkedHashMap<>(written), basketCounts, versions, ruleFilters,
        new LinkedHashMap<>(clock.seconds()),
        new ArrayList<>(notes), error, engineVersions);
  }
}
