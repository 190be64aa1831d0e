package io.crmaffinity.recommend;

import io.crmaffinity.job.JobContext;
import io.crmaffinity.job.Scenario;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Placeholder: writes no rows yet. */
public final class RecommendScenario implements Scenario {
  @Override
  public String name() {
    return "recommend";
  }

  @Override
  public Map<String, Dataset<Row>> outputs(JobContext ctx) {
    return Map.of();
  }
}
