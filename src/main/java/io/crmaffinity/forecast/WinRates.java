package io.crmaffinity.forecast;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Win probability of an open opportunity, learned from the opportunities known on the run date.
 *
 * <p>The base rate is the chance that a deal still open at this one's age (days since created) is eventually
 * won, estimated with won and lost as competing outcomes and the deals still open on the run date as censored
 * ({@link CompetingRisks}): so a deal that drags on gets the lower rate such deals historically had, and the
 * long deals that have not closed yet are not left out. It is learned, in this order, from the deals of its
 * size band (when {@code sizeBands} > 1, see {@link SizeBands}), of its product category, or of all categories,
 * the first with at least {@code minHistory} deals (closed or open) that lasted longer than its age; a deal
 * older than that gets the rate at the oldest age that has them over all deals; with fewer than
 * {@code minHistory} deals known at all, the row's own probability, then the share won of the closed deals,
 * then the stage default. Closed rows carry no record of the stage they were in, so no rate can be learned per
 * stage: instead a learned rate is tilted by the stage on the logit scale, by {@code stageWeight} x (logit of
 * the row's probability, else the stage default, minus its mean over the open opportunities with a known
 * stage). The tilt moves deals up or down relative to the average open deal; the level stays what history says.
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
  private final Map<Integer, int[]> bandWon = new HashMap<>();
  private final Map<String, CompetingRisks> catRisks = new HashMap<>();
  private final Map<Integer, CompetingRisks> bandRisks = new HashMap<>();
  private final CompetingRisks allRisks;
  private final double center;

  /**
   * @param closed opportunities closed on or before the run date
   * @param open opportunities open on the run date (censored at their age)
   */
  public WinRates(List<Opportunity> closed, List<Opportunity> open, LocalDate runDate, ForecastOptions options) {
    this.minHistory = options.minHistory();
    this.options = options;
    this.bands = SizeBands.of(closed, options.sizeBands());
    Map<String, Group> cats = new TreeMap<>();
    Map<Integer, Group> bandGroups = new TreeMap<>();
    Group all = new Group();
    for (Opportunity o : closed) {
      int d = (int) ChronoUnit.DAYS.between(o.created(), o.closed());
      int k = o.won() ? Group.WON : Group.LOST;
      all.add(k, d);
      cats.computeIfAbsent(o.category(), c -> new Group()).add(k, d);
      bandGroups.computeIfAbsent(bands.band(o.amount()), b -> new Group()).add(k, d);
    }
    for (Opportunity o : open) {
      int d = (int) ChronoUnit.DAYS.between(o.created(), runDate);
      all.add(Group.OPEN, d);
      cats.computeIfAbsent(o.category(), c -> new Group()).add(Group.OPEN, d);
      bandGroups.computeIfAbsent(bands.band(o.amount()), b -> new Group()).add(Group.OPEN, d);
    }
    allDays = all.closedDays();
    wonDays = all.days(Group.WON);
    allRisks = all.risks();
    cats.forEach((c, g) -> {
      catAll.put(c, g.closedDays());
      catWon.put(c, g.days(Group.WON));
      catRisks.put(c, g.risks());
    });
    bandGroups.forEach((b, g) -> {
      bandWon.put(b, g.days(Group.WON));
      bandRisks.put(b, g.risks());
    });
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

  /** Durations of one group's won, lost and (ages of) open deals. */
  private static final class Group {
    static final int WON = 0;
    static final int LOST = 1;
    static final int OPEN = 2;
    final List<List<Integer>> days = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

    void add(int kind, int d) {
      days.get(kind).add(d);
    }

    int[] days(int kind) {
      return sorted(days.get(kind));
    }

    int[] closedDays() {
      List<Integer> c = new ArrayList<>(days.get(WON));
      c.addAll(days.get(LOST));
      return sorted(c);
    }

    CompetingRisks risks() {
      return new CompetingRisks(days(WON), days(LOST), days(OPEN));
    }
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
    if (bands.count() > 1) {
      CompetingRisks b = bandRisks.get(bands.band(o.amount()));
      if (b != null && b.atRiskAfter(ageDays) >= minHistory) {
        return tilt(b.winAfter(ageDays), "size_age", o);
      }
    }
    CompetingRisks c = catRisks.get(o.category());
    if (c != null && c.atRiskAfter(ageDays) >= minHistory) {
      return tilt(c.winAfter(ageDays), "category_age", o);
    }
    if (allRisks.atRiskAfter(ageDays) >= minHistory) {
      return tilt(allRisks.winAfter(ageDays), "overall_age", o);
    }
    if (allDays.length > 0 && allRisks.size() >= minHistory) {
      return tilt(allRisks.winAfter(allRisks.oldestSupportedAge(minHistory)), "overall_oldest", o);
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

  /** Won opportunities among the closed ones. */
  public int wonCount() {
    return wonDays.length;
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

  /** Learned rates for model_parameters: overall and per category with enough history, size bands. */
  public Map<String, Double> parameters() {
    Map<String, Double> p = new TreeMap<>();
    p.put("overall.rate", overallRate());
    p.put("overall.closed", (double) allDays.length);
    p.put("overall.open", (double) (allRisks.size() - allDays.length));
    p.put("overall.win_chance_at_creation", allRisks.winAfter(-1));
    p.put("stage.center_logit", center);
    p.put("stage.weight", options.stageWeight());
    for (Map.Entry<String, int[]> e : new TreeMap<>(catAll).entrySet()) {
      int won = catWon.getOrDefault(e.getKey(), new int[0]).length;
      p.put("category." + e.getKey() + ".closed", (double) e.getValue().length);
      if (e.getValue().length >= minHistory) {
        p.put("category." + e.getKey() + ".rate", won / (double) e.getValue().length);
      }
    }
    double[] cuts = bands.cuts();
    for (int b = 0; bands.count() > 1 && b < bands.count(); b++) {
      if (b < cuts.length) {
        p.put("size_band." + b + ".upper_amount", cuts[b]);
      }
      CompetingRisks r = bandRisks.get(b);
      if (r != null) {
        p.put("size_band." + b + ".deals", (double) r.size());
        p.put("size_band." + b + ".win_chance_at_creation", r.winAfter(-1));
      }
    }
    return p;
  }
}
