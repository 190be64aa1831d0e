package io.crmaffinity.recommend;

import java.util.List;

/**
 * Spark SQL's sort order for the values the recommender compares in plain Java, so that a top-n kept per
 * partition picks exactly what an {@code ORDER BY} or a {@code max(struct(...))} would pick.
 */
final class SqlOrder {
  private SqlOrder() {}

  /** Doubles as Spark orders them: NaN above every number, and 0.0 equal to -0.0. */
  static int doubles(double x, double y) {
    return x == y ? 0 : Double.compare(x, y);
  }

  /**
   * Strings as Spark orders them: by their UTF-8 bytes, which is code point order. {@link String#compareTo}
   * compares UTF-16 units instead, which differs for characters above U+FFFF.
   */
  static int strings(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /** Arrays of strings as Spark orders them: element by element (null first), then the shorter first. */
  static int arrays(List<String> a, List<String> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      String x = a.get(i);
      String y = b.get(i);
      if (x == null || y == null) {
        if (x != y) {
          return x == null ? -1 : 1;
        }
        continue;
      }
      int c = strings(x, y);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
