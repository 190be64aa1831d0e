package io.crmaffinity.forecast;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Win probability of an open opportunity, learned from the opportunities closed by the run date.
 *
 * <p>The base rate is the share won among closed opportunities that stayed open at least as long as this one
 * has (so a deal that drags on gets the lower rate such deals historically had): of its product category when
 * that group has {@code minHistory} closed opportunities, else of all categories; failing that the category's
 * rate at any age, then the row's own probability, then the overall rate, then the stage default. Closed rows
 * carry no record of the stage they were in, so no rate can be learned per stage: instead a learned rate is
 * tilted by the stage on the logit scale, by {@code stageWeight} x (logit of the row's probability, else the
 * stage default, minus its mean over the open opportunities with a known stage). The tilt moves deals up or
 * down relative to the average open deal; the level stays what history says.
 *
 * <p>With {@code sizeBands} > 1 the first rule is the same share within the deal's size band (see
 * {@link SizeBands}), and the time to win is learned within the band when it has {@code minHistory} wins.
 */
public final class WinRates {

  /** A probability and where it came from. */
  public record Estimate(double probability, String source) {}

  private final int minHistory;
  private final ForecastOptions options;
  private final SizeBands bands;
  private final int[] allDays;
  private final int[] wonDays;
  private final Map<String, int[]> catAll = new HashMap<>();
  private final Map<String, int[]> catWon = new HashMap<>();
  private final Map<Integer, int[]> bandAll = new HashMap<>();
  private final Map<Integer, int[]> bandWon = new HashMap<>();
  private final double center;

  public WinRates(List<Opportunity> closed, List<Opportunity> open, ForecastOptions options) {
    this.minHistory = options.minHistory();
    this.options = options;
    this.bands = SizeBands.of(closed, options.sizeBands());
    Map<String, List<Integer>> all = new TreeMap<>();
    Map<String, List<Integer>> won = new TreeMap<>();
    Map<Integer, List<Integer>> ball = new TreeMap<>();
    Map<Integer, List<Integer>> bwon = new TreeMap<>();
    List<Integer> a = new ArrayList<>();
    List<Integer> w = new ArrayList<>();
    for (Opportunity o : closed) {
      int d = (int) ChronoUnit.DAYS.between(o.created(), o.closed());
      a.add(d);
      all.computeIfAbsent(o.category(), k -> new ArrayList<>()).add(d);
      int b = bands.band(o.amount());
      ball.computeIfAbsent(b, k -> new ArrayList<>()).add(d);
      if (o.won()) {
        w.add(d);
        won.computeIfAbsent(o.category(), k -> new ArrayList<>()).add(d);
        bwon.computeIfAbsent(b, k -> new ArrayList<>()).add(d);
      }
    }
    ball.forEach((k, v) -> bandAll.put(k, sorted(v)));
    bwon.forEach((k, v) -> bandWon.put(k, sorted(v)));
    allDays = sorted(a);
    wonDays = sorted(w);
    all.forEach((k, v) -> catAll.put(k, sorted(v)));
    won.forEach((k, v) -> catWon.put(k, sorted(v)));
    double sum = 0;
    int n = 0;
    for (Opportunity o : open) {
      if (o.stage() != null) {
        sum += logit(stageProbability(o));
        n++;
      }
    }
    center = n == 0 ? 0 : sum / n;
  }

  private static int[] sorted(List<Integer> v) {
    int[] x = v.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(x);
    return x;
  }

