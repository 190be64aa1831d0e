package io.crmaffinity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crmaffinity.report.RunReport.AtRisk;
import io.crmaffinity.report.RunReport.Customers;
import io.crmaffinity.report.RunReport.Forecast;
import io.crmaffinity.report.RunReport.Item;
import io.crmaffinity.report.RunReport.Quality;
import io.crmaffinity.report.RunReport.Recommendations;
import io.crmaffinity.report.RunReport.RuleRow;
import io.crmaffinity.report.RunReport.Rules;
import io.crmaffinity.report.RunReport.Run;
import io.crmaffinity.report.RunReport.Segment;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page itself: escaping, self-containment and the sentences of empty sections (no Spark needed). */
class ReportHtmlTest {
  static final String EVIL = "<script>alert('x')</script> & \"Dock\"";

  static Run run() {
    return new Run("run-1", "2025-12-31", "SUCCEEDED", "2026-01-01 02:00:00 UTC", "2026-01-01 02:01:05 UTC",
        "1 min 05 s", List.of(new Item("mining.min-support", "0.01")), List.of(new Item("input.path", EVIL)),
        List.of(), List.of(), null);
  }

  /** A report whose every section is empty: what a run on an empty CRM writes. */
  static RunReport emptyReport() {
    return new RunReport(run(), new Quality(List.of(), List.of(), "The input tables held no row.", null),
        new Rules("information_gain", "p-value", null, List.of(), "No rule was kept in this run: no pair."),
        new Recommendations(null, List.of(), List.of(), null, null, "No customer got a recommendation in this run."),
        new Forecast(null, List.of(), null, null, List.of(), "No forecast backtest.", "The forecast is zero."),
        new Customers(null, List.of(), List.of(), null, null, null, null, "No customer was scored in this run."));
  }

  static RunReport oneRuleReport() {
    RuleRow row = new RuleRow(1, EVIL, "Mouse", 0.1, 0.5, 2.0, 0.05, 1e-9, "0.1000", "0.500", "2.00", "0.0500",
        "1.0e-09");
    Segment all = new Segment("seg-0", "ALL", "10", 1, "1", List.of(row), "seg-0-scatter", true,
        Charts.Scatter.of(List.of(new Charts.Point(0.1, 0.5, 0.05, 2.0, EVIL + " => Mouse", 1)), 0.05, 0.05), null);
    RunReport e = emptyReport();
    return new RunReport(e.run(), e.quality(), new Rules("lift", "p-value", "1 rule.", List.of(all), null),
        e.recommendations(), e.forecast(), new Customers("1 customer scored.", List.of(new AtRisk("C1", "0.90", "HIGH",
            List.of(EVIL), "Call", "-", "-")), List.of(), null, null, null, "No value.", null));
  }

  @Test
  void everyTextIsEscapedInTheHtmlAndInTheChartData() {
    String html = ReportHtml.run(oneRuleReport());
    assertFalse(html.contains("<script>alert"), "raw markup from the data reached the page");
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Dock&quot;"));
    String data = between(html, "<script type=\"application/json\" id=\"report-data\">", "</script>");
    assertTrue(data.contains("\\u003cscript\\u003ealert('x')\\u003c/script\\u003e \\u0026 \\\"Dock\\\" =\\u003e Mouse"), data);
    // The page's own script elements: the data, ECharts, the report's script; no other markup starts one.
    assertEquals(3, count(html, "<script"));
  }

  @Test
  void thePageIsSelfContained() {
    String html = ReportHtml.run(oneRuleReport());
    Matcher external = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?(https?:|//)|<link\\b|@import|url\\(\\s*['\"]?"
        + "(https?:|//)").matcher(html);
    assertFalse(external.find(), () -> "the page loads something: " + html.substring(Math.max(0, external.start() - 80),
        Math.min(html.length(), external.end() + 80)));
    assertTrue(html.contains("Apache ECharts " + ReportHtml.ECHARTS_VERSION));
    assertTrue(html.length() > 900_000, "ECharts is inlined: " + html.length() + " characters");
    assertTrue(html.contains("data-chart=\"seg-0-scatter\""));
  }

  @Test
  void emptySectionsSaySoInOneSentenceAndDrawNoChart() {
    String html = ReportHtml.run(emptyReport());
    for (String sentence : List.of("No rule was kept in this run: no pair.", "No customer got a recommendation in this"
        + " run.", "The forecast is zero.", "No forecast backtest.", "No customer was scored in this run.",
        "The run recorded no stage times.", "The run noted nothing it skipped.")) {
      assertTrue(html.contains("<p class=\"empty\">" + sentence + "</p>"), sentence);
    }
    assertEquals(0, count(html, "class=\"chart"));
    assertTrue(html.contains("{\"charts\":{}}"));
  }

  private static String between(String s, String from, String to) {
    int a = s.indexOf(from) + from.length();
    return s.substring(a, s.indexOf(to, a));
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
