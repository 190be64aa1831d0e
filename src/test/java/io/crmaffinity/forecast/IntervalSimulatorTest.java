package io.crmaffinity.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.forecast.IntervalSimulator.Bernoulli;
import io.crmaffinity.forecast.IntervalSimulator.Interval;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalSimulatorTest {

  @Test
  void twoOpportunitiesGiveTheExactPercentilesOfTheirFourOutcomes() {
    // 100 won with 0.5, 300 won with 0.3: P(0) = 0.35, P(100) = 0.35, P(300) = 0.15, P(400) = 0.15.
    // Cumulative 0.35, 0.70, 0.85, 1.00: the 10th percentile is 0 and the 90th is 400.
    List<Bernoulli> two = List.of(new Bernoulli(100, 0.5), new Bernoulli(300, 0.3));
    assertEquals(new Interval(0, 400), IntervalSimulator.simulate(two, 0, new double[0], 10_000, 1));
    // 100 with 0.95, 300 with 0.05: P(0) = 0.0475, P(100) = 0.9025, P(300) = 0.0025, P(400) = 0.0475.
    // Cumulative 0.0475, 0.95, 0.9525, 1: both percentiles are 100 (not a fixed +- percentage of the mean 110).
    List<Bernoulli> sure = List.of(new Bernoulli(100, 0.95), new Bernoulli(300, 0.05));
    assertEquals(new Interval(100, 100), IntervalSimulator.simulate(sure, 0, new double[0], 10_000, 1));
  }

  @Test
  void newBusinessIsCompoundPoisson() {
    // Poisson mean 2, every deal 50: P(N = 0) = 0.135 > 0.1; P(N <= 3) = 0.857, P(N <= 4) = 0.947
    assertEquals(new Interval(0, 200), IntervalSimulator.simulate(List.of(), 2, new double[] {50}, 10_000, 7));
  }

  @Test
  void dealSizesAreDrawnByTheirWeights() {
    assertEquals(0, IntervalSimulator.pick(new double[] {1, 1, 3}, 0.5));
    assertEquals(2, IntervalSimulator.pick(new double[] {1, 1, 3}, 1.0));
    // a size of weight 0 is never drawn: the same interval as with 50 alone
    assertEquals(new Interval(0, 200),
        IntervalSimulator.simulate(List.of(), 2, new double[] {5000, 50}, new double[] {0, 1}, 10_000, 7));
  }
}
