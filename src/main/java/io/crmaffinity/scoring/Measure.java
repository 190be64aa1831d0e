package io.crmaffinity.scoring;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The rule measures a run can rank or filter by, with the direction in which a rule is better. */
public enum Measure {
  SUPPORT, CONFIDENCE, LIFT, LEVERAGE, CONVICTION, JACCARD, KULCZYNSKI, COSINE, CERTAINTY, ZHANGS_METRIC,
  ODDS_RATIO, ADDED_VALUE, PHI, INFORMATION_GAIN, INFORMATION_GAIN_RATIO, CHI_SQUARE,
  P_VALUE(false), P_VALUE_ADJUSTED(false);

  private final boolean higherIsBetter;

  Measure() {
    this(true);
  }

  Measure(boolean higherIsBetter) {
    this.higherIsBetter = higherIsBetter;
  }

  /** The column name in {@code association_rules}. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  public static Optional<Measure> of(String column) {
    return Arrays.stream(values()).filter(m -> m.column().equals(column)).findFirst();
  }

  public static List<String> columns() {
    return Arrays.stream(values()).map(Measure::column).toList();
  }
}
