package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Scores every customer against a product-to-product similarity table without a shuffle: the table is
 * broadcast as an index (segment, product → its neighbours), each partition of customers sums, per customer,
 * the similarity of every neighbour of each held product in a hash map and keeps the best {@code keep} with a
 * bounded heap. No (customer, neighbour) row is ever materialised, so the cost is the arithmetic alone.
 */
final class NeighbourScorer {
  private NeighbourScorer() {}

  /** Output of {@link #score}. */
  static final StructType SCORED = new StructType()
      .add("customer_id", DataTypes.StringType, false)
      .add("segment", DataTypes.StringType, false)
      .add("product_id", DataTypes.StringType, false)
      .add("score", DataTypes.DoubleType, false)
      .add("item", DataTypes.StringType, false)
      .add("rule_count", DataTypes.LongType, false)
      .add("owned_count", DataTypes.LongType, false);

  /** The neighbours of one product: parallel arrays of product ids and similarities. */
  record Neighbours(String[] products, double[] similarities) implements Serializable {}

  /**
   * Per customer, the {@code keep} best products they do not hold: score = Σ over held products of the
   * similarity (ties by product_id); item = the held product with the highest similarity to it (ties: the
   * smallest id), rule_count = how many held products have it as a neighbour, owned_count = how many products
   * the customer owns (the same on each of their rows).
   *
   * @param holdings customer_id, segment, owned_items, held_items
   * @param similarities segment, item, product_id, similarity (collected to the driver and broadcast: the
   *     table must fit in memory)
   * @return {@link #SCORED}'s rows
   */
  static Dataset<Row> score(Dataset<Row> holdings, Dataset<Row> similarities, int keep) {
    Map<String, Map<String, Neighbours>> index = index(similarities);
    Broadcast<Map<String, Map<String, Neighbours>>> shared =
        JavaSparkContext.fromSparkContext(holdings.sparkSession().sparkContext()).broadcast(index);
    return holdings.select(col("customer_id"), col("segment"), col("owned_items"), col("held_items"))
        .mapPartitions((org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) rows ->
            scorePartition(rows, shared.value(), keep), Encoders.row(SCORED));
  }

  static Map<String, Map<String, Neighbours>> index(Dataset<Row> similarities) {
    Map<String, Map<String, List<Object[]>>> lists = new HashMap<>();
    Iterator<Row> it = similarities.select(col("segment"), col("item"), col("product_id"), col("similarity"))
        .toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      lists.computeIfAbsent(r.getString(0), k -> new HashMap<>())
          .computeIfAbsent(r.getString(1), k -> new ArrayList<>())
          .add(new Object[] {r.getString(2), r.getDouble(3)});
    }
    Map<String, Map<String, Neighbours>> index = new HashMap<>();
    lists.forEach((segment, items) -> {
      Map<String, Neighbours> m = new HashMap<>();
      items.forEach((item, l) -> {
        String[] ids = new String[l.size()];
        double[] sims = new double[l.size()];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = (String) l.get(i)[0];
          sims[i] = (Double) l.get(i)[1];
        }
        m.put(item, new Neighbours(ids, sims));
      });
      index.put(segment, m);
    });
    return index;
  }

  /** Running total of one candidate product. */
  static final class Candidate {
    final String product;
    /** Summed similarity. */
    double score;
    double best = Double.NEGATIVE_INFINITY;
    /** The held product with the highest similarity to it (ties: the smallest id), and its neighbour's index. */
    String item;
    int at;
    /** How many held products have it as a neighbour. */
    long count;

    Candidate(String product) {
      this.product = product;
    }
  }

  private static final Comparator<Candidate> WORST_FIRST = (a, b) -> {
    int c = SqlOrder.doubles(a.score, b.score);
    return c != 0 ? c : SqlOrder.strings(b.product, a.product);
  };

  /**
   * The {@code keep} products with the highest summed similarity to the owned ones, not held (ties by
   * product_id), in no particular order.
   *
   * @param neighbours a product's neighbours, or null when it has none
   */
  static List<Candidate> best(List<String> owned, Set<String> held,
      java.util.function.Function<String, Neighbours> neighbours, int keep) {
    Map<String, Candidate> totals = new HashMap<>();
    for (String item : owned) {
      Neighbours n = neighbours.apply(item);
      if (n == null) {
        continue;
      }
      for (int i = 0; i < n.products().length; i++) {
        String p = n.products()[i];
        if (held.contains(p)) {
          continue;
        }
        Candidate c = totals.computeIfAbsent(p, Candidate::new);
        double s = n.similarities()[i];
        c.score += s;
        c.count++;
        if (s > c.best || (s == c.best && item.compareTo(c.item) < 0)) {
          c.best = s;
          c.item = item;
          c.at = i;
        }
      }
    }
    PriorityQueue<Candidate> top = new PriorityQueue<>(WORST_FIRST);
    for (Candidate c : totals.values()) {
      top.add(c);
      if (top.size() > keep) {
        top.poll();
      }
    }
    return new ArrayList<>(top);
  }

  /** The customers of one partition, scored one at a time (nothing but the current customer is held). */
  static Iterator<Row> scorePartition(Iterator<Row> rows, Map<String, Map<String, Neighbours>> index, int keep) {
    return PerRow.flatMap(rows, r -> scoreCustomer(r, index, keep));
  }

  static List<Row> scoreCustomer(Row r, Map<String, Map<String, Neighbours>> index, int keep) {
    Map<String, Neighbours> segment = index.get(r.getString(1));
    if (segment == null) {
      return List.of();
    }
    List<String> owned = r.getList(2);
    List<Row> out = new ArrayList<>();
    for (Candidate c : best(owned, new HashSet<>(r.getList(3)), segment::get, keep)) {
      out.add(RowFactory.create(r.getString(0), r.getString(1), c.product, c.score, c.item, c.count,
          (long) owned.size()));
    }
    return out;
  }
}
