package io.crmaffinity.forecast;

import java.time.LocalDate;
import java.util.List;

/**
 * Wins from opportunities not created yet. Opportunities are created at {@code ratePerDay} from the day after
 * the run date to the horizon's end, each won with {@code winRate}; a win copies one past win chosen at random
 * (a template): its amount and its days from created to won, together, so large deals that take longer land
 * later. For month i and template t, {@code days[i][t]} counts the creation days from which t's duration lands
 * in month i; the expected number of wins in month i is ratePerDay x winRate x sum_t days[i][t] / n, and the
 * expected revenue the same with each term times t's amount. Within month i a win is template t with weight
 * days[i][t] (the interval draws the amounts that way).
 *
 * @param count expected number of wins per horizon month
 * @param revenue expected won amount per horizon month
 * @param amounts the templates' amounts
 * @param weights per month, the weight of each template among that month's wins
 */
public record NewBusiness(double[] count, double[] revenue, double[] amounts, double[][] weights) {

  /**
   * @param wonDays days from created to won of the templates
   * @param wonAmounts their amounts (same order)
   */
  public static NewBusiness of(double ratePerDay, double winRate, int[] wonDays, double[] wonAmounts,
      LocalDate runDate, List<LocalDate> months) {
    int h = months.size();
    int n = wonDays.length;
    double[] count = new double[h];
    double[] revenue = new double[h];
    double[][] weights = new double[h][n];
    if (n == 0 || h == 0) {
      return new NewBusiness(count, revenue, wonAmounts.clone(), weights);
    }
    LocalDate firstDay = runDate.plusDays(1);
    LocalDate lastDay = Months.end(months.get(h - 1));
    for (int i = 0; i < h; i++) {
      for (int t = 0; t < n; t++) {
        long days = Months.overlapDays(months.get(i).minusDays(wonDays[t]),
            Months.end(months.get(i)).minusDays(wonDays[t]), firstDay, lastDay);
        weights[i][t] = days;
        count[i] += ratePerDay * winRate * days / n;
        revenue[i] += ratePerDay * winRate * days * wonAmounts[t] / n;
      }
    }
    return new NewBusiness(count, revenue, wonAmounts.clone(), weights);
  }
}
