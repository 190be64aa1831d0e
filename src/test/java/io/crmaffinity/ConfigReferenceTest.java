package io.crmaffinity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md mirrors src/main/resources/crm-affinity-defaults.conf: one table row per key, with the
 * same default. A row is a line of a table headed {@code | key | default | meaning |} whose first two cells are
 * code spans: the key, and the default as HOCON ({@code ""} for an empty string, {@code {}} for an empty
 * section, documented as {@code section.*}). Plain Java, no Spark.
 */
class ConfigReferenceTest {
  static final Path DEFAULTS = DocsLinksTest.ROOT.resolve("src/main/resources/crm-affinity-defaults.conf");
  static final Path REFERENCE = DocsLinksTest.ROOT.resolve("docs/configuration.md");

  @Test
  void theReferenceListsEveryKeyOfTheDefaultsWithItsDefault() throws IOException {
    Map<String, Object> defaults = defaults(ConfigFactory.parseFile(DEFAULTS.toFile()));
    Map<String, String> documented = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String[] row : rows(Files.readString(REFERENCE))) {
      if (documented.put(row[0], row[1]) != null) {
        problems.add(row[0] + ": documented twice");
      }
    }
    assertTrue(documented.size() > 10, "no `| key | default | meaning |` table rows found in " + REFERENCE);
    for (Map.Entry<String, Object> e : defaults.entrySet()) {
      String text = documented.get(e.getKey());
      if (text == null) {
        problems.add(e.getKey() + ": in the defaults (= " + e.getValue() + ") but not in docs/configuration.md");
      } else if (!same(parse(text), e.getValue())) {
        problems.add(e.getKey() + ": docs/configuration.md says `" + text + "`, the defaults say " + e.getValue());
      }
    }
    for (String key : documented.keySet()) {
      if (!defaults.containsKey(key)) {
        problems.add(key + ": in docs/configuration.md but not a key of the defaults");
      }
    }
    assertEquals(List.of(), problems, "docs/configuration.md and crm-affinity-defaults.conf disagree");
  }

  /** Every leaf key with its value; an empty section as {@code section.*} with an empty map. */
  static Map<String, Object> defaults(Config config) {
    Map<String, Object> out = new LinkedHashMap<>();
    walk("", config.root(), out);
    return out;
  }

  private static void walk(String prefix, ConfigObject object, Map<String, Object> out) {
    if (object.isEmpty() && !prefix.isEmpty()) {
      out.put(prefix + "*", Map.of());
      return;
    }
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      String key = prefix + e.getKey();
      if (e.getValue() instanceof ConfigObject child) {
        walk(key + ".", child, out);
      } else {
        out.put(key, e.getValue().unwrapped());
      }
    }
  }

  /** (key, default text) of every row of the `| key | default | meaning |` tables. */
  static List<String[]> rows(String markdown) {
    List<String[]> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : markdown.split("\r?\n")) {
      String t = line.trim();
      if (t.replace(" ", "").equals("|key|default|meaning|")) {
        inTable = true;
        continue;
      }
      if (!t.startsWith("|")) {
        inTable = false;
        continue;
      }
      if (!inTable || t.matches("\\|[-:| ]+\\|")) {
        continue;
      }
      String[] cells = t.split("\\|", -1);
      String key = code(cells[1]);
      String value = code(cells[2]);
      if (key == null || value == null) {
        throw new AssertionError("docs/configuration.md: a row whose key and default are not both `code`: " + line);
      }
      rows.add(new String[] {key, value});
    }
    return rows;
  }

  /** The text of a cell that is one code span, else null. */
  private static String code(String cell) {
    String c = cell.trim();
    return c.length() >= 2 && c.startsWith("`") && c.endsWith("`") && c.indexOf('`', 1) == c.length() - 1
        ? c.substring(1, c.length() - 1) : null;
  }

  /** A documented default read as a HOCON value. */
  static Object parse(String text) {
    try {
      return ConfigFactory.parseString("v = " + text).getValue("v").unwrapped();
    } catch (ConfigException e) {
      return "(not a HOCON value: " + text + ")";
    }
  }

  /** Equal values, numbers compared by value (0.10 = 0.1, 1 = 1.0), lists element by element. */
  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  @Test
  void defaultsAreComparedAsValues() {
    assertTrue(same(parse("0.10"), 0.1));
    assertTrue(same(parse("1.0"), 1));
    assertTrue(same(parse("[COMPLETED]"), List.of("COMPLETED")));
    assertTrue(same(parse("\"\""), ""));
    assertTrue(same(parse("{}"), Map.of()));
    assertTrue(!same(parse("0.3"), 0.03));
    assertTrue(!same(parse("[a, b]"), List.of("a")));
    assertEquals(Map.of("a.b", 1, "s.*", Map.of()),
        defaults(ConfigFactory.parseString("a { b = 1 }\ns {}\n")));
  }
}
