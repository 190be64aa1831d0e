package io.crmaffinity.ingest;

import java.util.List;

/**
 * One column of the input contract.
 *
 * @param allowed the permitted values (compared case-insensitively, stored upper-case), empty for free text
 * @param min lower bound or null; {@code minExclusive} makes it strict
 * @param max upper bound (inclusive) or null
 */
public record ColumnSpec(String name, ColumnType type, boolean required, List<String> allowed, Double min,
    boolean minExclusive, Double max) {

  public static ColumnSpec required(String name, ColumnType type) {
    return new ColumnSpec(name, type, true, List.of(), null, false, null);
  }

  public static ColumnSpec optional(String name, ColumnType type) {
    return new ColumnSpec(name, type, false, List.of(), null, false, null);
  }

  public static ColumnSpec oneOf(String name, String... values) {
    return new ColumnSpec(name, ColumnType.STRING, true, List.of(values), null, false, null);
  }

  public ColumnSpec atLeast(double bound) {
    return new ColumnSpec(name, type, required, allowed, bound, false, max);
  }

  public ColumnSpec greaterThan(double bound) {
    return new ColumnSpec(name, type, required, allowed, bound, true, max);
  }

  public ColumnSpec atMost(double bound) {
    return new ColumnSpec(name, type, required, allowed, min, minExclusive, bound);
  }
}
