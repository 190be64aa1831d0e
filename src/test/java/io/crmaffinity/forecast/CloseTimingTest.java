package io.crmaffinity.forecast;

import static io.crmaffinity.forecast.Fixtures.d;
import static io.crmaffinity.forecast.Fixtures.opp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloseTimingTest {
  static final CloseTiming TIMING = new CloseTiming(new int[] {10, 40, 70, 100, 130});
  static final LocalDate RUN = d("2025-03-01");
  static final List<LocalDate> MONTHS = Months.horizon(RUN, 3); // April, May, June

  @Test
  void overdueOpportunityIsSpreadByTheWinsThatTookLongerThanItsAge() {
    // created 2025-01-01, expected 2025-02-01 (past), 59 days old: the wins after 70, 100 and 130 days would
    // land on 2025-03-12 (before the horizon), 2025-04-11 and 2025-05-11
    Opportunity overdue = opp("O", "SOFTWARE", "PROPOSAL", 100, null, "2025-01-01", "2025-02-01", null);
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 0}, TIMING.spread(overdue, RUN, MONTHS), 1e-12);
  }

  @Test
  void futureExpectedCloseIsTheMonthAndAnOpportunityOlderThanEveryWinIsSpreadEvenly() {
    Opportunity expected = opp("O", "SOFTWARE", "PROPOSAL", 100, null, "2025-01-01", "2025-05-20", null);
    assertArrayEquals(new double[] {0, 1, 0}, TIMING.spread(expected, RUN, MONTHS), 1e-12);
    Opportunity old = opp("O", "SOFTWARE", "PROPOSAL", 100, null, "2024-06-01", null, null);
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, TIMING.spread(old, RUN, MONTHS), 1e-12);
  }

  @Test
  void binarySearchedMonthsAreTheWalkOverEveryWinToTheLastBit() {
    java.util.Random rnd = new java.util.Random(3);
    for (int trial = 0; trial < 200; trial++) {
      int[] days = new int[1 + rnd.nextInt(60)];
      for (int i = 0; i < days.length; i++) {
        days[i] = rnd.nextInt(400);
      }
      CloseTiming timing = new CloseTiming(days);
      java.util.Arrays.sort(days);
      LocalDate run = RUN.plusDays(rnd.nextInt(40));
      List<LocalDate> months = Months.horizon(run, 1 + rnd.nextInt(12));
      Opportunity o = opp("O", "SOFTWARE", "PROPOSAL", 100, null, run.minusDays(rnd.nextInt(300)).toString(), null,
          null);
      // The walk CloseTiming made before: every win older than the deal, placed in its month.
      long age = java.time.temporal.ChronoUnit.DAYS.between(o.created(), run);
      double[] walk = new double[months.size()];
      int n = (int) java.util.Arrays.stream(days).filter(x -> x > age).count();
      if (n == 0) {
        java.util.Arrays.fill(walk, 1.0 / months.size());
      }
      for (int x : days) {
        int i = Months.indexOf(months, o.created().plusDays(x));
        if (x > age && i >= 0) {
          walk[i] += 1.0 / n;
        }
      }
      assertArrayEquals(walk, timing.byAge(o, run, months), 0, "trial " + trial);
    }
  }
}
