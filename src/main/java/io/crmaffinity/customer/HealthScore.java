package io.crmaffinity.customer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The churn-risk score of customer_health, its level, reasons and next best action, from one customer's
 * signals. Pure Java, so it is tested with exact values; the scenario applies it to every customer in a UDF.
 *
 * <p>Each signal is mapped to [0, 1] and the score is their weighted mean (weights in
 * {@code customer.risk.weight.*}), so it is in [0, 1] and reads as "which share of the warning signs are on".
 * Reasons list the signals whose share of the score is at least 0.02, largest first.
 */
public final class HealthScore {
  private HealthScore() {}

  /**
   * One customer's signals as of the run date.
   *
   * @param hasOrders at least one counted order in the window (purchase signals apply only then)
   * @param pAlive BG/NBD probability the customer is still active
   * @param expectedSoon BG/NBD expected orders (customer-days) in the next {@link #SOON_WEEKS} weeks
   * @param daysSinceLastOrder null without orders
   * @param usualGapDays median days between the customer's order days; null with fewer than two
   * @param openCases cases open or pending on the run date
   * @param criticalCaseId the oldest open CRITICAL (else HIGH) case, or null
   * @param criticalPriority its priority
   * @param recentCases cases opened in the last case-window-days
   * @param avgSatisfaction mean satisfaction of recently closed rated cases, or null
   * @param renewalDueDays days until the earliest active contract ends, or null
   * @param renewalContractId that contract
   * @param topRecommendation the customer's rank-1 recommended product, or null
   * @param newCustomer one order day, within the last {@code CustomerScenario.NEW_DAYS} (the RFM segment "New"):
   *     too new to be judged quiet
   */
  public record Signals(boolean hasOrders, double pAlive, double expectedSoon, Integer daysSinceLastOrder, Double usualGapDays,
      long openCases, String criticalCaseId, String criticalPriority, long recentCases, Double avgSatisfaction,
      Integer renewalDueDays, String renewalContractId, String topRecommendation, boolean newCustomer)
      implements Serializable {}

  public record Assessment(double score, String level, List<String> reasons, String action) {}

  /** The horizon of the "quiet" signal. */
  public static final double SOON_WEEKS = 13;

  private record Part(int order, double contribution, String reason) {}

  /** 0 within the usual gap, rising linearly to 1 at three times it. */
  static double overdue(Integer daysSince, Double usualGap) {
    if (daysSince == null || usualGap == null || !(usualGap > 0)) {
      return 0;
    }
    return clamp((daysSince / usualGap - 1) / 2);
  }

  public static Assessment assess(Signals s, CustomerOptions o) {
    CustomerOptions.RiskWeights w = o.weights();
    double total = w.sum();
    double dead = s.hasOrders() ? clamp(1 - s.pAlive()) : 0;
    // A first-time buyer of the last weeks has no rhythm to fall quiet from: few expected orders say nothing yet.
    double quiet = s.hasOrders() && !s.newCustomer() ? clamp(Math.exp(-Math.max(0, s.expectedSoon()))) : 0;
    double overdue = s.hasOrders() ? overdue(s.daysSinceLastOrder(), s.usualGapDays()) : 0;
    double open = Math.min(s.openCases(), 3) / 3.0;
    double critical = s.criticalCaseId() != null ? 1 : 0;
    double recent = Math.min(s.recentCases(), 5) / 5.0;
    double unhappy = s.avgSatisfaction() == null ? 0 : clamp((5 - s.avgSatisfaction()) / 4);
    double renewal = s.renewalDueDays() != null && s.renewalDueDays() <= o.renewalWindowDays()
        ? clamp(1 - Math.max(0, s.renewalDueDays()) / (double) o.renewalWindowDays()) : 0;

    List<Part> parts = new ArrayList<>();
    parts.add(new Part(0, w.pAlive() * dead / total, s.pAlive() < 0.005
        ? "under 1% chance the customer is still buying (BG/NBD)"
        : String.format(Locale.ROOT, "%.0f%% chance the customer is still buying (BG/NBD)", 100 * s.pAlive())));
    parts.add(new Part(1, w.quiet() * quiet / total, String.format(Locale.ROOT,
        "%.1f orders expected in the next 13 weeks", s.expectedSoon())));
    parts.add(new Part(2, w.overdue() * overdue / total, s.daysSinceLastOrder() == null || s.usualGapDays() == null ? ""
        : String.format(Locale.ROOT, "no order for %d days, %.1f times the usual %.0f-day gap", s.daysSinceLastOrder(),
            s.daysSinceLastOrder() / s.usualGapDays(), s.usualGapDays())));
    parts.add(new Part(3, w.criticalCase() * critical / total, s.criticalCaseId() == null ? ""
        : lower(s.criticalPriority()) + " case " + s.criticalCaseId() + " still open"));
    parts.add(new Part(4, w.openCases() * open / total,
        s.openCases() + " open support case" + (s.openCases() == 1 ? "" : "s")));
    parts.add(new Part(5, w.recentCases() * recent / total, s.recentCases() + " support case"
        + (s.recentCases() == 1 ? "" : "s") + " in the last " + o.caseWindowDays() + " days"));
    parts.add(new Part(6, w.satisfaction() * unhappy / total, s.avgSatisfaction() == null ? ""
        : String.format(Locale.ROOT, "average satisfaction %.1f of 5", s.avgSatisfaction())));
    parts.add(new Part(7, w.renewal() * renewal / total, s.renewalDueDays() == null ? ""
        : "contract " + s.renewalContractId() + " ends in " + s.renewalDueDays() + " days"));
    double score = clamp(parts.stream().mapToDouble(Part::contribution).sum());
    List<String> reasons = parts.stream().filter(p -> p.contribution() >= 0.02)
        .sorted(Comparator.comparingDouble(Part::contribution).reversed().thenComparingInt(Part::order))
        .map(Part::reason).toList();
    String level = score >= o.riskHigh() ? "HIGH" : score >= o.riskMedium() ? "MEDIUM" : "LOW";
    return new Assessment(score, level, reasons, action(s, o, level, overdue));
  }

  /** The first that applies: critical case, renewal, win-back, open cases, top recommendation. */
  static String action(Signals s, CustomerOptions o, String level, double overdue) {
    if (s.criticalCaseId() != null) {
      return "Resolve the open " + lower(s.criticalPriority()) + " case " + s.criticalCaseId();
    }
    if (s.renewalDueDays() != null && s.renewalDueDays() <= o.renewalWindowDays()) {
      return "Renewal outreach: contract " + s.renewalContractId() + " ends in " + s.renewalDueDays() + " days";
    }
    if (s.hasOrders() && ("HIGH".equals(level) || overdue >= 0.5)) {
      return "Win-back offer" + (s.topRecommendation() == null ? "" : " with " + s.topRecommendation())
          + ": no order for " + s.daysSinceLastOrder() + " days";
    }
    if (s.openCases() > 0) {
      return "Follow up the " + s.openCases() + " open support case" + (s.openCases() == 1 ? "" : "s");
    }
    if (s.topRecommendation() != null) {
      return "Offer " + s.topRecommendation() + " (top recommendation)";
    }
    return "No action needed";
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  private static double clamp(double v) {
    return v < 0 ? 0 : v > 1 ? 1 : v;
  }
}
