package io.crmaffinity.customer;

import static io.crmaffinity.config.ConfigValues.integer;
import static io.crmaffinity.config.ConfigValues.number;

import com.typesafe.config.Config;
import io.crmaffinity.config.ConfigException;
import java.io.Serializable;

/**
 * The {@code customer} section: customer value and health.
 *
 * @param caseWindowDays recent support cases are those opened within this many days of the run date
 * @param renewalWindowDays a contract ending within this many days is "due for renewal"
 * @param modelMaxRows most summary rows the model fits collect to the driver (distinct (x, t_x, T) for
 *     BG/NBD, repeat customers for Gamma-Gamma); above it a deterministic hash sample of customers is fitted
 * @param riskHigh risk_score at or above this is HIGH
 * @param riskMedium risk_score at or above this (and below riskHigh) is MEDIUM
 * @param weights the health signals' weights
 */
public record CustomerOptions(int caseWindowDays, int renewalWindowDays, int modelMaxRows, double riskHigh,
    double riskMedium, RiskWeights weights) implements Serializable {

  /** Weights of the health signals, each signal in [0, 1]; the score is their weighted mean. */
  public record RiskWeights(double pAlive, double quiet, double overdue, double openCases, double criticalCase,
      double recentCases, double satisfaction, double renewal) implements Serializable {
    public double sum() {
      return pAlive + quiet + overdue + openCases + criticalCase + recentCases + satisfaction + renewal;
    }
  }

  public static final RiskWeights DEFAULT_WEIGHTS =
      new RiskWeights(0.20, 0.25, 0.15, 0.10, 0.10, 0.05, 0.10, 0.05);

  /** The defaults of crm-affinity-defaults.conf. */
  public static CustomerOptions defaults() {
    return new CustomerOptions(90, 90, 200_000, 0.4, 0.25, DEFAULT_WEIGHTS);
  }

  public static CustomerOptions from(Config c) {
    String w = "customer.risk.weight.";
    RiskWeights weights = new RiskWeights(weight(c, w + "p-alive"), weight(c, w + "quiet"), weight(c, w + "overdue"),
        weight(c, w + "open-cases"), weight(c, w + "critical-case"), weight(c, w + "recent-cases"),
        weight(c, w + "satisfaction"), weight(c, w + "renewal"));
    if (!(weights.sum() > 0)) {
      throw new ConfigException("Cannot set every customer.risk.weight.* to 0: at least one signal must count");
    }
    double high = number(c, "customer.risk.high", 0, false, 1, true);
    double medium = number(c, "customer.risk.medium", 0, false, 1, true);
    if (medium > high) {
      throw new ConfigException("Cannot set customer.risk.medium to " + medium + ": must not exceed customer.risk.high "
          + high);
    }
    return new CustomerOptions(integer(c, "customer.case-window-days", 1, 36_500),
        integer(c, "customer.renewal-window-days", 1, 36_500),
        integer(c, "customer.model-max-rows", 100, 50_000_000), high, medium, weights);
  }

  private static double weight(Config c, String key) {
    return number(c, key, 0, true, 100, true);
  }
}
