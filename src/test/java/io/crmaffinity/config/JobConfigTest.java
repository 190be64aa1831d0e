package io.crmaffinity.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {

  @Test
  void defaultsMatchTheContract() {
    JobConfig c = JobConfig.defaults();
    assertEquals("data-samples", c.inputPath());
    assertEquals("csv", c.inputFormat());
    assertEquals("order", c.basketGranularity());
    assertEquals("product", c.itemLevel());
    assertEquals(List.of("COMPLETED"), c.basketStatuses());
    assertEquals(10, c.recommend().topN());
    assertEquals(6, c.forecast().horizonMonths());
  }

  @Test
  void setOverridesFileWhichOverridesDefaults(@TempDir Path dir) throws Exception {
    File f = dir.resolve("job.conf").toFile();
    Files.writeString(f.toPath(), "mining { min-support = 0.05, min-confidence = 0.6 }\nspark.sql.shuffle.partitions = 3\n");
    JobConfig c = JobConfig.load(f, Map.of("mining.min-support", "0.02", "basket.statuses", "completed,RETURNED"));
    assertEquals(0.02, c.minSupport());
    assertEquals(0.6, c.minConfidence());
    assertEquals(List.of("COMPLETED", "RETURNED"), c.basketStatuses());
    assertEquals(Map.of("spark.sql.shuffle.partitions", "3"), c.sparkConf());
  }

  @Test
  void badValuesNameTheKeyTheValueAndTheRule() {
    assertEquals("Cannot set mining.min-support to 1.5: must be in (0, 1]",
        fails(Map.of("mining.min-support", "1.5")));
    assertEquals("Cannot set mining.min-support to 'lots': expected a number",
        fails(Map.of("mining.min-support", "lots")));
    assertEquals("Cannot set basket.granularity to 'week': must be one of customer, order",
        fails(Map.of("basket.granularity", "week")));
    assertEquals("Cannot set input.max-reject-share to -0.1: must be in [0, 1]",
        fails(Map.of("input.max-reject-share", "-0.1")));
    assertEquals("Cannot set basket.statuses to [SHIPPED]: 'SHIPPED' is not one of CANCELLED, COMPLETED, PENDING, RETURNED",
        fails(Map.of("basket.statuses", "SHIPPED")));
    assertEquals("Cannot set recommend.top-n to 0: must be a whole number from 1 to 1000",
        fails(Map.of("recommend.top-n", "0")));
  }

  @Test
  void miningEngineIsEclatByDefaultAndValidated() {
    assertEquals("eclat", JobConfig.defaults().miningEngine());
    assertEquals("fpgrowth", JobConfig.load(null, Map.of("mining.engine", " FPGrowth ")).miningEngine());
    assertEquals("Cannot set mining.engine to 'apriori': must be one of eclat, fpgrowth",
        fails(Map.of("mining.engine", "apriori")));
  }

  @Test
  void selectionKeysAreValidated() {
    assertEquals("Cannot set mining.rank-by to 'gain': must be one of " + String.join(", ",
        io.crmaffinity.scoring.Measure.columns()), fails(Map.of("mining.rank-by", "gain")));
    assertEquals("Cannot set mining.min-lift to -1: must be >= 0", fails(Map.of("mining.min-lift", "-1")));
    assertEquals("Cannot set mining.max-p-value to 2: must be in [0, 1]", fails(Map.of("mining.max-p-value", "2")));
    assertEquals("Cannot set mining.prune-redundant to 'maybe': expected true or false",
        fails(Map.of("mining.prune-redundant", "maybe")));
    assertEquals("Cannot set mining.p-value-adjustment to 'bonferroni': must be one of bh, holm, none",
        fails(Map.of("mining.p-value-adjustment", "bonferroni")));
    JobConfig c = JobConfig.load(null, Map.of("mining.rank-by", "p_value_adjusted", "mining.prune-redundant", "true",
        "mining.max-rules", "50", "mining.p-value-adjustment", "HOLM"));
    assertEquals(new io.crmaffinity.scoring.SelectionOptions(io.crmaffinity.scoring.Measure.P_VALUE_ADJUSTED,
        io.crmaffinity.scoring.RuleScorer.Adjustment.HOLM, 0, 0, 1, true, 50), c.selection());
  }

  @Test
  void jdbcInputNeedsAPostgresUrlAndNoInlinePassword() {
    assertEquals("Cannot use input.path 'data-samples' with input.format = jdbc: expected a PostgreSQL JDBC URL such as "
        + "jdbc:postgresql://host:5432/crm", fails(Map.of("input.format", "jdbc")));
    assertEquals("input.path is a JDBC URL but input.format is csv: set input.format=jdbc",
        fails(Map.of("input.path", "jdbc:postgresql://db/crm")));
    assertEquals("input.jdbc.password is not accepted given with --set: put the password in the environment variable "
        + "named by input.jdbc.password-env, or in the file named by input.jdbc.password-file",
        fails(Map.of("input.jdbc.password", "x")));
    JobConfig c = JobConfig.load(null, Map.of("input.format", "jdbc", "input.path",
        "jdbc:postgresql://db/crm?password=hunter2", "input.jdbc.rows-per-partition", "5000"));
    assertEquals(5000L, c.jdbc().rowsPerPartition());
    assertEquals("jdbc:postgresql://db/crm?password=***", c.effective().get("input.path"));
  }

  @Test
  void basketAndSegmentKeysAreValidated() {
    assertEquals("Cannot set basket.include-contracts to true with basket.granularity = order: contracts and "
        + "opportunities belong to customer baskets (basket.granularity = customer)",
        fails(Map.of("basket.include-contracts", "true")));
    assertEquals("Cannot set mining.segment-by to channel with basket.granularity = customer: a customer's basket "
        + "spans channels; use order baskets or another segmentation",
        fails(Map.of("mining.segment-by", "channel", "basket.granularity", "customer")));
    assertEquals("Cannot set mining.segment-by to 'country': must be one of channel, customer_type, none, region, "
        + "segment", fails(Map.of("mining.segment-by", "country")));
    assertEquals("Cannot set basket.lookback-days to -1: must be a whole number from 0 to 36500",
        fails(Map.of("basket.lookback-days", "-1")));
    assertEquals("Cannot set mining.min-segment-baskets to 0: must be a whole number from 1 to 2147483647",
        fails(Map.of("mining.min-segment-baskets", "0")));
    JobConfig c = JobConfig.load(null, Map.of("basket.granularity", "customer", "basket.include-contracts", "yes",
        "basket.lookback-days", "365", "mining.segment-by", "REGION", "basket.max-items", "50"));
    assertEquals(true, c.includeContracts());
    assertEquals(365, c.lookbackDays());
    assertEquals("region", c.segmentBy());
    assertEquals(50, c.maxItems());
  }

  @Test
  void unknownKeysAreRejected() {
    assertEquals("Unknown configuration key 'mining.min-suport' given with --set (known keys are listed in "
        + "crm-affinity-defaults.conf and docs/configuration.md)", fails(Map.of("mining.min-suport", "0.1")));
  }

  @Test
  void missingFileIsAClearError() {
    ConfigException e = assertThrows(ConfigException.class, () -> JobConfig.load(new File("/nonexistent.conf"), Map.of()));
    assertEquals("Configuration file /nonexistent.conf does not exist or is not a file", e.getMessage());
  }

  private static String fails(Map<String, String> sets) {
    return assertThrows(ConfigException.class, () -> JobConfig.load(null, sets)).getMessage();
  }
}
