package io.crmaffinity.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.BadValue;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed, validated reads of configuration keys. Every failure is a {@link ConfigException} that names the
 * key, the value given and what was expected. Each stage's options class reads its own section with these.
 */
public final class ConfigValues {
  private ConfigValues() {}

  public static String nonEmpty(Config c, String key) {
    String v = string(c, key).trim();
    if (v.isEmpty()) {
      throw new ConfigException("Cannot set " + key + " to an empty value");
    }
    return v;
  }

  public static String string(Config c, String key) {
    try {
      return c.getString(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("Cannot read " + key + ": expected a text value (" + e.getMessage() + ")");
    }
  }

  public static String oneOf(Config c, String key, Set<String> allowed, boolean lowerCase) {
    String v = string(c, key).trim();
    String norm = lowerCase ? v.toLowerCase(Locale.ROOT) : v;
    if (!allowed.contains(norm)) {
      throw new ConfigException("Cannot set " + key + " to '" + v + "': must be one of " + sorted(allowed));
    }
    return norm;
  }

  public static double number(Config c, String key, double lo, boolean loInclusive, double hi,
      boolean hiInclusive) {
    double v;
    try {
      v = c.getDouble(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("Cannot set " + key + " to '" + rawText(c, key) + "': expected a number");
    }
    boolean ok = (loInclusive ? v >= lo : v > lo) && (hiInclusive ? v <= hi : v < hi) && !Double.isNaN(v);
    if (!ok) {
      String rule = Double.isInfinite(hi) ? (loInclusive ? ">= " : "> ") + fmt(lo)
          : "in " + (loInclusive ? "[" : "(") + fmt(lo) + ", " + fmt(hi) + (hiInclusive ? "]" : ")");
      throw new ConfigException("Cannot set " + key + " to " + rawText(c, key) + ": must be " + rule);
    }
    return v;
  }

  public static int integer(Config c, String key, int lo, int hi) {
    int v;
    try {
      v = c.getInt(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("Cannot set " + key + " to '" + rawText(c, key) + "': expected a whole number");
    }
    if (v < lo || v > hi) {
      throw new ConfigException("Cannot set " + key + " to " + v + ": must be a whole number from " + lo
          + " to " + hi);
    }
    return v;
  }

  public static boolean bool(Config c, String key) {
    try {
      return c.getBoolean(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("Cannot set " + key + " to '" + rawText(c, key) + "': expected true or false");
    }
  }

  /** A list given as a list, or as one comma-separated text (as {@code --set} gives it). */
  public static List<String> stringList(Config c, String key) {
    ConfigValue v = c.getValue(key);
    if (v.valueType() == ConfigValueType.LIST) {
      try {
        return c.getStringList(key);
      } catch (BadValue | com.typesafe.config.ConfigException.WrongType e) {
        throw new ConfigException("Cannot set " + key + ": expected a list of text values");
      }
    }
    String s = String.valueOf(v.unwrapped()).trim();
    if (s.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }

  public static String rawText(Config c, String key) {
    return String.valueOf(c.getValue(key).unwrapped());
  }

  public static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  public static String sorted(Set<String> s) {
    return String.join(", ", new java.util.TreeSet<>(s));
  }
}
