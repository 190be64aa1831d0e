package io.crmaffinity.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * CustomerModels end to end in Spark on per-customer summaries ({@link CustomerFrames#btydSummary}'s columns):
 * a degenerate BG/NBD fit is replaced by its weak-prior refit and noted, and summaries at the edges of what
 * data can look like give finite predictions and parameters.
 */
class CustomerModelsTest extends SparkTestBase {
  static final StructType SUMMARY = schema(
      "customer_id STRING, x BIGINT, tx_days INT, t_days INT, m_x DOUBLE, total_value DOUBLE");

  /** One summary row; m_x is null without repeat purchases, as btydSummary makes it. */
  static Object[] row(String id, long x, int txDays, int tDays, double mx, double first) {
    return new Object[] {id, x, txDays, tDays, x > 0 ? mx : null, first + x * mx};
  }

  /** The sample's customers as of {@code run}, with invented spends (BG/NBD uses only x, t_x and T). */
  Dataset<Row> sampleSummary(LocalDate run) throws IOException {
    List<String> lines = Files.readAllLines(Path.of("data-samples", "orders.csv"));
    Map<String, TreeSet<LocalDate>> days = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (!f[4].equals("COMPLETED") || DegenerateFitTest.REJECTED_ORDERS.contains(f[0])) {
        continue;
      }
      try {
        LocalDate d = LocalDate.parse(f[2]);
        if (!d.isAfter(run)) {
          days.computeIfAbsent(f[1], k -> new TreeSet<>()).add(d);
        }
      } catch (DateTimeParseException e) {
        // the planted unparsable date, rejected by the job's ingest
      }
    }
    List<Object[]> rows = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, TreeSet<LocalDate>> e : days.entrySet()) {
      TreeSet<LocalDate> d = e.getValue();
      rows.add(row(e.getKey(), d.size() - 1, (int) ChronoUnit.DAYS.between(d.first(), d.last()),
          (int) ChronoUnit.DAYS.between(d.first(), run), 50 + 10 * (i++ % 9), 80));
    }
    return rows(SUMMARY, rows.toArray(new Object[0][]));
  }

  static void assertFinitePredictions(String what, Dataset<Row> predictions) {
    for (Row r : predictions.collectAsList()) {
      double alive = r.getDouble(1);
      Assertions.assertTrue(alive >= 0 && alive <= 1, what + ": " + r);
      for (int i = 2; i < 5; i++) {
        double v = r.getDouble(i);
        Assertions.assertTrue(v >= 0 && v < Double.POSITIVE_INFINITY, what + ": " + r);
      }
    }
  }

  static void assertFiniteParameters(String what, Dataset<Row> parameters) {
    for (Row r : parameters.collectAsList()) {
      Assertions.assertTrue(Double.isFinite(r.getDouble(2)), what + ": " + r);
    }
  }

  static double parameter(Dataset<Row> parameters, String model, String name) {
    return parameters.where("model = '" + model + "' and parameter = '" + name + "'").first().getDouble(2);
  }

  /**
   * The sample at 2026-11-01: the maximum-likelihood fit runs off (a, b → ∞), which the old code passed
   * silently. Now job_runs gets a note saying what was wrong and what replaced it, model_parameters says
   * weak_prior = 1, and p_alive still shows that most customers have gone quiet for ten months.
   */
  @Test
  void degenerateFitIsReplacedByTheWeakPriorRefitAndNoted() throws IOException {
    Dataset<Row> summary = sampleSummary(LocalDate.of(2026, 11, 1));
    List<String> notes = new ArrayList<>();
    CustomerModels models = CustomerModels.fit(summary, 200_000, notes);
    // (The invented spends, one fixed value per customer, make Gamma-Gamma degenerate too: its own note.)
    List<String> bgNotes = notes.stream().filter(n -> n.contains("BG/NBD")).toList();
    assertEquals(1, bgNotes.size(), notes.toString());
    String note = bgNotes.get(0);
    Assertions.assertTrue(note.startsWith("customer value: BG/NBD fit degenerate (") && note.contains(
        "every customer seems to drop out with the same probability") && note.contains(
        "fallback: BG/NBD fitted with a weak prior (ln r, ln a, ln b ~ Normal(0, 2²))"), note);
    Assertions.assertTrue(models.bgNbd().ok() && models.bgNbdWithPrior());
    Dataset<Row> parameters = models.parameters(session());
    assertEquals(1.0, parameter(parameters, "bg_nbd", "fitted"));
    assertEquals(1.0, parameter(parameters, "bg_nbd", "weak_prior"));
    assertFiniteParameters("sample", parameters);
    Dataset<Row> predictions = models.predict(summary, CustomerModels.YEAR_WEEKS).cache();
    assertFinitePredictions("sample", predictions);
    long quiet = predictions.where("p_alive < 0.5").count();
    Assertions.assertTrue(quiet > 280 && quiet < 340, quiet + " customers with p_alive < 0.5");
  }

  /** Summaries at the edges: none, one customer, nobody repeating, identical or zero spends, T = 0, huge x and amounts. */
  @Test
  void edgeSummariesGiveFiniteValues() {
    Map<String, Object[][]> cases = new TreeMap<>();
    cases.put("empty", new Object[0][]);
    cases.put("one customer", new Object[][] {row("C1", 3, 40, 60, 20, 20)});
    cases.put("no repeat purchase", new Object[][] {row("C1", 0, 0, 60, 0, 20), row("C2", 0, 0, 5, 0, 35),
        row("C3", 0, 0, 0, 0, 10)});
    cases.put("identical spends", new Object[][] {row("C1", 2, 40, 60, 25, 25), row("C2", 5, 100, 120, 25, 25),
        row("C3", 1, 3, 300, 25, 25), row("C4", 0, 0, 9, 0, 25), row("C5", 9, 200, 210, 25, 25)});
    cases.put("zero spends", new Object[][] {row("C1", 2, 40, 60, 0, 0), row("C2", 5, 100, 120, 0, 0),
        row("C3", 1, 3, 300, 12, 0), row("C4", 4, 30, 90, 7, 3)});
    cases.put("first purchase on the run date", new Object[][] {row("C1", 0, 0, 0, 0, 10), row("C2", 0, 0, 0, 0, 5),
        row("C3", 4, 20, 30, 9, 9), row("C4", 1, 1, 1, 15, 15)});
    cases.put("huge x and amounts", new Object[][] {row("C1", 6999, 6999, 7000, 1e9, 1e9),
        row("C2", 3000, 6000, 7000, 2.5e8, 1e9), row("C3", 1, 10, 7000, 1e9, 1e9), row("C4", 0, 0, 7000, 0, 1e9)});
    for (Map.Entry<String, Object[][]> c : cases.entrySet()) {
      Dataset<Row> summary = rows(SUMMARY, c.getValue());
      List<String> notes = new ArrayList<>();
      CustomerModels models = CustomerModels.fit(summary, 200_000, notes);
      assertFinitePredictions(c.getKey(), models.predict(summary, CustomerModels.YEAR_WEEKS));
      assertFinitePredictions(c.getKey(), models.predict(summary, HealthScore.SOON_WEEKS));
      assertFiniteParameters(c.getKey(), models.parameters(session()));
      for (String note : notes) {
        Assertions.assertTrue(note.startsWith("customer value: ") && note.contains("fallback"), c.getKey() + ": " + note);
      }
    }
  }
}
