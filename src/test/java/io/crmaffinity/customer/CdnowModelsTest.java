package io.crmaffinity.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crmaffinity.bench.PublicBaskets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published CDNOW fits (Fader, Hardie &amp; Lee 2005; Fader &amp; Hardie 2013), from
 * ../shared/datasets/cdnow/transactions.csv with the papers' calibration summary: customer-days as
 * transactions, weeks = days / 7, calibration end 1997-09-30.
 */
class CdnowModelsTest {
  static final LocalDate END = LocalDate.of(1997, 9, 30);
  static double[] x, tx, t, w, mx, mxX;
  static int customers;
  static int holdout;
  static List<double[]> rows = new ArrayList<>();

  @BeforeAll
  static void summarise() throws IOException {
    Path file = PublicBaskets.sharedDatasets().resolve("cdnow").resolve("transactions.csv");
    assumeTrue(Files.isRegularFile(file), "../shared/datasets/cdnow/transactions.csv is not beside the project");
    // customer -> date -> summed amount (a customer-day is one transaction)
    Map<Integer, TreeMap<LocalDate, Double>> days = new TreeMap<>();
    for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
      String[] f = line.split(",");
      days.computeIfAbsent(Integer.parseInt(f[0]), k -> new TreeMap<>())
          .merge(LocalDate.parse(f[1]), Double.parseDouble(f[3]), Double::sum);
    }
    customers = days.size();
    List<double[]> all = new ArrayList<>();
    List<double[]> spend = new ArrayList<>();
    for (TreeMap<LocalDate, Double> d : days.values()) {
      LocalDate first = d.firstKey();
      int repeats = 0;
      double value = 0;
      LocalDate last = first;
      for (Map.Entry<LocalDate, Double> e : d.entrySet()) {
        if (e.getKey().isAfter(END)) {
          holdout++;
        } else if (e.getKey().isAfter(first)) {
          repeats++;
          value += e.getValue();
          last = e.getKey();
        }
      }
      double txw = ChronoUnit.DAYS.between(first, last) / 7.0;
      double tw = ChronoUnit.DAYS.between(first, END) / 7.0;
      all.add(new double[] {repeats, txw, tw});
      if (repeats > 0) {
        spend.add(new double[] {repeats, value / repeats});
      }
    }
    rows = all;
    // The fit runs on distinct (x, t_x, T) with counts, as the job collects them.
    Map<List<Double>, Integer> distinct = new TreeMap<>((p, q) -> {
      for (int i = 0; i < 3; i++) {
        int c = Double.compare(p.get(i), q.get(i));
        if (c != 0) return c;
      }
      return 0;
    });
    for (double[] r : all) {
      distinct.merge(List.of(r[0], r[1], r[2]), 1, Integer::sum);
    }
    int n = distinct.size();
    x = new double[n];
    tx = new double[n];
    t = new double[n];
    w = new double[n];
    int i = 0;
    for (Map.Entry<List<Double>, Integer> e : distinct.entrySet()) {
      x[i] = e.getKey().get(0);
      tx[i] = e.getKey().get(1);
      t[i] = e.getKey().get(2);
      w[i++] = e.getValue();
    }
    mxX = spend.stream().mapToDouble(r -> r[0]).toArray();
    mx = spend.stream().mapToDouble(r -> r[1]).toArray();
  }

  @Test
  void summaryMatchesThePapers() {
    assertEquals(2357, customers);
    assertEquals(946, mx.length);
    assertEquals(2457, rows.stream().mapToDouble(r -> r[0]).sum(), 0);
    assertEquals(1882, holdout);
  }

  @Test
  void bgNbdMatchesPublishedParameters() {
    long start = System.nanoTime();
    BgNbd.Fit fit = BgNbd.fit(x, tx, t, w);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(fit.ok(), fit.message());
    BgNbd.Params p = fit.params();
    // Published: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL -9582.4 (three significant digits and more).
    assertEquals(0.243, p.r(), 0.0005);
    assertEquals(4.414, p.alpha(), 0.0005 * 10);
    assertEquals(0.793, p.a(), 0.0005);
    assertEquals(2.426, p.b(), 0.005);
    assertEquals(-9582.4, fit.logLikelihood(), 0.05);
    // CLVTools' own estimate, to about 4-5 digits.
    assertEquals(0.2425945, p.r(), 2e-5);
    assertEquals(4.4136019, p.alpha(), 2e-3);
    assertTrue(seconds < 10, "fit took " + seconds + " s");
    System.out.printf("BG/NBD CDNOW fit: %s LL %.4f, %d evaluations, %.2f s, %d distinct rows%n", p,
        fit.logLikelihood(), fit.evaluations(), seconds, x.length);
  }

  @Test
  void bgNbdConditionalExpectationMatchesHardie() {
    BgNbd.Params p = new BgNbd.Params(0.2425945, 4.4136019, 0.7929199, 2.4258881);
    // Customer 1: x = 2, t_x = 30.43, T = 38.86: E[Y(39)] = 1.226 in Hardie's spreadsheet.
    assertEquals(1.226, BgNbd.expectedPurchases(p, 39, 2, 30.43, 38.86), 0.001);
    // With the published rounded parameters the sum over customers of E[Y(39)] is 1,653.9.
    BgNbd.Params pub = new BgNbd.Params(0.243, 4.414, 0.793, 2.426);
    double sum = 0;
    for (double[] r : rows) {
      sum += BgNbd.expectedPurchases(pub, 39, r[0], r[1], r[2]);
    }
    assertEquals(1653.9, sum, 0.05);
  }

  @Test
  void gammaGammaMatchesPublishedParameters() {
    long start = System.nanoTime();
    GammaGamma.Fit fit = GammaGamma.fit(mxX, mx);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(fit.ok(), fit.message());
    GammaGamma.Params p = fit.params();
    // Published: p = 6.25, q = 3.74, gamma = 15.44, LL -4055.92.
    assertEquals(6.25, p.p(), 0.005);
    assertEquals(3.74, p.q(), 0.005);
    assertEquals(15.44, p.gamma(), 0.005);
    assertEquals(-4055.92, fit.logLikelihood(), 0.005);
    // Population mean at the fit: $35.17; Hardie's expected average value of customer 1 (x=2): 24.65.
    assertEquals(35.17, p.populationMean(), 0.005);
    System.out.printf("Gamma-Gamma CDNOW fit: %s LL %.4f, %d evaluations, %.2f s%n", p, fit.logLikelihood(),
        fit.evaluations(), seconds);
  }
}
