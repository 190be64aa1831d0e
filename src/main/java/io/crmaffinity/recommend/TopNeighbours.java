package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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
 * Each product's most similar products from {@link PairCounts}' partial counts in one shuffle: the pair counts
 * go to partitions by (segment, item); each partition sums them in hash maps and keeps each item's best
 * neighbours with a bounded heap. The owners of each product and the customers of each segment, which every
 * similarity needs, are few (one per product) and broadcast. Picks exactly what summing the counts with a
 * groupBy, joining the owners twice and keeping {@code row_number() <= keep} would pick.
 */
final class TopNeighbours {
  private TopNeighbours() {}

  /** The kept pairs: what {@link ItemSimilarity} adds confidence, lift and information gain to. */
  static final StructType KEPT = new StructType()
      .add("segment", DataTypes.StringType, false)
      .add("item", DataTypes.StringType, false)
      .add("product_id", DataTypes.StringType, false)
      .add("similarity", DataTypes.DoubleType, false)
      .add("together", DataTypes.LongType, false)
      .add("owners", DataTypes.LongType, false)
      .add("_owners_b", DataTypes.LongType, false)
      .add("_customers", DataTypes.LongType, false);

  /** Customers per segment and owners per (segment, product): the similarities' denominators. */
  record Owners(Map<String, Long> customers, Map<String, Map<String, Long>> owners) implements Serializable {}

  /** How pairs are kept: similarity = together / (sqrt(owners(A) · owners(B)) + shrink). */
  record Plan(double shrink, int minCustomers, int keep) implements Serializable {}

  /**
   * @param ranges segment, customer_id, _items: the customers whose products are counted
   * @param offers product_id of the products that may be recommended (only those are neighbours)
   * @return {@link #KEPT}'s rows: for each (segment, item), its {@code keep} most similar offered products
   *     (similarity descending, then product_id) bought together by at least {@code minCustomers} customers
   */
  static Dataset<Row> of(Dataset<Row> ranges, Dataset<Row> offers, Plan plan) {
    Map<String, Long> customers = new HashMap<>();
    Map<String, Map<String, Long>> owners = new HashMap<>();
    for (Row r : PairCounts.owners(ranges).groupBy(col("segment"), col("item")).agg(sum(col("n")))
        .collectAsList()) {
      if (r.isNullAt(0)) {
        continue; // a pair of a segment without a name is never joined to its counts
      }
      if (r.isNullAt(1)) {
        customers.put(r.getString(0), r.getLong(2));
      } else {
        owners.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(r.getString(1), r.getLong(2));
      }
    }
    Broadcast<Owners> shared = JavaSparkContext.fromSparkContext(ranges.sparkSession().sparkContext())
        .broadcast(new Owners(customers, owners));
    return PairCounts.count(ranges, offers)
        .where(col("product_id").isNotNull().and(col("segment").isNotNull()))
        .repartition(col("segment"), col("item"))
        .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> partition(rows, shared.value(), plan),
            Encoders.row(KEPT));
  }

  /** A counted pair of one item: the neighbour, its customers together and its similarity. */
  private static final class Pair {
    final String product;
    long together;
    double similarity;

    Pair(String product) {
      this.product = product;
    }
  }

  /** Worst first: lower similarity, then the larger product_id (the heap's head is what goes). */
  private static final Comparator<Pair> WORST_FIRST = (a, b) -> {
    int c = SqlOrder.doubles(a.similarity, b.similarity);
    return c != 0 ? c : SqlOrder.strings(b.product, a.product);
  };

  /** One partition: every (segment, item) in it is whole, as the counts were partitioned by both. */
  static Iterator<Row> partition(Iterator<Row> rows, Owners o, Plan plan) {
    Map<String, Map<String, Map<String, Pair>>> counts = new HashMap<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      counts.computeIfAbsent(r.getString(0), k -> new HashMap<>())
          .computeIfAbsent(r.getString(1), k -> new HashMap<>())
          .computeIfAbsent(r.getString(2), Pair::new).together += r.getLong(3);
    }
    List<Row> out = new ArrayList<>();
    counts.forEach((segment, items) -> {
      Long customers = o.customers().get(segment);
      Map<String, Long> owners = o.owners().get(segment);
      items.forEach((item, pairs) -> {
        long ownersA = owners.get(item);
        PriorityQueue<Pair> top = new PriorityQueue<>(WORST_FIRST);
        for (Pair p : pairs.values()) {
          if (p.together < plan.minCustomers()) {
            continue;
          }
          long ownersB = owners.get(p.product);
          // As Spark computes together / (sqrt(double(owners · owners_b)) + shrink).
          p.similarity = p.together / (Math.sqrt((double) (ownersA * ownersB)) + plan.shrink());
          top.add(p);
          if (top.size() > plan.keep()) {
            top.poll();
          }
        }
        List<Pair> kept = new ArrayList<>(top);
        kept.sort(WORST_FIRST.reversed());
        for (Pair p : kept) {
          out.add(RowFactory.create(segment, item, p.product, p.similarity, p.together, ownersA,
              owners.get(p.product), customers));
        }
      });
    });
    return out.iterator();
  }
}
