package io.crmaffinity.report;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers and times as the report shows them (one locale, whatever the machine's). */
final class Fmt {
  private Fmt() {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  /** A count with thousands separators: 3,649. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** An amount of money, rounded to whole units: 1,234,567. */
  static String money(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  /** A share as a percentage with one decimal: 19.5 %. */
  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }

  static String fixed(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** A p-value: four decimals, or scientific notation below 0.0001 (3.2e-45). */
  static String pValue(double p) {
    return p != 0 && p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
  }

  static String time(java.sql.Timestamp t) {
    return t == null ? "-" : TIME.format(t.toInstant());
  }

  /** 1 min 05 s, or 12.3 s under a minute. */
  static String duration(java.sql.Timestamp from, java.sql.Timestamp to) {
    if (from == null || to == null) {
      return "-";
    }
    Duration d = Duration.between(from.toInstant(), to.toInstant());
    double s = d.toMillis() / 1000.0;
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    long whole = Math.round(s);
    return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
  }
}
