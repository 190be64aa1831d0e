package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.size;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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
 * The rule tier of the recommendations without a shuffle: the rules are broadcast as an index (segment, first
 * antecedent item → rules), and each partition of customers looks up, per customer, the rules keyed by each
 * owned item, keeps those whose whole antecedent is owned, combines them per product in a hash map and keeps
 * the best {@code keep} products with a bounded heap. No (customer, rule) row is ever materialised.
 *
 * <p>Antecedents are sorted, so a rule is keyed by exactly one of its items and meets a customer at most once.
 * Noisy-or multiplies the confidences in ascending order, so the same rules give the same bits whatever order
 * they are found in.
 */
final class RuleMatcher {
  private RuleMatcher() {}

  /** One usable rule: a single offered consequent, its measures and the recommend.score measure. */
  record Rule(String[] antecedent, String product, double confidence, double lift, double informationGain,
      double measure) implements Serializable {}

  /**
   * The best rule of a product, as combine has always chosen it: highest measure; ties: higher confidence,
   * lift, information gain, shorter antecedent, then the lexicographically larger antecedent (Spark's max of
   * the struct of these).
   */
  static final Comparator<Rule> BEST_LAST = (a, b) -> {
    int c = SqlOrder.doubles(a.measure(), b.measure());
    c = c != 0 ? c : SqlOrder.doubles(a.confidence(), b.confidence());
    c = c != 0 ? c : SqlOrder.doubles(a.lift(), b.lift());
    c = c != 0 ? c : SqlOrder.doubles(a.informationGain(), b.informationGain());
    c = c != 0 ? c : Integer.compare(b.antecedent().length, a.antecedent().length);
    return c != 0 ? c : SqlOrder.arrays(Arrays.asList(a.antecedent()), Arrays.asList(b.antecedent()));
  };

  /**
   * Per customer, the {@code keep} best products from the rules that fire for them: one row per (customer,
   * product), ranked as {@link Recommender#rank} ranks them (score descending, then product_id).
   *
   * @param holdings customer_id, segment, owned_items, held_items ({@link Recommender#holdings})
   * @param rules segment, antecedent, consequent, confidence, lift, information_gain and the score column
   *     (collected to the driver and broadcast: the rules must fit in memory)
   * @param offers product_id of the products that may be recommended
   * @return customer_id, segment, product_id, score, probability, antecedent, confidence, lift,
   *     information_gain, rule_count (the rules that fire for the product)
   */
  static Dataset<Row> match(Dataset<Row> holdings, Dataset<Row> rules, Dataset<Row> offers, RecommendOptions o,
      int keep) {
    StructType schema = new StructType()
        .add("customer_id", DataTypes.StringType, true)
        .add("segment", DataTypes.StringType, true)
        .add("product_id", DataTypes.StringType, false)
        .add("score", DataTypes.DoubleType, false)
        .add("probability", DataTypes.DoubleType, false)
        .add("antecedent", rules.schema().apply("antecedent").dataType(), false)
        .add("confidence", DataTypes.DoubleType, false)
        .add("lift", DataTypes.DoubleType, false)
        .add("information_gain", DataTypes.DoubleType, false)
        .add("rule_count", DataTypes.LongType, false);
    Broadcast<Map<String, Map<String, Rule[]>>> shared = JavaSparkContext
        .fromSparkContext(holdings.sparkSession().sparkContext()).broadcast(index(rules, offers, o.score()));
    boolean noisyOr = "noisy-or".equals(o.combine());
    return holdings.select(col("customer_id"), col("segment"), col("owned_items"), col("held_items"))
        .mapPartitions((MapPartitionsFunction<Row, Row>) rows ->
            matchPartition(rows, shared.value(), noisyOr, keep), Encoders.row(schema));
  }

