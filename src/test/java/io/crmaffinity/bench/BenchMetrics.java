package io.crmaffinity.bench;

import io.crmaffinity.job.Scenario;
import java.util.List;

/** Reading backtest metrics in the sweep benchmarks. */
final class BenchMetrics {
  private BenchMetrics() {}

  /** The value of one method's metric, or NaN when the backtest did not report it. */
  static double value(List<Scenario.Metric> metrics, String method, String metric) {
    return metrics.stream().filter(x -> x.method().equals(method) && x.metric().equals(metric))
        .mapToDouble(Scenario.Metric::value).findFirst().orElse(Double.NaN);
  }
}
