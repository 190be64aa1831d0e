package io.crmaffinity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation's links: every relative link (and image) in README.md and docs/*.md points at a file that
 * exists, and its #anchor at a heading of that file, by GitHub's anchor rules; the README stays short. Plain
 * Java, no Spark.
 */
class DocsLinksTest {
  static final Path ROOT = Path.of(System.getProperty("crm.project.dir", ".")).toAbsolutePath().normalize();

  static final int README_MAX_LINES = 300;

  @Test
  void readmeIsAtMost300Lines() throws IOException {
    long lines = Files.readAllLines(ROOT.resolve("README.md")).size();
    assertTrue(lines <= README_MAX_LINES, "README.md has " + lines + " lines; keep it to " + README_MAX_LINES
        + " and move depth into docs/");
  }

  @Test
  void everyRelativeLinkResolvesToAFileAndAHeading() throws IOException {
    List<Path> pages = pages();
    assertTrue(pages.size() > 1, "no docs/*.md found under " + ROOT);
    List<String> broken = new ArrayList<>();
    Map<Path, Set<String>> anchorCache = new HashMap<>();
    for (Path page : pages) {
      for (String target : links(Files.readString(page))) {
        String problem = check(page, target, anchorCache);
        if (problem != null) {
          broken.add(ROOT.relativize(page) + ": (" + target + ") " + problem);
        }
      }
    }
    assertEquals(List.of(), broken, "broken links");
  }

  /** README.md and every docs/*.md. */
  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** Why a link target does not resolve, or null when it does. External links (with a scheme) are not checked. */
  static String check(Path page, String target, Map<Path, Set<String>> anchorCache) {
    if (target.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      return null;
    }
    int hash = target.indexOf('#');
    String file = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
    if (!Files.exists(resolved)) {
      String rel = ROOT.relativize(resolved).toString().replace('\\', '/');
      return "no such file: " + rel;
    }
    if (anchor == null) {
      return null;
    }
    if (!resolved.getFileName().toString().endsWith(".md")) {
      return "an anchor into a file that is not markdown";
    }
    Set<String> anchors = anchorCache.computeIfAbsent(resolved, DocsLinksTest::anchors);
    return anchors.contains(anchor) ? null : "no heading with anchor #" + anchor + " in "
        + ROOT.relativize(resolved) + " (its anchors: " + anchors + ")";
  }

  private static final Pattern INLINE_LINK = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\[\\]]*\\])*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?.*$");

  /** Targets of inline links, images and reference definitions, outside code blocks and code spans. */
  static List<String> links(String markdown) {
    List<String> targets = new ArrayList<>();
    for (String line : prose(markdown)) {
      Matcher ref = REFERENCE_DEFINITION.matcher(line);
      if (ref.matches()) {
        targets.add(ref.group(1));
        continue;
      }
      Matcher m = INLINE_LINK.matcher(withoutCodeSpans(line));
      while (m.find()) {
        targets.add(m.group(1));
      }
    }
    return targets;
  }

  /**
   * The lines outside fenced code blocks (``` or ~~~) and indented code blocks (4 spaces or a tab after a blank
   * line or another code line).
   */
  static List<String> prose(String markdown) {
    List<String> out = new ArrayList<>();
    String fence = null;
    boolean previousBlank = true;
    boolean inIndented = false;
    for (String line : markdown.split("\r?\n", -1)) {
      String trimmed = line.stripLeading();
      if (fence != null) {
        if (trimmed.startsWith(fence)) {
          fence = null;
        }
        previousBlank = false;
        continue;
      }
      if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
        fence = trimmed.substring(0, 3);
        previousBlank = false;
        continue;
      }
      boolean blank = line.isBlank();
      boolean indented = !blank && (line.startsWith("    ") || line.startsWith("\t"));
      inIndented = indented && (previousBlank || inIndented) || blank && inIndented;
      if (!inIndented && !blank) {
        out.add(line);
      }
      previousBlank = blank;
    }
    return out;
  }

  /** The line with every code span (`x`, ``x``) removed. */
  static String withoutCodeSpans(String line) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < line.length()) {
      if (line.charAt(i) != '`') {
        out.append(line.charAt(i++));
        continue;
      }
      int run = 0;
      while (i + run < line.length() && line.charAt(i + run) == '`') {
        run++;
      }
      String ticks = "`".repeat(run);
      int close = line.indexOf(ticks, i + run);
      while (close >= 0 && close + run < line.length() && line.charAt(close + run) == '`') {
        close = line.indexOf(ticks, close + run + 1);
      }
      if (close < 0) {
        out.append(ticks);
        i += run;
      } else {
        i = close + run;
      }
    }
    return out.toString();
  }

  private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");

  /** The anchors GitHub gives the headings of a markdown file, duplicates numbered -1, -2, ... */
  static Set<String> anchors(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose(text)) {
      Matcher m = ATX_HEADING.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String slug = slug(m.group(2));
      int n = seen.merge(slug, 1, Integer::sum) - 1;
      anchors.add(n == 0 ? slug : slug + "-" + n);
    }
    return anchors;
  }

  /**
   * GitHub's anchor of a heading: its text as rendered (link targets, backticks and emphasis marks dropped),
   * lower-cased, every character other than a letter, mark, digit, underscore, space or hyphen dropped, and each
   * space turned into a hyphen.
   */
  static String slug(String heading) {
    String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
    text = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "");
    return text.replace(' ', '-');
  }

  @Test
  void anchorsFollowGitHubsRules() {
    assertEquals("rule-measures", slug("Rule measures"));
    assertEquals("backtests-evaluate", slug("Backtests (`evaluate`)"));
    assertEquals("customer_value", slug("`customer_value`"));
    assertEquals("support-cases-in-the-rules-the-service-segment", slug("Support cases in the rules: the SERVICE segment"));
    assertEquals("java-17-flags", slug("Java 17 flags"));
    assertEquals("next-best-offer-recommendations", slug("Next-best-offer recommendations"));
    assertEquals("a--b", slug("A & B"));
    assertEquals(List.of("docs/a.md#x", "b.png"), links("See [a `b`](docs/a.md#x) and ![pic](b.png \"t\"), not `[c](d.md)`.\n"
        + "\n    [e](f.md) in a code block\n```\n[g](h.md)\n```\n"));
  }
}
