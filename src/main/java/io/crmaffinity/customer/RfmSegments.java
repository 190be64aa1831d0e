package io.crmaffinity.customer;

/**
 * RFM segment labels. Recency, frequency and monetary value are each scored 1..5 against the quintile cut
 * points of the customers with purchases (5 = most recent / most frequent / highest spend; tied values share a
 * score), and the R and F scores pick the label, M splitting the lapsed frequent buyers:
 *
 * <pre>
 *   New              first order within the last 90 days and a single order day
 *   Champions        R >= 4 and F >= 4
 *   Loyal            R >= 3 and F >= 3
 *   Promising        R >= 4 (and F <= 2)
 *   Needs attention  R = 3 (and F <= 2)
 *   Can't lose them  R <= 2, F >= 4 and M >= 4
 *   At risk          R <= 2 and F >= 3
 *   Hibernating      R = 2 (and F <= 2)
 *   Lost             R = 1 (and F <= 2)
 *   No purchases     no counted order in the window
 * </pre>
 */
public final class RfmSegments {
  private RfmSegments() {}

  /**
   * Score 1..5 of a value against ascending cut points q20, q40, q60, q80: 1 + the number of cut points the
   * value exceeds; for recency (smaller is better) 6 minus that.
   */
  public static int score(double value, double[] cuts, boolean smallerIsBetter) {
    int above = 0;
    for (double c : cuts) {
      if (value > c) {
        above++;
      }
    }
    return smallerIsBetter ? 5 - above : 1 + above;
  }

  public static String label(int r, int f, int m, boolean isNew) {
    if (isNew) {
      return "New";
    }
    if (r >= 4 && f >= 4) {
      return "Champions";
    }
    if (r >= 3 && f >= 3) {
      return "Loyal";
    }
    if (r >= 4) {
      return "Promising";
    }
    if (r == 3) {
      return "Needs attention";
    }
    if (f >= 4 && m >= 4) {
      return "Can't lose them";
    }
    if (f >= 3) {
      return "At risk";
    }
    return r == 2 ? "Hibernating" : "Lost";
  }
}
