package io.crmaffinity.generate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One stream of random draws: a seeded {@link Random} and the shapes the generator draws from it. Each block
 * of customers has three streams of its own (customers and orders, the pipeline, churn and support cases), so
 * what one part of the model draws does not move the others. The order of the draws is part of the output:
 * the same seed gives the same files only if every draw happens in the same order.
 */
final class Draws {
  private final Random random;

  Draws(long seed) {
    this.random = new Random(seed);
  }

  /** Uniform in [0, 1). */
  double uniform() {
    return random.nextDouble();
  }

  /** Uniform in 0..bound-1. */
  int below(int bound) {
    return random.nextInt(bound);
  }

  double gaussian() {
    return random.nextGaussian();
  }

  <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  /** An index drawn with the given relative weights (the last one when rounding leaves nothing). */
  int index(double[] weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double t = random.nextDouble() * sum;
    for (int i = 0; i < weights.length; i++) {
      t -= weights[i];
      if (t < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  <T> T weighted(T[] values, double[] weights) {
    return values[index(weights)];
  }

  /** A day in [from, to]; {@code from} without a draw when the range is empty or one day. */
  LocalDate date(LocalDate from, LocalDate to) {
    long span = ChronoUnit.DAYS.between(from, to);
    if (span <= 0) {
      return from;
    }
    return from.plusDays(random.nextInt((int) span + 1));
  }

  /** A day in [from, to], or null when {@code to} is before {@code from}. */
  LocalDate dateOrNull(LocalDate from, LocalDate to) {
    long span = ChronoUnit.DAYS.between(from, to);
    if (span < 0) {
      return null;
    }
    return from.plusDays(random.nextInt((int) span + 1));
  }

  /** 1, 2, ... up to {@code max}: each further step taken with chance 1 - pStop. */
  int geometric(double pStop, int max) {
    int n = 1;
    while (n < max && random.nextDouble() > pStop) {
      n++;
    }
    return n;
  }

  int poisson(double mean) {
    double limit = Math.exp(-mean);
    double p = 1.0;
    int k = 0;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > limit);
    return k - 1;
  }

  /** An exponential number of days with this mean, at least 1. */
  long exponentialDays(double mean) {
    return Math.max(1, Math.round(-mean * Math.log(1.0 - random.nextDouble())));
  }

  void shuffle(List<?> values) {
    Collections.shuffle(values, random);
  }
}