  /**
   * segment → first antecedent item → its rules. Only single-product consequents that may be offered: the
   * miners produce no others, and a multi-item consequent's confidence is not the probability of any one of
   * its products. A rule with an empty antecedent has no key and never fires.
   */
  static Map<String, Map<String, Rule[]>> index(Dataset<Row> rules, Dataset<Row> offers, String score) {
    Iterator<Row> it = rules.where(size(col("consequent")).equalTo(1))
        .select(col("segment"), col("antecedent"), element_at(col("consequent"), 1).as("product_id"),
            col("confidence"), col("lift"), col("information_gain"), col(score).as("measure"))
        .join(offers.select(col("product_id")), "product_id")
        .select(col("segment"), col("antecedent"), col("product_id"), col("confidence"), col("lift"),
            col("information_gain"), col("measure"))
        .toLocalIterator();
    Map<String, Map<String, List<Rule>>> lists = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    while (it.hasNext()) {
      Row r = it.next();
      List<String> antecedent = r.getList(1);
      if (antecedent.isEmpty()) {
        continue;
      }
      // The same ids recur in thousands of rules: share one String each in the broadcast index.
      String[] items = antecedent.stream().map(s -> s == null ? null : names.computeIfAbsent(s, k -> k))
          .toArray(String[]::new);
      Rule rule = new Rule(items, names.computeIfAbsent(r.getString(2), k -> k), r.getDouble(3), r.getDouble(4),
          r.getDouble(5), r.getDouble(6));
      lists.computeIfAbsent(r.getString(0), k -> new HashMap<>())
          .computeIfAbsent(items[0], k -> new ArrayList<>()).add(rule);
    }
    Map<String, Map<String, Rule[]>> index = new HashMap<>();
    lists.forEach((segment, byItem) -> {
      Map<String, Rule[]> m = new HashMap<>();
      byItem.forEach((item, l) -> m.put(item, l.toArray(new Rule[0])));
      index.put(segment, m);
    });
    return index;
  }

  /** The customers of one partition, matched one at a time (nothing but the current customer is held). */
  static Iterator<Row> matchPartition(Iterator<Row> rows, Map<String, Map<String, Rule[]>> index, boolean noisyOr,
      int keep) {
    return PerRow.flatMap(rows, r -> matchCustomer(r, index, noisyOr, keep));
  }

  /** @param r customer_id, segment, owned_items, held_items */
  static List<Row> matchCustomer(Row r, Map<String, Map<String, Rule[]>> index, boolean noisyOr, int keep) {
    Map<String, Rule[]> segment = index.get(r.getString(1));
    if (segment == null) {
      return List.of();
    }
    List<String> owned = r.getList(2);
    Set<String> ownedSet = new HashSet<>(owned);
    Set<String> held = new HashSet<>(r.getList(3));
    Map<String, Offer> offers = new HashMap<>();
    for (String item : owned) {
      Rule[] rules = segment.get(item);
      if (rules == null) {
        continue;
      }
      for (Rule rule : rules) {
        if (!held.contains(rule.product()) && ownsRest(ownedSet, rule.antecedent())) {
          offers.computeIfAbsent(rule.product(), Offer::new).add(rule);
        }
      }
    }
    PriorityQueue<Offer> top = new PriorityQueue<>(WORST_FIRST);
    for (Offer offer : offers.values()) {
      offer.finish(noisyOr);
      top.add(offer);
      if (top.size() > keep) {
        top.poll();
      }
    }
    List<Row> out = new ArrayList<>(top.size());
    for (Offer offer : top) {
      Rule best = offer.best;
      out.add(RowFactory.create(r.getString(0), r.getString(1), offer.product, offer.score, offer.probability,
          best.antecedent(), best.confidence(), best.lift(), best.informationGain(), offer.count));
    }
    return out;
  }

  /** Whether the customer owns the antecedent's items after the first (the key they were found by). */
  private static boolean ownsRest(Set<String> owned, String[] antecedent) {
    for (int i = 1; i < antecedent.length; i++) {
      if (!owned.contains(antecedent[i])) {
        return false;
      }
    }
    return true;
  }

  /** The rules of one customer that point to one product, and then their combined score. */
  private static final class Offer {
    final String product;
    Rule best;
    long count;
    double[] confidences = new double[2];
    double score;
    double probability;

    Offer(String product) {
      this.product = product;
    }

    void add(Rule rule) {
      if (best == null || BEST_LAST.compare(rule, best) > 0) {
        best = rule;
      }
      if (count == confidences.length) {
        confidences = Arrays.copyOf(confidences, confidences.length * 2);
      }
      confidences[(int) count++] = rule.confidence();
    }

    /** noisy-or: 1 − Π(1 − confidence), else the best rule's measure (and its confidence as probability). */
    void finish(boolean noisyOr) {
      if (noisyOr) {
        Arrays.sort(confidences, 0, (int) count);
        double none = 1D;
        for (int i = 0; i < count; i++) {
          none = none * (1D - confidences[i]);
        }
        score = 1D - none;
        probability = score;
      } else {
        score = best.measure();
        probability = best.confidence();
      }
    }
  }

  /** {@link Recommender#rank}'s order reversed (lower score first; ties: larger product_id first). */
  private static final Comparator<Offer> WORST_FIRST = (a, b) -> {
    int c = SqlOrder.doubles(a.score, b.score);
    return c != 0 ? c : SqlOrder.strings(b.product, a.product);
  };
}