  /** Values in {@code sorted} greater than {@code age}. */
  static int countAbove(int[] sorted, long age) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= age) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return sorted.length - lo;
  }

  private double stageProbability(Opportunity o) {
    double p = o.probability() != null ? o.probability() : options.stageDefault(o.stage());
    return Math.min(0.99, Math.max(0.01, p));
  }

  static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  static double expit(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** Win probability of {@code o}, open on the run date at age {@code ageDays}. */
  public Estimate estimate(Opportunity o, long ageDays) {
    int[] ca = catAll.getOrDefault(o.category(), new int[0]);
    int[] cw = catWon.getOrDefault(o.category(), new int[0]);
    int n;
    if (bands.count() > 1) {
      int b = bands.band(o.amount());
      int[] ba = bandAll.getOrDefault(b, new int[0]);
      n = countAbove(ba, ageDays);
      if (n >= minHistory) {
        return tilt(countAbove(bandWon.getOrDefault(b, new int[0]), ageDays) / (double) n, "size_age", o);
      }
    }
    n = countAbove(ca, ageDays);
    if (n >= minHistory) {
      return tilt(countAbove(cw, ageDays) / (double) n, "category_age", o);
    }
    n = countAbove(allDays, ageDays);
    if (n >= minHistory) {
      return tilt(countAbove(wonDays, ageDays) / (double) n, "overall_age", o);
    }
    if (ca.length >= minHistory) {
      return tilt(cw.length / (double) ca.length, "category", o);
    }
    if (o.probability() != null) {
      return new Estimate(o.probability(), "row_probability");
    }
    if (allDays.length > 0) {
      return tilt(overallRate(), "overall", o);
    }
    return new Estimate(o.stage() == null ? 0 : options.stageDefault(o.stage()), "stage_default");
  }

  private Estimate tilt(double base, String source, Opportunity o) {
    if (o.stage() == null || options.stageWeight() == 0 || base <= 0 || base >= 1) {
      return new Estimate(base, source);
    }
    double shift = options.stageWeight() * (logit(stageProbability(o)) - center);
    return new Estimate(expit(logit(base) + shift), source + "+stage");
  }

  /** Share won among all closed opportunities; 0 without any. */
  public double overallRate() {
    return allDays.length == 0 ? 0 : wonDays.length / (double) allDays.length;
  }

  public int closedCount() {
    return allDays.length;
  }

  /** Durations in days (created to closed) of the won opportunities, sorted. */
  public int[] wonDays() {
    return wonDays.clone();
  }

  public SizeBands bands() {
    return bands;
  }

  /**
   * Durations of the won opportunities of {@code o}'s size band when the band has at least {@code minHistory}
   * wins, else of all won opportunities; sorted.
   */
  public int[] wonDays(Opportunity o) {
    int[] b = bandWon.getOrDefault(bands.band(o.amount()), new int[0]);
    return bands.count() > 1 && b.length >= minHistory ? b.clone() : wonDays.clone();
  }

  public double stageCenter() {
    return center;
  }

  /** Learned rates for model_parameters: overall and per category with enough history. */
  public Map<String, Double> parameters() {
    Map<String, Double> p = new TreeMap<>();
    p.put("overall.rate", overallRate());
    p.put("overall.closed", (double) allDays.length);
    p.put("stage.center_logit", center);
    p.put("stage.weight", options.stageWeight());
    double[] cuts = bands.cuts();
    for (int b = 0; bands.count() > 1 && b < bands.count(); b++) {
      if (b < cuts.length) {
        p.put("size_band." + b + ".upper_amount", cuts[b]);
      }
      int all = bandAll.getOrDefault(b, new int[0]).length;
      p.put("size_band." + b + ".closed", (double) all);
      if (all > 0) {
        p.put("size_band." + b + ".rate", bandWon.getOrDefault(b, new int[0]).length / (double) all);
      }
    }
    for (Map.Entry<String, int[]> e : new TreeMap<>(catAll).entrySet()) {
      int won = catWon.getOrDefault(e.getKey(), new int[0]).length;
      p.put("category." + e.getKey() + ".closed", (double) e.getValue().length);
      if (e.getValue().length >= minHistory) {
        p.put("category." + e.getKey() + ".rate", won / (double) e.getValue().length);
      }
    }
    return p;
  }
}
