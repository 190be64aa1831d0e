package io.crmaffinity.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RfmSegmentsTest {
  @Test
  void scoresAgainstQuintileCuts() {
    double[] cuts = {10, 20, 30, 40};
    assertEquals(1, RfmSegments.score(5, cuts, false));
    assertEquals(1, RfmSegments.score(10, cuts, false));
    assertEquals(2, RfmSegments.score(11, cuts, false));
    assertEquals(5, RfmSegments.score(41, cuts, false));
    // recency: fewer days is better
    assertEquals(5, RfmSegments.score(10, cuts, true));
    assertEquals(1, RfmSegments.score(41, cuts, true));
    // tied cut points (many customers with one order): every one-order customer scores 1
    double[] tied = {1, 1, 1, 3};
    assertEquals(1, RfmSegments.score(1, tied, false));
    assertEquals(4, RfmSegments.score(2, tied, false));
    assertEquals(5, RfmSegments.score(7, tied, false));
  }

  @Test
  void labels() {
    assertEquals("New", RfmSegments.label(5, 1, 1, true));
    assertEquals("Champions", RfmSegments.label(4, 4, 1, false));
    assertEquals("Loyal", RfmSegments.label(3, 5, 5, false));
    assertEquals("Promising", RfmSegments.label(5, 2, 5, false));
    assertEquals("Needs attention", RfmSegments.label(3, 1, 1, false));
    assertEquals("Can't lose them", RfmSegments.label(2, 4, 4, false));
    assertEquals("At risk", RfmSegments.label(1, 4, 3, false));
    assertEquals("At risk", RfmSegments.label(2, 3, 5, false));
    assertEquals("Hibernating", RfmSegments.label(2, 2, 5, false));
    assertEquals("Lost", RfmSegments.label(1, 1, 1, false));
  }
}
