package io.crmaffinity.config;

import static io.crmaffinity.config.ConfigValues.bool;
import static io.crmaffinity.config.ConfigValues.integer;
import static io.crmaffinity.config.ConfigValues.nonEmpty;
import static io.crmaffinity.config.ConfigValues.number;
import static io.crmaffinity.config.ConfigValues.oneOf;
import static io.crmaffinity.config.ConfigValues.sorted;
import static io.crmaffinity.config.ConfigValues.string;
import static io.crmaffinity.config.ConfigValues.stringList;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.BadValue;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.crmaffinity.customer.CustomerOptions;
import io.crmaffinity.forecast.ForecastOptions;
import io.crmaffinity.ingest.JdbcOptions;
import io.crmaffinity.recommend.RecommendOptions;
import io.crmaffinity.scoring.Measure;
import io.crmaffinity.scoring.RuleScorer;
import io.crmaffinity.scoring.SelectionOptions;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The job's configuration, parsed once and validated. Defaults and their documentation live in
 * {@code crm-affinity-defaults.conf}; a {@code --config} file and {@code --set KEY=VALUE} pairs override them.
 */
public record JobConfig(
    String inputPath,
    String inputFormat,
    double maxRejectShare,
    JdbcOptions jdbc,
    String outputPath,
    String outputDatabase,
    int staleRunHours,
    int heartbeatTimeoutSeconds,
    String basketGranularity,
    String itemLevel,
    List<String> basketStatuses,
    int lookbackDays,
    boolean includeContracts,
    boolean includeWonOpportunities,
    int maxItems,
    String segmentBy,
    int minSegmentBaskets,
    double minSupport,
    double minConfidence,
    int numPartitions,
    String miningEngine,
    SelectionOptions selection,
    RecommendOptions recommend,
    ForecastOptions forecast,
    CustomerOptions customer,
    boolean includeCaseCategories,
    int evaluateHorizonDays,
    List<String> scenarios,
    int summaryTopRules,
    Map<String, String> sparkConf,
    Map<String, String> effective) {

  public static final String DEFAULTS_RESOURCE = "crm-affinity-defaults.conf";
  static final Set<String> INPUT_FORMATS = Set.of("csv", "parquet", "delta", "jdbc");
  static final Set<String> GRANULARITIES = Set.of("order", "customer");
  static final Set<String> ITEM_LEVELS = Set.of("product", "category");
  static final Set<String> SEGMENTATIONS = Set.of("none", "customer_type", "segment", "region", "channel");
  static final Set<String> MINING_ENGINES = Set.of("fpgrowth", "eclat");
  /** Scenario stages, in the order they run. */
  public static final List<String> SCENARIOS = List.of("recommend", "forecast", "customer");
  static final Set<String> ORDER_STATUSES = Set.of("COMPLETED", "PENDING", "CANCELLED", "RETURNED");

  public JobConfig {
    basketStatuses = List.copyOf(basketStatuses);
    sparkConf = Collections.unmodifiableMap(new TreeMap<>(sparkConf));
    effective = Collections.unmodifiableMap(new TreeMap<>(effective));
  }

  /** The built-in defaults only. */
  public static JobConfig defaults() {
    return load(null, Map.of());
  }

  /**
   * Layers the defaults, an optional file and the overrides (highest first: overrides, file, defaults).
   *
   * @param file a HOCON/properties/JSON file, or null
   * @param overrides KEY=VALUE pairs from {@code --set}, in order
   */
  public static JobConfig load(File file, Map<String, String> overrides) {
    Config defaults = ConfigFactory.parseResources(JobConfig.class, "/" + DEFAULTS_RESOURCE,
        ConfigParseOptions.defaults().setAllowMissing(false));
    Config merged = defaults;
    if (file != null) {
      if (!file.isFile()) {
        throw new ConfigException("Configuration file " + file + " does not exist or is not a file");
      }
      Config fromFile;
      try {
        fromFile = ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
      } catch (com.typesafe.config.ConfigException e) {
        throw new ConfigException("Configuration file " + file + " cannot be parsed: " + e.getMessage());
      }
      rejectUnknownKeys(fromFile, defaults, "in " + file);
      merged = fromFile.withFallback(merged);
    }
    Config sets = ConfigFactory.empty();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String key = e.getKey().trim();
      if (key.isEmpty()) {
        throw new ConfigException("--set needs KEY=VALUE, got an empty key");
      }
      sets = sets.withValue(key, parseValue(key, e.getValue()));
    }
    rejectUnknownKeys(sets, defaults, "given with --set");
    merged = sets.withFallback(merged).resolve();
    return fromConfig(merged);
  }

  private static ConfigValue parseValue(String key, String raw) {
    String v = raw.trim();
    if (v.startsWith("[")) {
      try {
        return ConfigFactory.parseString("v = " + v, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF))
            .getValue("v");
      } catch (com.typesafe.config.ConfigException e) {
        throw new ConfigException("Cannot set " + key + " to " + raw + ": not a valid list");
      }
    }
    return ConfigValueFactory.fromAnyRef(v, "--set " + key);
  }

  private static void rejectUnknownKeys(Config given, Config defaults, String where) {
    for (Map.Entry<String, ConfigValue> e : given.entrySet()) {
      String key = e.getKey();
      if (key.equals("spark") || key.startsWith("spark.")) {
        continue;
      }
      if (key.equals("input.jdbc.password")) {
        throw new ConfigException("input.jdbc.password is not accepted " + where + ": put the password in the "
            + "environment variable named by input.jdbc.password-env, or in the file named by input.jdbc.password-file");
      }
      if (!defaults.hasPath(key)) {
        throw new ConfigException("Unknown configuration key '" + key + "' " + where
            + " (known keys are listed in " + DEFAULTS_RESOURCE + " and docs/configuration.md)");
      }
    }
  }

  private static JobConfig fromConfig(Config c) {
    String format = oneOf(c, "input.format", INPUT_FORMATS, true);
    double maxReject = number(c, "input.max-reject-share", 0, true, 1, true);
    String granularity = oneOf(c, "basket.granularity", GRANULARITIES, true);
    String itemLevel = oneOf(c, "basket.item-level", ITEM_LEVELS, true);
    List<String> statuses = stringList(c, "basket.statuses");
    if (statuses.isEmpty()) {
      throw new ConfigException("Cannot set basket.statuses to []: name at least one of " + sorted(ORDER_STATUSES));
    }
    List<String> upper = new ArrayList<>();
    for (String s : statuses) {
      String u = s.trim().toUpperCase(Locale.ROOT);
      if (!ORDER_STATUSES.contains(u)) {
        throw new ConfigException("Cannot set basket.statuses to " + statuses + ": '" + s
            + "' is not one of " + sorted(ORDER_STATUSES));
      }
      upper.add(u);
    }
    int lookback = integer(c, "basket.lookback-days", 0, 36_500);
    boolean contracts = bool(c, "basket.include-contracts");
    boolean wonOpportunities = bool(c, "basket.include-won-opportunities");
    int maxItems = integer(c, "basket.max-items", 0, 1_000_000);
    String segmentBy = oneOf(c, "mining.segment-by", SEGMENTATIONS, true);
    int minSegmentBaskets = integer(c, "mining.min-segment-baskets", 1, Integer.MAX_VALUE);
    if (!"customer".equals(granularity)) {
      for (String key : List.of("basket.include-contracts", "basket.include-won-opportunities")) {
        if (c.getBoolean(key)) {
          throw new ConfigException("Cannot set " + key + " to true with basket.granularity = " + granularity
              + ": contracts and opportunities belong to customer baskets (basket.granularity = customer)");
        }
      }
    }
    if (!"customer".equals(granularity) && c.getBoolean("basket.include-case-categories")) {
      throw new ConfigException("Cannot set basket.include-case-categories to true with basket.granularity = "
          + granularity + ": support cases belong to the customer, not to one order (basket.granularity = customer)");
    }
    if ("channel".equals(segmentBy) && "customer".equals(granularity)) {
      throw new ConfigException("Cannot set mining.segment-by to channel with basket.granularity = customer: a "
          + "customer's basket spans channels; use order baskets or another segmentation");
    }
    double minSupport = number(c, "mining.min-support", 0, false, 1, true);
    double minConfidence = number(c, "mining.min-confidence", 0, true, 1, true);
    int partitions = integer(c, "mining.num-partitions", 0, 100_000);
    String engine = oneOf(c, "mining.engine", MINING_ENGINES, true);
    String rankBy = string(c, "mining.rank-by").trim().toLowerCase(Locale.ROOT);
    Measure measure = Measure.of(rankBy).orElseThrow(() -> new ConfigException("Cannot set mining.rank-by to '"
        + rankBy + "': must be one of " + String.join(", ", Measure.columns())));
    String adjustment = oneOf(c, "mining.p-value-adjustment", Set.of("bh", "holm", "none"), true);
    SelectionOptions selection = new SelectionOptions(measure,
        RuleScorer.Adjustment.valueOf(adjustment.toUpperCase(Locale.ROOT)),
        number(c, "mining.min-lift", 0, true, Double.POSITIVE_INFINITY, false),
        number(c, "mining.min-information-gain", 0, true, 1, true),
        number(c, "mining.max-p-value", 0, true, 1, true),
        bool(c, "mining.prune-redundant"),
        integer(c, "mining.max-rules", 0, Integer.MAX_VALUE));
    RecommendOptions recommend = RecommendOptions.from(c);
    ForecastOptions forecast = ForecastOptions.from(c);
    CustomerOptions customer = CustomerOptions.from(c);
    boolean caseCategories = bool(c, "basket.include-case-categories");
    int evaluateHorizon = integer(c, "evaluate.horizon-days", 1, 36_500);
    List<String> scenarios = new ArrayList<>();
    for (String sc : stringList(c, "job.scenarios")) {
      String n = sc.trim().toLowerCase(Locale.ROOT);
      if (!SCENARIOS.contains(n)) {
        throw new ConfigException("Cannot set job.scenarios to " + stringList(c, "job.scenarios") + ": '" + sc
            + "' is not one of " + String.join(", ", SCENARIOS));
      }
      scenarios.add(n);
    }
    int topRules = integer(c, "summary.top-rules", 0, 10_000);
    String input = nonEmpty(c, "input.path");
    boolean jdbcUrl = input.regionMatches(true, 0, "jdbc:", 0, 5);
    if ("jdbc".equals(format) && !input.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
      throw new ConfigException("Cannot use input.path '" + JdbcOptions.redact(input) + "' with input.format = jdbc: "
          + "expected a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/crm");
    }
    if (!"jdbc".equals(format) && jdbcUrl) {
      throw new ConfigException("input.path is a JDBC URL but input.format is " + format + ": set input.format=jdbc");
    }
    JdbcOptions jdbc = new JdbcOptions(string(c, "input.jdbc.user").trim(),
        string(c, "input.jdbc.password-env").trim(), string(c, "input.jdbc.password-file").trim(),
        string(c, "input.jdbc.schema").trim(), (long) number(c, "input.jdbc.rows-per-partition", 1, true,
            Double.POSITIVE_INFINITY, false), integer(c, "input.jdbc.fetch-size", 1, 1_000_000));
    String output = nonEmpty(c, "output.path");

    Map<String, String> spark = new TreeMap<>();
    if (c.hasPath("spark")) {
      for (Map.Entry<String, ConfigValue> e : c.getConfig("spark").entrySet()) {
        spark.put("spark." + e.getKey(), String.valueOf(e.getValue().unwrapped()));
      }
    }
    Map<String, String> effective = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
      Object v = e.getValue().unwrapped();
      effective.put(e.getKey(), String.valueOf(v));
    }
    effective.put("input.path", JdbcOptions.redact(input));
    String database = string(c, "output.database").trim();
    if (!database.isEmpty() && !database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new ConfigException("Cannot set output.database to '" + database + "': expected a plain name "
          + "(letters, digits, underscores)");
    }
    int staleHours = integer(c, "output.stale-run-hours", 1, 24 * 365);
    int heartbeatTimeout = integer(c, "output.heartbeat-timeout-seconds", 2, 24 * 3600);
    return new JobConfig(input, format, maxReject, jdbc, output, database, staleHours, heartbeatTimeout, granularity, itemLevel, upper, lookback, contracts,
        wonOpportunities, maxItems, segmentBy, minSegmentBaskets, minSupport,
        minConfidence, partitions, engine, selection, recommend, forecast, customer, caseCategories,
        evaluateHorizon, List.copyOf(scenarios), topRules, spark, effective);
  }

}
