package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Each customer's whole top-N list in one pass over the customers, without a shuffle: the mined rules
 * ({@link RuleMatcher}), the similar items and the segment's popular products are broadcast as indexes, and
 * each partition builds its customers' lists one at a time with bounded heaps.
 *
 * <p>The list: products from the mined rules first (score descending, then product_id). The rest of the list
 * merges the similar items (mean similarity descending, then product_id) with the popular products (by
 * popularity), each taking the next place when its estimated chance of a purchase is at least the other's:
 * <ul>
 *   <li>a similar item's estimate is its explaining pair's confidence over customers shrunk towards the
 *       product's share of the segment's customers: (together + s·share) / (owners + s), s =
 *       recommend.similarity-shrink; a pair no stronger than the product's popularity so ranks as a popular
 *       product would, and a strong one ranks above;</li>
 *   <li>a popular product's estimate is its share of the segment's customers;</li>
 *   <li>the similar items keep their own order: each takes the lowest estimate of those above it and itself,
 *       so the merge never reorders them.</li>
 * </ul>
 * With recommend.similar-merge = tiered, every similar item comes before every popular product instead.
 */
final class OfferLists {
  private OfferLists() {}

  /** The rows of the ranked list, before {@link Explanations#explain}. */
  static final StructType RANKED = new StructType()
      .add("customer_id", DataTypes.StringType, true)
      .add("segment", DataTypes.StringType, true)
      .add("rank", DataTypes.IntegerType, false)
      .add("product_id", DataTypes.StringType, false)
      .add("score", DataTypes.DoubleType, false)
      .add("probability", DataTypes.DoubleType, false)
      .add("source", DataTypes.StringType, false)
      .add("antecedent", DataTypes.createArrayType(DataTypes.StringType, true), true)
      .add("confidence", DataTypes.DoubleType, true)
      .add("lift", DataTypes.DoubleType, true)
      .add("information_gain", DataTypes.DoubleType, true)
      .add("rule_count", DataTypes.LongType, false)
      .add("rule_products", DataTypes.LongType, false)
      .add("tier", DataTypes.IntegerType, false)
      .add("together", DataTypes.LongType, true)
      .add("owners", DataTypes.LongType, true)
      .add("similar_below", DataTypes.LongType, false);

  /** The neighbours of one product, as parallel arrays (one entry per pair). */
  record Pairs(String[] products, double[] similarity, long[] together, long owners, double[] confidence,
      double[] lift, double[] informationGain) implements Serializable {}

  /** A segment's popular products in popularity order: support over baskets, share of customers. */
  record Popular(String[] products, double[] support, double[] share) implements Serializable {}

  /** Everything a partition needs, broadcast once. */
  record Index(Map<String, Map<String, RuleMatcher.Rule[]>> rules, Map<String, Map<String, Pairs>> pairs,
      Map<String, Popular> popular, Map<String, Map<String, Double>> shares,
      Map<String, Explanations.Named> catalogue) implements Serializable {}

  /** How the list is built: top-n, rule combination, similar items on/off and how they merge. */
  record Plan(int topN, boolean noisyOr, boolean similar, boolean merged, double shrink) implements Serializable {}

