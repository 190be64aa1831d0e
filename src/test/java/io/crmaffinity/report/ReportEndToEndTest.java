package io.crmaffinity.report;


import com.fasterxml.jackson.databind.JsonNode;
import io.crmaffinity.SparkTestBase;
import io.crmaffinity.cli.Main;
import io.crmaffinity.output.DeltaOutputs;
import io.crmaffinity.output.OutputSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real CLI run on data-samples (the one sample run of these tests): a report that cannot be
 * written leaves the run SUCCEEDED; {@code report} rebuilds it from the Delta tables alone; and Chromium opens it
 * with no console error, every chart drawn and the rules table sorting. The screenshot goes to
 * target/report-sample.png (and to -Dcrm.report.screenshot=PATH, e.g. docs/report-sample.png, when given).
 */
class ReportEndToEndTest extends SparkTestBase {
  static final Path PROJECT = Path.of(System.getProperty("crm.project.dir", ".")).toAbsolutePath();
  static final Path SAMPLES = PROJECT.resolve("data-samples");

  @TempDir
  static Path tmp;

  record Result(int code, String out) {
    String lastLine() {
      String[] lines = out.strip().split("\\R");
      return lines[lines.length - 1];
    }
  }

  /** The sample run and its report, made once for the class. */
  record Sample(Path output, Result run, Result report, Path file) {}

  private static Sample sample;

  Result cli(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      int code = Main.execute(args, conf -> session());
      return new Result(code, out.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }

  synchronized Sample sample() throws IOException {
    if (sample == null) {
      Path output = tmp.resolve("out");
      Files.createDirectories(output);
      // A file where the reports folder goes: the run's report cannot be written.
      Files.writeString(output.resolve(ReportFiles.FOLDER), "not a folder");
      // As jobs/run-local.sh runs it (conf/local.conf): rules per customer type beside those over all baskets.
      Result run = cli("run", "--input", SAMPLES.toString(), "--output", output.toString(), "--run-date", "2025-12-31",
          "--set", "mining.segment-by=customer_type");
      Files.delete(output.resolve(ReportFiles.FOLDER));
      Result report = cli("report", "--output", output.toString());
      sample = new Sample(output, run, report, output.resolve("reports").resolve("2025-12-31.html"));
    }
    return sample;
  }

  @Test
  void aReportThatCannotBeWrittenIsAWarningAfterTheCommitAndTheRunSucceeds() throws IOException {
    Sample s = sample();
    Assertions.assertEquals(0, s.run().code(), s.run().out());
    Assertions.assertTrue(s.run().lastLine().startsWith("Report not written: Cannot write the report 2025-12-31.html under "),
        s.run().lastLine());
    Assertions.assertTrue(s.run().lastLine().endsWith("exists and is not a folder (the run SUCCEEDED; report --run-id "
        + runId(s) + " writes it again)"), s.run().lastLine());
    Row run = session().read().format("delta").load(s.output().resolve("job_runs").toString()).first();
    Assertions.assertEquals("SUCCEEDED", run.getAs("status"));
  }

  private String runId(Sample s) {
    return session().read().format("delta").load(s.output().resolve("job_runs").toString()).first().getAs("run_id");
  }

  @Test
  void reportRebuildsTheSampleRunsPageFromTheDeltaTablesAloneWithNamesAndNoCustomerName() throws IOException {
    Sample s = sample();
    Assertions.assertEquals(0, s.report().code(), s.report().out());
    Assertions.assertEquals("Report: " + s.file(), s.report().lastLine());
    String html = Files.readString(s.file());
    for (String expected : List.of("SUCCEEDED", "34 of 22,710 input rows (0.1 %) were rejected",
        "233 rules kept in 3 segments, ranked by information_gain", "role=\"tab\" id=\"seg-2-tab\"",
        "<td>CRM Professional Licence</td><td>CRM Onboarding Service</td>",
        "3,649 recommendations for 366 customers", "Forecast for the next 6 months",
        "399 customers scored: 30 at HIGH risk, 44 MEDIUM, 325 LOW", "No forecast backtest with a cutoff")) {
      Assertions.assertTrue(html.contains(expected), expected);
    }
    // Customers by id only: not one of the sample's customer names reaches the page.
    List<String> names = customerNames();
    Assertions.assertTrue(names.size() > 300, names.toString());
    for (String name : names) {
      Assertions.assertFalse(html.contains(name), name);
    }

    // The same page again, by date and by run id: byte for byte (it depends on the tables alone).
    Assertions.assertEquals(0, cli("report", "--output", s.output().toString(), "--run-date", "2025-12-31").code());
    Assertions.assertEquals(html, Files.readString(s.file()));
    Assertions.assertEquals(0, cli("report", "--output", s.output().toString(), "--run-id", runId(s)).code());
    Assertions.assertEquals(html, Files.readString(s.file()));
    Result unknown = cli("report", "--output", s.output().toString(), "--run-id", "no-such-run");
    Assertions.assertEquals(Main.UNUSABLE_INPUT, unknown.code());

    // A backtest of the forecast shows in the run's page; evaluate's own page comes from the evaluations rows.
    DeltaOutputs out = new DeltaOutputs(session(), s.output().toString());
    out.createTables(List.of(OutputSchemas.EVALUATIONS));
    List<Row> rows = new ArrayList<>();
    for (String[] m : new String[][] {{"crm-affinity", "mape", "0.2475"}, {"trailing-3m", "mape", "0.2043"},
        {"crm-affinity", "interval_coverage", "0.5"}}) {
      rows.add(RowFactory.create("ev-1", Date.valueOf("2025-06-30"), Date.valueOf("2025-07-01"), "forecast", m[0], m[1],
          Double.valueOf(m[2])));
    }
    out.append(OutputSchemas.EVALUATIONS, OutputSchemas.EVALUATIONS_SCHEMA,
        session().createDataFrame(rows, OutputSchemas.EVALUATIONS_SCHEMA));
    Assertions.assertEquals(0, cli("report", "--output", s.output().toString()).code());
    String withBacktest = Files.readString(s.file());
    Assertions.assertTrue(withBacktest.contains("Last backtest (cutoff 2025-07-01)"));
    Assertions.assertTrue(withBacktest.contains("<td>trailing-3m</td><td class=\"num\">-</td><td class=\"num\">20.4 %</td>"));
    Result evaluate = cli("report", "--output", s.output().toString(), "--cutoff", "2025-07-01");
    Assertions.assertEquals(0, evaluate.code(), evaluate.out());
    Path page = s.output().resolve("reports").resolve("evaluate-2025-07-01.html");
    Assertions.assertEquals("Report: " + page, evaluate.lastLine());
    Assertions.assertTrue(Files.readString(page).contains("<td class=\"num strong\">0.2043</td>"));
  }

  private static List<String> customerNames() throws IOException {
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(SAMPLES.resolve("customers.csv")).subList(1, 401)) {
      String[] f = line.split(",");
      if (f.length > 1 && f[1].length() > 3) {
        names.add(f[1]);
      }
    }
    return names;
  }

