package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.col;

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
 * The counts item similarity needs, counted inside each partition of customers in hash maps, so only one row
 * per distinct (segment, item, product) and partition leaves it (not one per co-purchase: a customer with k
 * products makes k·(k − 1) pairs).
 */
final class PairCounts {
  private PairCounts() {}

  static final StructType COUNTS = new StructType()
      .add("segment", DataTypes.StringType, true)
      .add("item", DataTypes.StringType, true)
      .add("product_id", DataTypes.StringType, true)
      .add("n", DataTypes.LongType, false);

  /**
   * @param ranges segment, customer_id, _items (each customer's distinct products)
   * @param offers product_id of the products that may be recommended
   * @return partial counts per partition (sum them by segment, item, product_id): (segment, A, B, n) customers
   *     who bought A and B, B offered and ≠ A; (segment, A, null, n) customers who bought A; (segment, null,
   *     null, n) customers
   */
  static Dataset<Row> count(Dataset<Row> ranges, Dataset<Row> offers) {
    Set<String> offered = new HashSet<>(offers.select(col("product_id")).as(Encoders.STRING()).collectAsList());
    Broadcast<Set<String>> shared = JavaSparkContext.fromSparkContext(ranges.sparkSession().sparkContext())
        .broadcast(offered);
    return ranges.select(col("segment"), col("_items"))
        .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> partition(rows, shared.value()),
            Encoders.row(COUNTS));
  }

  /**
   * {@link #count}'s partial counts of owners and customers only: the (segment, A, null, n) and (segment, null,
   * null, n) rows, counted as {@link #count} counts them, without the pairs.
   */
  static Dataset<Row> owners(Dataset<Row> ranges) {
    return ranges.select(col("segment"), col("_items"))
        .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> partition(rows, Set.of(), false),
            Encoders.row(COUNTS));
  }

  /** One segment's counts in a partition: products numbered as met, pairs keyed by both numbers. */
  private static final class Segment {
    final Map<String, Integer> ids = new HashMap<>();
    final List<String> names = new ArrayList<>();
    final List<long[]> owners = new ArrayList<>();
    /** mix(A << 32 | B) → {customers, A, B}. */
    final Map<Long, long[]> pairs = new HashMap<>();
    long customers;

    int id(String product) {
      Integer id = ids.get(product);
      if (id == null) {
        id = names.size();
        ids.put(product, id);
        names.add(product);
        owners.add(new long[1]);
      }
      return id;
    }
  }

  /** MurmurHash3's 64-bit finaliser: a bijection, so distinct pairs keep distinct keys. */
  static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  /** Pairs a partition counts before it hands its counts on and starts afresh (bounds its memory). */
  static final int MAX_PAIRS = 1 << 20;

  static Iterator<Row> partition(Iterator<Row> rows, Set<String> offered) {
    return partition(rows, offered, true);
  }

  private static Iterator<Row> partition(Iterator<Row> rows, Set<String> offered, boolean pairs) {
    return new Iterator<>() {
      private Iterator<Row> ready = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!ready.hasNext() && rows.hasNext()) {
          ready = countSome(rows, offered, MAX_PAIRS, pairs).iterator();
        }
        return ready.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return ready.next();
      }
    };
  }

  /** Counts customers from rows until maxPairs distinct pairs are counted or the rows end; returns the counts. */
  static List<Row> countSome(Iterator<Row> rows, Set<String> offered, int maxPairs) {
    return countSome(rows, offered, maxPairs, true);
  }

  /** As above; without pairs, no pair is counted (and none returned). */
  private static List<Row> countSome(Iterator<Row> rows, Set<String> offered, int maxPairs, boolean pairs) {
    Map<String, Segment> segments = new HashMap<>();
    int[] ids = new int[16];
    boolean[] offer = new boolean[16];
    int distinct = 0;
    while (distinct < maxPairs && rows.hasNext()) {
      Row r = rows.next();
      Segment s = segments.computeIfAbsent(r.getString(0), k -> new Segment());
      List<String> items = r.getList(1);
      int k = items.size();
      if (ids.length < k) {
        ids = new int[k];
        offer = new boolean[k];
      }
      s.customers++;
      int m = 0;
      for (String item : items) {
        if (item == null) {
          continue; // pairs with nobody
        }
        int i = m++;
        ids[i] = s.id(item);
        offer[i] = offered.contains(item);
        s.owners.get(ids[i])[0]++;
      }
      for (int i = 0; pairs && i < m; i++) {
        long a = (long) ids[i] << 32;
        for (int j = 0; j < m; j++) {
          if (j != i && offer[j] && ids[j] != ids[i]) {
            // Mixed: Long's own hash of (A << 32 | B) is A ^ B, which puts most pairs in few buckets.
            Long key = mix(a | ids[j]);
            long[] n = s.pairs.get(key);
            if (n == null) {
              s.pairs.put(key, new long[] {1, ids[i], ids[j]});
              distinct++;
            } else {
              n[0]++;
            }
          }
        }
      }
    }
    List<Row> out = new ArrayList<>();
    segments.forEach((segment, s) -> {
      out.add(RowFactory.create(segment, null, null, s.customers));
      for (int i = 0; i < s.names.size(); i++) {
        out.add(RowFactory.create(segment, s.names.get(i), null, s.owners.get(i)[0]));
      }
      s.pairs.values().forEach(n -> out.add(RowFactory.create(segment, s.names.get((int) n[1]),
          s.names.get((int) n[2]), n[0])));
    });
    return out;
  }
}
