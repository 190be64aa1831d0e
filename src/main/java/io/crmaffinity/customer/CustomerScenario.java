package io.crmaffinity.customer;

import io.crmaffinity.job.JobContext;
import io.crmaffinity.job.Scenario;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Placeholder: writes no rows yet. */
public final class CustomerScenario implements Scenario {
  @Override
  public String name() {
    return "customer";
  }

  @Override
  public Map<String, Dataset<Row>> outputs(JobContext ctx) {
    return Map.of();
  }
}
