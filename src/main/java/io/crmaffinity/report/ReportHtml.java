package io.crmaffinity.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Page models to one self-contained HTML page: Mustache templates (HTML-escaped by default), the styles, the
 * script and Apache ECharts' bundle (from its WebJar) inlined, and the charts' data as JSON in the page.
 */
public final class ReportHtml {
  private ReportHtml() {}

  static final String ECHARTS_VERSION = "5.3.1";
  static final String ECHARTS = "META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js";
  private static final String ROOT = "io/crmaffinity/report/";
  private static final MustacheFactory TEMPLATES = new DefaultMustacheFactory("io/crmaffinity/report");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> RESOURCES = new ConcurrentHashMap<>();

  /** What a template sees: the model, and the inlined assets. */
  record Page(Object report, String css, String script, String echarts, String echartsVersion, String data) {}

  public static String run(RunReport report) {
    return render("run.mustache", new Page(report, resource(ROOT + "report.css"), script(resource(ROOT + "report.js")),
        script(resource(ECHARTS)), ECHARTS_VERSION, json(Map.of("charts", report.charts()))));
  }

  public static String evaluate(EvaluateReport report) {
    return render("evaluate.mustache", new Page(report, resource(ROOT + "report.css"),
        script(resource(ROOT + "report.js")), "", ECHARTS_VERSION, json(Map.of("charts", Map.of()))));
  }

  private static String render(String template, Page page) {
    Mustache m = TEMPLATES.compile(template);
    StringWriter out = new StringWriter();
    m.execute(out, page);
    return out.toString();
  }

  /**
   * JSON that is safe inside a script element: no character of it can end the element or open a comment
   * ({@code <}, {@code >} and {@code &} only occur inside JSON strings, where their escapes mean the same).
   */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
          .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise the report's chart data: " + e.getMessage(), e);
    }
  }

  /** Script text that cannot end its script element early. */
  static String script(String js) {
    return js.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT");
  }

  static String resource(String path) {
    return RESOURCES.computeIfAbsent(path, p -> {
      try (InputStream in = ReportHtml.class.getClassLoader().getResourceAsStream(p)) {
        if (in == null) {
          throw new IllegalStateException("Resource " + p + " is missing from the classpath (the application jar "
              + "should hold it)");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
