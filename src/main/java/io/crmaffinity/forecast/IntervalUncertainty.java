package io.crmaffinity.forecast;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/** Estimates of what the simulated band redraws beyond independent outcomes (see {@link IntervalSimulator}). */
final class IntervalUncertainty {
  private IntervalUncertainty() {}

  /** Bootstrap replicates of the mean deal size. */
  static final int REPLICATES = 200;

  /** Length of the blocks in which creations are counted for their dispersion. */
  static final int BLOCK_DAYS = 30;

  /**
   * Overdispersion of opportunity creations: the creations counted in blocks of 30 days back from the run date
   * (whole blocks inside [from, runDate]), phi = (variance - mean) / mean^2 (method of moments of a negative
   * binomial: variance = mean + phi mean^2); 0 with fewer than 3 blocks, no creation, or a variance below the
   * mean (Poisson or tighter).
   */
  static double dispersion(List<LocalDate> created, LocalDate from, LocalDate runDate) {
    int blocks = (int) ((ChronoUnit.DAYS.between(from, runDate) + 1) / BLOCK_DAYS);
    if (blocks < 3) {
      return 0;
    }
    double[] n = new double[blocks];
    for (LocalDate d : created) {
      long back = ChronoUnit.DAYS.between(d, runDate);
      if (back >= 0 && back < (long) blocks * BLOCK_DAYS) {
        n[(int) (back / BLOCK_DAYS)]++;
      }
    }
    double mean = 0;
    for (double x : n) {
      mean += x;
    }
    mean /= blocks;
    if (mean <= 0) {
      return 0;
    }
    double var = 0;
    for (double x : n) {
      var += (x - mean) * (x - mean);
    }
    var /= blocks - 1;
    return Math.max(0, (var - mean) / (mean * mean));
  }

  /**
   * Bootstrap replicates of the mean of {@code sizes} (resampled with replacement, fixed seed) over their mean;
   * empty without sizes or with a mean of 0.
   */
  static double[] bootstrapMeanRatios(double[] sizes, long seed) {
    int n = sizes.length;
    double mean = 0;
    for (double s : sizes) {
      mean += s;
    }
    mean /= Math.max(1, n);
    if (n == 0 || !(mean > 0)) {
      return new double[0];
    }
    Random rnd = new Random(seed);
    double[] out = new double[REPLICATES];
    for (int b = 0; b < REPLICATES; b++) {
      double sum = 0;
      for (int k = 0; k < n; k++) {
        sum += sizes[rnd.nextInt(n)];
      }
      out[b] = sum / n / mean;
    }
    return out;
  }
}
