package io.crmaffinity.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.crmaffinity.config.ConfigException;
import io.crmaffinity.config.JobConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The customer section's keys: defaults as documented, and the errors for bad values. */
class CustomerOptionsTest {
  @Test
  void defaultsMatchTheConfFile() {
    assertEquals(CustomerOptions.defaults(), JobConfig.defaults().customer());
    assertEquals(1.0, CustomerOptions.DEFAULT_WEIGHTS.sum(), 1e-12);
  }

  @Test
  void badValuesAreRejectedWithTheKey() {
    ConfigException medium = assertThrows(ConfigException.class, () -> JobConfig.load(null,
        Map.of("customer.risk.medium", "0.6", "customer.risk.high", "0.5")));
    assertEquals("Cannot set customer.risk.medium to 0.6: must not exceed customer.risk.high 0.5", medium.getMessage());
    ConfigException weight = assertThrows(ConfigException.class, () -> JobConfig.load(null,
        Map.of("customer.risk.weight.quiet", "-1")));
    assertEquals("Cannot set customer.risk.weight.quiet to -1: must be in [0, 100]", weight.getMessage());
    ConfigException cases = assertThrows(ConfigException.class, () -> JobConfig.load(null,
        Map.of("basket.include-case-categories", "true")));
    assertEquals("Cannot set basket.include-case-categories to true with basket.granularity = order: support cases"
        + " belong to the customer, not to one order (basket.granularity = customer)", cases.getMessage());
    assertEquals(true, JobConfig.load(null, Map.of("basket.include-case-categories", "true",
        "basket.granularity", "customer")).includeCaseCategories());
  }
}