  /**
   * Per chart: whether it was drawn, the width it was drawn at, the values its data holds (points, or bars above zero) and the
   * filled marks in its SVG (bars, points, areas, legend keys; not lines, gradients or invisible hit areas).
   */
  static final String CHARTS_DRAWN = """
      (() => {
        const specs = JSON.parse(document.getElementById('report-data').textContent).charts;
        return Array.from(document.querySelectorAll('.chart')).map(e => {
          const spec = specs[e.dataset.chart] || {};
          let values = 0;
          if (spec.kind === 'scatter') {
            values = spec.points.length;
          } else {
            (spec.kind === 'forecast' ? spec.components : spec.series || [])
                .forEach(s => s.data.forEach(v => { if (v > 0) values++; }));
          }
          const marks = Array.from(e.querySelectorAll('svg path')).filter(p => {
            const f = p.getAttribute('fill');
            return f && f !== 'none' && f !== 'transparent' && !f.startsWith('url(')
                && p.getAttribute('fill-opacity') !== '0' && p.getAttribute('opacity') !== '0';
          }).length;
          const svg = e.querySelector('svg');
          return {key: e.dataset.chart, drawn: e.dataset.drawn === 'true', width: svg ? +svg.getAttribute('width') : 0,
              values: values, marks: marks, labels: e.querySelectorAll('svg text').length};
        });
      })()""";

