package io.crmaffinity.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.crmaffinity.config.ConfigException;
import io.crmaffinity.config.JobConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recommend section of the configuration (plain, no Spark). */
class RecommendOptionsTest {

  @Test
  void defaultsMatchTheConfigurationFile() {
    assertEquals(RecommendOptions.defaults(), JobConfig.defaults().recommend());
  }

  @Test
  void excludeAndScoreAreRead() {
    RecommendOptions o = JobConfig.load(null, Map.of("recommend.exclude", "P099, FEES",
        "recommend.score", "Lift", "recommend.combine", "max")).recommend();
    assertEquals(List.of("P099", "FEES"), o.exclude());
    assertEquals("lift", o.score());
    assertEquals("max", o.combine());
  }

  @Test
  void noisyOrNeedsConfidence() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> JobConfig.load(null, Map.of("recommend.score", "lift")));
    assertEquals("Cannot set recommend.combine to 'noisy-or' with recommend.score = lift: noisy-or combines "
        + "probabilities, so it needs recommend.score = confidence", e.getMessage());
    assertEquals("Cannot set recommend.combine to 'sum': must be one of max, noisy-or",
        assertThrows(ConfigException.class, () -> JobConfig.load(null, Map.of("recommend.combine", "sum")))
            .getMessage());
  }
}
