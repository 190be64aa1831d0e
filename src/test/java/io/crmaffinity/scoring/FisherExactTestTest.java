package io.crmaffinity.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FisherExactTestTest {

  @Test
  void aTailBeyondTheSmallestDoubleIsReportedAsItNotAsZero() {
    // 100,000 baskets, A and B each in 5,000 and always together: P = 1 / C(100000, 5000), far below 1e-308.
    assertEquals(Double.MIN_VALUE, FisherExactTest.upperTail(100_000, 5_000, 5_000, 5_000), 0.0);
    // An ordinary tail is untouched: n = 10, a = 2, b = 6, ab = 2 gives C(6,2) / C(10,2) = 1/3.
    assertEquals(1.0 / 3, FisherExactTest.upperTail(10, 2, 6, 2), 1e-15);
    assertTrue(FisherExactTest.upperTail(10, 2, 6, 0) == 1.0);
  }
}
