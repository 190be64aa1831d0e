package io.crmaffinity.forecast;

import java.util.Arrays;
import java.util.List;

/**
 * Deal-size bands: the closed opportunities' amounts cut at their 1/n, 2/n, ... quantiles (lower empirical
 * quantiles), so each band holds about the same number of closed deals. Band 0 holds the smallest deals; an
 * amount equal to a cut point belongs to the lower band. With n = 1, or without closed deals, there is one band.
 */
public final class SizeBands {
  private final double[] cuts;

  SizeBands(double[] cuts) {
    this.cuts = cuts.clone();
  }

  public static SizeBands of(List<Opportunity> closed, int n) {
    if (n <= 1 || closed.isEmpty()) {
      return new SizeBands(new double[0]);
    }
    double[] a = closed.stream().mapToDouble(Opportunity::amount).sorted().toArray();
    double[] cuts = new double[n - 1];
    for (int k = 1; k < n; k++) {
      int i = (int) Math.ceil(k / (double) n * a.length) - 1;
      cuts[k - 1] = a[Math.max(0, Math.min(a.length - 1, i))];
    }
    return new SizeBands(cuts);
  }

  /** Band of an amount: the number of cut points below it. */
  public int band(double amount) {
    int b = 0;
    while (b < cuts.length && amount > cuts[b]) {
      b++;
    }
    return b;
  }

  public int count() {
    return cuts.length + 1;
  }

  public double[] cuts() {
    return cuts.clone();
  }

  @Override
  public String toString() {
    return Arrays.toString(cuts);
  }
}
