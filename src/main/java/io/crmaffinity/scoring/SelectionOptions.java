package io.crmaffinity.scoring;

/**
 * Which scored rules a run keeps and how it ranks them.
 *
 * @param rankBy the ranking measure
 * @param adjustment how p-values are adjusted for the number of rules tested
 * @param minLift keep rules with lift >= this (0 = all)
 * @param minInformationGain keep rules with information gain >= this (0 = all)
 * @param maxPValue keep rules whose adjusted p-value is <= this (1 = all)
 * @param pruneRedundant drop a rule when a rule with the same consequent and a proper subset of its
 *     antecedent ranks at least as well on {@code rankBy}
 * @param maxRules keep the top this many per segment after ranking (0 = all)
 */
public record SelectionOptions(Measure rankBy, RuleScorer.Adjustment adjustment, double minLift,
    double minInformationGain, double maxPValue, boolean pruneRedundant, int maxRules) {

  public static SelectionOptions defaults() {
    return new SelectionOptions(Measure.INFORMATION_GAIN, RuleScorer.Adjustment.BH, 0, 0, 1, false, 0);
  }
}
