package io.crmaffinity.job;

import io.crmaffinity.ingest.TableCounts;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What a run did, for the log, the console summary and tests. */
public record RunSummary(String runId, LocalDate runDate, Map<String, TableCounts> inputs, long baskets,
    long itemsets, long rules, long rulesKept, Map<String, Long> rulesBySegment, String rankBy, Map<String, Double> stageSeconds, List<TopRule> topRules, String outputPath,
    List<String> report) {

  /** A rule as shown to a person: item names, not ids. */
  public record TopRule(int rank, List<String> antecedent, List<String> consequent, double support,
      double confidence, double lift, double informationGain) {}
}