  @Test
  void theSampleReportWorksInABrowser() throws Exception {
    Path file = sample().file();
    try (HeadlessChromium chromium = HeadlessChromium.start(tmp.resolve("chromium-sample"))) {
      chromium.open(file.toUri().toString());
      Assertions.assertEquals(List.of(), chromium.problems(), "the page logged problems");
      // Every segment's tab: its charts are drawn when it is shown.
      int tabs = chromium.eval("document.querySelectorAll('[role=tab]').length").asInt();
      Assertions.assertEquals(3, tabs);
      for (int i = tabs - 1; i >= 0; i--) {
        chromium.click("#seg-" + i + "-tab");
        Assertions.assertEquals(false, chromium.eval("document.getElementById('seg-" + i + "').hidden").asBoolean());
      }
      JsonNode charts = chromium.eval(CHARTS_DRAWN);
      // stages, three segments' scatter plots, sources, offers, forecast, risk, rfm
      Assertions.assertEquals(9, charts.size(), charts.toString());
      for (JsonNode c : charts) {
        String key = c.get("key").asText();
        Assertions.assertTrue(c.get("drawn").asBoolean(), key + " was not drawn");
        Assertions.assertTrue(c.get("width").asDouble() > 200, key + " has no room: " + c);
        Assertions.assertTrue(c.get("values").asInt() > 0, key + " has no data: " + c);
        Assertions.assertTrue(c.get("marks").asInt() >= c.get("values").asInt(), key + " drew fewer marks than it has"
            + " values: " + c);
        Assertions.assertTrue(c.get("labels").asInt() >= 4, key + " has no axis labels: " + c);
      }

      // The rules table sorts by a click on its header, both ways, and filters as one types.
      String lifts = "Array.from(document.querySelectorAll('#seg-0-rules tbody tr')).map(r => +r.cells[5].dataset.v)";
      List<Double> before = doubles(chromium.eval(lifts));
      chromium.click("#seg-0-rules thead th:nth-child(6)");
      List<Double> ascending = doubles(chromium.eval(lifts));
      Assertions.assertFalse(before.equals(ascending), "clicking the lift header changed nothing");
      List<Double> sorted = new ArrayList<>(before);
      sorted.sort(null);
      Assertions.assertEquals(sorted, ascending);
      chromium.click("#seg-0-rules thead th:nth-child(6)");
      List<Double> descending = doubles(chromium.eval(lifts));
      java.util.Collections.reverse(sorted);
      Assertions.assertEquals(sorted, descending);
      Assertions.assertEquals("descending", chromium.eval("document.querySelector('#seg-0-rules thead th:nth-child(6)')"
          + ".getAttribute('aria-sort')").asText());
      chromium.click("input[data-filter='seg-0-rules']");
      chromium.type("Onboarding");
      JsonNode visible = chromium.eval("Array.from(document.querySelectorAll('#seg-0-rules tbody tr'))"
          + ".filter(r => !r.hidden).map(r => r.textContent)");
      Assertions.assertTrue(visible.size() > 0 && visible.size() < before.size(), visible.toString());
      visible.forEach(r -> Assertions.assertTrue(r.asText().contains("Onboarding"), r.asText()));
      chromium.eval("(() => { const i = document.querySelector(\"input[data-filter='seg-0-rules']\"); i.value = '';"
          + " i.dispatchEvent(new Event('input')); })()");
      chromium.eval("document.querySelector('#seg-0-rules thead th:nth-child(1)').click()");
      Assertions.assertEquals(List.of(), chromium.problems(), "the page logged problems");

      Path png = PROJECT.resolve("target").resolve("report-sample.png");
      chromium.screenshot(png);
      Assertions.assertTrue(Files.size(png) > 100_000, "screenshot " + png + ": " + Files.size(png) + " bytes");
      String copy = System.getProperty("crm.report.screenshot");
      if (copy != null && !copy.isBlank()) {
        Files.copy(png, PROJECT.resolve(copy), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Test
  void anEmptyReportWorksInABrowserAndSaysSoInEachSection() throws Exception {
    Path file = tmp.resolve("empty.html");
    Files.writeString(file, ReportHtml.run(ReportHtmlTest.emptyReport()));
    try (HeadlessChromium chromium = HeadlessChromium.start(tmp.resolve("chromium-empty"))) {
      chromium.open(file.toUri().toString());
      Assertions.assertEquals(List.of(), chromium.problems(), "the page logged problems");
      Assertions.assertEquals(0, chromium.eval("document.querySelectorAll('.chart, svg, canvas').length").asInt());
      String text = chromium.eval("document.body.innerText").asText();
      for (String sentence : List.of("No rule was kept in this run", "No customer got a recommendation",
          "The forecast is zero.", "No customer was scored")) {
        Assertions.assertTrue(text.contains(sentence), sentence);
      }
    }
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asDouble()));
    return out;
  }
}
