package io.crmaffinity.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page model of a run's report: every value already formatted for a reader, plus the data of each chart
 * ({@link #charts}, keyed as the page's chart containers name them). A section with nothing to show carries
 * one sentence saying so ({@code empty}) instead of tables and charts.
 */
public record RunReport(Run run, Quality quality, Rules rules, Recommendations recommendations, Forecast forecast,
    Customers customers) {

  /** Every chart's data by the key its container on the page names; sections with nothing to draw add none. */
  public Map<String, Object> charts() {
    Map<String, Object> c = new LinkedHashMap<>();
    put(c, "stages", run.stages());
    for (Segment s : rules.segments()) {
      put(c, s.chart(), s.scatter());
    }
    put(c, "sources", recommendations.sources());
    put(c, "offers", recommendations.offers());
    put(c, "forecast", forecast.chart());
    put(c, "risk", customers.risk());
    put(c, "rfm", customers.rfmChart());
    return c;
  }

  private static void put(Map<String, Object> charts, String key, Object chart) {
    if (chart != null) {
      charts.put(key, chart);
    }
  }

  /** A label and its value. */
  public record Item(String key, String value) {}

  public record Run(String runId, String runDate, String status, String startedAt, String finishedAt,
      String duration, List<Item> keyParameters, List<Item> parameters, List<Item> outputs, List<String> notes,
      Charts.Bar stages) {}

  /** Rows of one input table. */
  public record TableRows(String table, String read, String used, String rejected, String share,
      boolean rejects) {}

  /** One rejection rule of one table, with one example row. */
  public record Rejection(String table, String rule, String rows, String reason, String record) {}

  public record Quality(List<TableRows> tables, List<Rejection> rejections, String summary, String empty) {}

  /** One rule of the rules table: raw values for sorting, formatted ones for reading. */
  public record RuleRow(int rank, String antecedent, String consequent, double support, double confidence,
      double lift, double informationGain, double pValue, String supportText, String confidenceText,
      String liftText, String informationGainText, String pValueText) {}

  /** One tab of the rules section. */
  public record Segment(String id, String name, String baskets, long ruleCount, String shown, List<RuleRow> rules,
      String chart, boolean first, Charts.Scatter scatter, String empty) {}

  public record Rules(String rankBy, String pValueLabel, String summary, List<Segment> segments, String empty) {}

  /** One recommended product of an example customer. */
  public record Pick(int rank, String product, String source, String score, String expectedRevenue,
      String reason) {}

  public record Example(String customerId, String expectedRevenue, List<Pick> picks) {}

  /** A product many customers are offered. */
  public record Offer(String product, String customers, String fromRules, String expectedRevenue) {}

  public record Recommendations(String summary, List<Offer> topProducts, List<Example> examples,
      Charts.Bar sources, Charts.Bar offers, String empty) {}

  public record Month(String month, String contracted, String renewal, String pipeline, String newBusiness,
      String forecast, String low, String high) {}

  /**
   * One method's scores in the last forecast backtest: the metrics of the evaluations table's forecast task of
   * the same names (months_scored, mape, horizon_ape, interval_coverage, pinball_p10, pinball_p90,
   * forecast_total, actual_total), "-" where the method has none (the baselines have no interval).
   */
  public record BacktestRow(String method, String monthsScored, String mape, String horizonApe, String coverage,
      String pinballP10, String pinballP90, String forecastTotal, String actualTotal) {}

  public record Forecast(String summary, List<Month> months, Charts.Forecast chart, String backtestCutoff,
      List<BacktestRow> backtest, String backtestEmpty, String empty) {}

  public record AtRisk(String customerId, String riskScore, String riskLevel, List<String> reasons, String action,
      String expectedValue, String rfmSegment) {}

  public record RfmRow(String segment, String customers, String expectedValue, String monetary, String pAlive) {}

  public record Customers(String summary, List<AtRisk> atRisk, List<RfmRow> rfm, Charts.Bar risk,
      Charts.Bar rfmChart, String healthEmpty, String valueEmpty, String empty) {}
}