  /**
   * @param holdings customer_id, segment, owned_items, held_items
   * @param rules the rules that may fire (see {@link RuleMatcher#index})
   * @param neighbours {@link ItemSimilarity#neighbours}, or null: no similar-items tier
   * @param popularity {@link Popularity#of}
   * @param products product_id, name, unit_price: what the reasons name and the expected revenue's price
   * @return {@link Explanations#EXPLAINED}'s rows: the recommendations table's without run_id and run_date
   */
  static Dataset<Row> build(Dataset<Row> holdings, Dataset<Row> rules, Dataset<Row> neighbours,
      Dataset<Row> popularity, Dataset<Row> offers, Dataset<Row> products, RecommendOptions o, List<String> notes) {
    Map<String, Map<String, Pairs>> pairs = neighbours == null ? Map.of()
        : informative(pairs(neighbours), o.similar().minMedianLift(), notes);
    // Shares of customers are only needed to merge similar items with popular products.
    Map<String, Map<String, Double>> shares = pairs.isEmpty() ? Map.of() : shares(holdings);
    Map<String, Popular> popular = popular(popularity, shares);
    Index index = new Index(RuleMatcher.index(rules, offers, o.score()), pairs, popular, shares,
        Explanations.catalogue(products));
    Plan plan = new Plan(o.topN(), "noisy-or".equals(o.combine()), !pairs.isEmpty(),
        "estimate".equals(o.similar().merge()), o.similar().shrink());
    Broadcast<Index> shared = JavaSparkContext.fromSparkContext(holdings.sparkSession().sparkContext())
        .broadcast(index);
    return holdings.select(col("customer_id"), col("segment"), col("owned_items"), col("held_items"))
        .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> partition(rows, shared.value(), plan),
            Encoders.row(Explanations.EXPLAINED));
  }

  static Map<String, Map<String, Pairs>> pairs(Dataset<Row> neighbours) {
    Map<String, Map<String, List<Row>>> lists = new HashMap<>();
    Iterator<Row> it = neighbours.select(col("segment"), col("item"), col("product_id"), col("similarity"),
        col("together"), col("owners"), col("confidence"), col("lift"), col("information_gain")).toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      lists.computeIfAbsent(r.getString(0), k -> new HashMap<>()).computeIfAbsent(r.getString(1),
          k -> new ArrayList<>()).add(r);
    }
    Map<String, Map<String, Pairs>> index = new HashMap<>();
    lists.forEach((segment, items) -> {
      Map<String, Pairs> m = new HashMap<>();
      items.forEach((item, l) -> {
        int n = l.size();
        Pairs p = new Pairs(new String[n], new double[n], new long[n], l.get(0).getLong(5), new double[n],
            new double[n], new double[n]);
        for (int i = 0; i < n; i++) {
          Row r = l.get(i);
          p.products()[i] = r.getString(2);
          p.similarity()[i] = r.getDouble(3);
          p.together()[i] = r.getLong(4);
          p.confidence()[i] = r.getDouble(6);
          p.lift()[i] = r.getDouble(7);
          p.informationGain()[i] = r.getDouble(8);
        }
        m.put(item, p);
      });
      index.put(segment, m);
    });
    return index;
  }

  /**
   * The pairs of the segments whose median pair lift reaches minMedianLift: for the typical pair, A's customers
   * buy B that many times as often as the segment's customers. Near 1, co-purchases say little beyond
   * popularity, and the segment's popular products are the better fill; a note names each segment left out.
   */
  static Map<String, Map<String, Pairs>> informative(Map<String, Map<String, Pairs>> pairs, double minMedianLift,
      List<String> notes) {
    Map<String, Map<String, Pairs>> kept = new HashMap<>();
    List<String> dropped = new ArrayList<>();
    new java.util.TreeMap<>(pairs).forEach((segment, items) -> {
      double m = medianLift(items);
      if (m >= minMedianLift) {
        kept.put(segment, items);
      } else {
        dropped.add(String.format(java.util.Locale.ROOT, "%s (%.2f)", segment, m));
      }
    });
    if (!dropped.isEmpty()) {
      notes.add(String.format(java.util.Locale.ROOT, "recommendations: no similar items in %s: the median lift"
          + " of the segment's product pairs is below recommend.similarity-min-median-lift = %s, so co-purchases"
          + " say little beyond popularity and the popular products fill the list", String.join(", ", dropped),
          minMedianLift));
    }
    return kept;
  }

  /** The median of every pair's lift (the mean of the middle two of an even count). */
  static double medianLift(Map<String, Pairs> items) {
    double[] lifts = items.values().stream().flatMapToDouble(p -> java.util.Arrays.stream(p.lift())).sorted()
        .toArray();
    int n = lifts.length;
    return n % 2 == 1 ? lifts[n / 2] : (lifts[n / 2 - 1] + lifts[n / 2]) / 2;
  }

  /**
   * @param popularity {@link Popularity#of}
   * @param shares {@link #shares} (a product missing there has share 0)
   */
  static Map<String, Popular> popular(Dataset<Row> popularity, Map<String, Map<String, Double>> shares) {
    Map<String, List<Row>> lists = new HashMap<>();
    popularity.select(col("segment"), col("product_id"), col("support"), col("pop_rank"))
        .orderBy(col("segment"), col("pop_rank")).collectAsList()
        .forEach(r -> lists.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r));
    Map<String, Popular> out = new HashMap<>();
    lists.forEach((segment, l) -> {
      Map<String, Double> share = shares.getOrDefault(segment, Map.of());
      Popular p = new Popular(new String[l.size()], new double[l.size()], new double[l.size()]);
      for (int i = 0; i < l.size(); i++) {
        p.products()[i] = l.get(i).getString(1);
        p.support()[i] = l.get(i).getDouble(2);
        p.share()[i] = share.getOrDefault(p.products()[i], 0D);
      }
      out.put(segment, p);
    });
    return out;
  }

  /**
   * segment → product → share of the segment's customers to serve who own it (ALL: of every customer to
   * serve), the popular products' estimate and the prior of a similar item's.
   *
   * @param holdings customer_id, segment, owned_items (one row per customer to serve)
   */
  static Map<String, Map<String, Double>> shares(Dataset<Row> holdings) {
    Map<String, Long> customers = new HashMap<>();
    holdings.groupBy(col("segment")).count().collectAsList()
        .forEach(r -> customers.merge(r.getString(0), r.getLong(1), Long::sum));
    long all = customers.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Map<String, Long>> owners = new HashMap<>();
    holdings.select(col("segment"), explode(col("owned_items")).as("product_id"))
        .groupBy(col("segment"), col("product_id")).count().collectAsList()
        .forEach(r -> {
          owners.computeIfAbsent(r.getString(0), k -> new HashMap<>()).merge(r.getString(1), r.getLong(2), Long::sum);
          if (!Segments.ALL.equals(r.getString(0))) {
            owners.computeIfAbsent(Segments.ALL, k -> new HashMap<>()).merge(r.getString(1), r.getLong(2), Long::sum);
          }
        });
    Map<String, Map<String, Double>> out = new HashMap<>();
    owners.forEach((segment, counts) -> {
      double n = Segments.ALL.equals(segment) ? all : customers.get(segment);
      Map<String, Double> m = new HashMap<>();
      counts.forEach((product, c) -> m.put(product, c / n));
      out.put(segment, m);
    });
    return out;
  }

  static Iterator<Row> partition(Iterator<Row> rows, Index index, Plan plan) {
    return PerRow.flatMap(rows, r -> {
      List<Row> ranked = customer(r, index, plan);
      List<Row> out = new ArrayList<>(ranked.size());
      for (Row x : ranked) {
        Row e = Explanations.explain(x, index.catalogue());
        if (e != null) {
          out.add(e);
        }
      }
      return out;
    });
  }

  /** One similar-items candidate: its mean similarity, the held product that explains it, its estimate. */
  private static final class Similar {
    final String product;
    final double score;
    final String item;
    final int at;
    final long count;
    double estimate;

    Similar(NeighbourScorer.Candidate c, int owned) {
      product = c.product;
      score = c.score / owned;
      item = c.item;
      at = c.at;
      count = c.count;
    }
  }

  /** @param r customer_id, segment, owned_items, held_items */
  static List<Row> customer(Row r, Index index, Plan plan) {
    String customer = r.getString(0);
    String segment = r.getString(1);
    List<String> owned = r.getList(2);
    Set<String> held = new HashSet<>(r.getList(3));
    Set<String> listed = new HashSet<>();

    // 1. The mined rules.
    List<Row> ruled = new ArrayList<>(RuleMatcher.matchCustomer(r, index.rules(), plan.noisyOr(), plan.topN()));
    ruled.sort((a, b) -> {
      int c = SqlOrder.doubles(b.getDouble(3), a.getDouble(3));
      return c != 0 ? c : SqlOrder.strings(a.getString(2), b.getString(2));
    });
    List<Object[]> list = new ArrayList<>();
    for (Row m : ruled) {
      listed.add(m.getString(2));
      list.add(new Object[] {m.getString(2), m.getDouble(3), m.getDouble(4), Recommender.RULE, m.get(5),
          m.getDouble(6), m.getDouble(7), m.getDouble(8), m.getLong(9), 0, null, null});
    }

    // 2. Similar items: the 2·top-n best by summed similarity, then those no rule listed.
    List<Similar> similar = plan.similar() && list.size() < plan.topN()
        ? similar(owned, held, index.pairs().get(segment), 2 * plan.topN()) : List.of();
    Map<String, Double> shares = index.shares().getOrDefault(segment, Map.of());
    Map<String, Pairs> pairs = index.pairs().get(segment);
    List<Similar> kept = new ArrayList<>();
    double floor = Double.POSITIVE_INFINITY;
    for (Similar s : similar) {
      if (listed.contains(s.product)) {
        continue;
      }
      Pairs p = pairs.get(s.item);
      double prior = shares.getOrDefault(s.product, 0D);
      s.estimate = Math.min(floor, (p.together()[s.at] + plan.shrink() * prior) / (p.owners() + plan.shrink()));
      floor = s.estimate;
      kept.add(s);
    }

    // 3. The segment's popular products, merged with the similar items.
    Popular popular = index.popular().get(segment);
    int si = 0;
    int pi = 0;
    int popularCount = popular == null ? 0 : popular.products().length;
    List<Object[]> rest = new ArrayList<>();
    int rulesInList = list.size();
    while (list.size() + rest.size() < plan.topN()) {
      while (pi < popularCount && (held.contains(popular.products()[pi]) || listed.contains(popular.products()[pi]))) {
        pi++;
      }
      while (si < kept.size() && listed.contains(kept.get(si).product)) {
        si++;
      }
      boolean haveSimilar = si < kept.size();
      boolean havePopular = pi < popularCount;
      if (!haveSimilar && !havePopular) {
        break;
      }
      boolean takeSimilar = haveSimilar
          && (!havePopular || !plan.merged() || kept.get(si).estimate >= popular.share()[pi]);
      if (takeSimilar) {
        Similar s = kept.get(si++);
        Pairs p = pairs.get(s.item);
        listed.add(s.product);
        rulesInList++;
        rest.add(new Object[] {s.product, s.score, p.confidence()[s.at], Recommender.RULE, new String[] {s.item},
            p.confidence()[s.at], p.lift()[s.at], p.informationGain()[s.at], s.count, 1, p.together()[s.at],
            p.owners()});
      } else {
        String product = popular.products()[pi];
        double support = popular.support()[pi++];
        listed.add(product);
        rest.add(new Object[] {product, support, support, Recommender.POPULAR, null, null, null, null, 0L, 2, null,
            null});
      }
    }
    list.addAll(rest);
    // similar_below: how many similar items a popular product was ranked above (its reason says why).
    long below = 0;
    long[] similarBelow = new long[list.size()];
    for (int i = list.size() - 1; i >= 0; i--) {
      int tier = (Integer) list.get(i)[9];
      if (tier == 1) {
        below++;
      } else if (tier == 2) {
        similarBelow[i] = below;
      }
    }
    List<Row> rows = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      Object[] x = list.get(i);
      rows.add(RowFactory.create(customer, segment, i + 1, x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8],
          (long) rulesInList, x[9], x[10], x[11], similarBelow[i]));
    }
    return rows;
  }

  /** The {@code keep} best similar items by mean similarity, best first (ties by product_id). */
  private static List<Similar> similar(List<String> owned, Set<String> held, Map<String, Pairs> segment, int keep) {
    if (segment == null) {
      return List.of();
    }
    List<Similar> best = new ArrayList<>();
    for (NeighbourScorer.Candidate c : NeighbourScorer.best(owned, held, item -> {
      Pairs p = segment.get(item);
      return p == null ? null : new NeighbourScorer.Neighbours(p.products(), p.similarity());
    }, keep)) {
      best.add(new Similar(c, owned.size()));
    }
    best.sort((a, b) -> {
      int c = SqlOrder.doubles(b.score, a.score);
      return c != 0 ? c : SqlOrder.strings(a.product, b.product);
    });
    return best;
  }
}
