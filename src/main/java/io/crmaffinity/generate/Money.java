package io.crmaffinity.generate;

/** Amounts in whole cents, written with a dot and two decimals ("-15.00", "1199.00"). */
final class Money {
  private Money() {}

  static long cents(String decimal) {
    boolean negative = decimal.startsWith("-");
    String s = negative ? decimal.substring(1) : decimal;
    int dot = s.indexOf('.');
    long whole = Long.parseLong(dot < 0 ? s : s.substring(0, dot));
    String fraction = dot < 0 ? "00" : (s.substring(dot + 1) + "00").substring(0, 2);
    long v = whole * 100 + Long.parseLong(fraction);
    return negative ? -v : v;
  }

  static String format(long cents) {
    long a = Math.abs(cents);
    long fraction = a % 100;
    return (cents < 0 ? "-" : "") + (a / 100) + (fraction < 10 ? ".0" : ".") + fraction;
  }

  /** {@code cents * factor}, rounded half up to whole cents. */
  static long scale(long cents, double factor) {
    return Math.round(cents * factor);
  }
}
