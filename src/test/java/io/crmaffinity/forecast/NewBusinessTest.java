package io.crmaffinity.forecast;

import static io.crmaffinity.forecast.Fixtures.d;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewBusinessTest {
  static final LocalDate RUN = d("2025-03-01");
  static final List<LocalDate> MONTHS = Months.horizon(RUN, 3); // April, May, June

  @Test
  void eachTemplateWinLandsItsAmountByItsOwnDuration() {
    // 2 creations a day from 2025-03-02, won 1 in 2, copying a win of 100 after 30 days or of 1000 after 60
    NewBusiness nb = NewBusiness.of(2, 0.5, new int[] {30, 60}, new double[] {100, 1000}, RUN, MONTHS);
    // 30 days: April gets the creations of 03-02..03-31 (30 days), May 04-01..05-01 (31), June 05-02..05-31 (30)
    // 60 days: April none (03-01 is the run date), May 03-02..04-01 (31), June 04-02..05-01 (30)
    assertArrayEquals(new double[] {30, 0}, nb.weights()[0], 1e-12);
    assertArrayEquals(new double[] {31, 31}, nb.weights()[1], 1e-12);
    assertArrayEquals(new double[] {30, 30}, nb.weights()[2], 1e-12);
    // 2 x 0.5 / 2 templates = 0.5 per creation day
    assertArrayEquals(new double[] {15, 31, 30}, nb.count(), 1e-12);
    assertArrayEquals(new double[] {1500, 0.5 * (31 * 100 + 31 * 1000), 0.5 * (30 * 100 + 30 * 1000)},
        nb.revenue(), 1e-9);
  }

  @Test
  void noTemplatesNoNewBusiness() {
    NewBusiness nb = NewBusiness.of(2, 0.5, new int[0], new double[0], RUN, MONTHS);
    assertArrayEquals(new double[] {0, 0, 0}, nb.revenue(), 1e-12);
  }
}
