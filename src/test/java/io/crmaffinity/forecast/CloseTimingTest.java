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
}
