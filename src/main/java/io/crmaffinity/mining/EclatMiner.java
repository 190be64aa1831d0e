package io.crmaffinity.mining;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_remove;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A Spark-native frequent-itemset engine whose itemsets and rules are identical to MLlib {@code FPGrowth}'s
 * (same minimum count, same double arithmetic for the rule measures), built for speed:
 *
 * <ol>
 *   <li>item frequencies in one pass; minCount = {@code ceil(minSupport * n)} as FPGrowth; frequent items
 *       get dense int ranks, most frequent first (ties by item text);
 *   <li>each basket becomes a sorted int array of its frequent ranks;
 *   <li>sharding by prefix class: for every basket and each of its items i, the basket's items ranked
 *       <em>before</em> i (the more frequent ones) form i's conditional basket; every itemset is mined in the
 *       shard of its least frequent item, so exactly once;
 *   <li>the shards are grouped (hash-partitioned over {@code numPartitions}) and each conditional database is
 *       mined locally by Eclat: vertical int tid lists, depth-first intersections;
 *   <li>rules from the itemset counts by a distributed join of each itemset minus one item with that subset's
 *       own count; only the single-item counts are ever on the driver.
 * </ol>
 *
 * <p>Memory guard for skewed data: because a conditional basket holds only the items more frequent than its
 * prefix, an item present in most baskets (rank 0) has an empty conditional database, and the large shards
 * belong to rare items, which have few baskets. A shard of prefix i holds at most freq(i) baskets of at most
 * rank(i) items; the Eclat recursion keeps one tid list per candidate per level, each no longer than its
 * parent, so a shard needs O(freq(i) * depth) ints beyond its database. Very long baskets cost O(L^2) ints of
 * shuffle each (every item ships its more frequent items); the job bounds L with {@code basket.max-items}
 * (default 200), the same cap that protects FPGrowth. Identical conditional baskets are merged with a count
 * before the shuffle, so repetitive data ships and mines each distinct suffix once.
 */
public final class EclatMiner {
  private EclatMiner() {}

  public static MiningResult mine(Dataset<Row> baskets, long basketCount, double minSupport, double minConfidence,
      int numPartitions) {
    SparkSession spark = baskets.sparkSession();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    long n = basketCount;
    long minCount = (long) Math.ceil(minSupport * n);
    int partitions = numPartitions > 0 ? numPartitions : jsc.defaultParallelism();

    // 1. item frequencies (one pass); the frequent ones come to the driver (one row per item)
    List<Row> counts = baskets.select(explode(col("items")).as("item")).groupBy("item").count()
        .where(col("count").geq(Math.max(minCount, 1L))).collectAsList();
    List<Map.Entry<String, Long>> frequent = new ArrayList<>();
    for (Row r : counts) {
      frequent.add(Map.entry(r.getString(0), r.getLong(1)));
    }
    frequent.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
        : Long.compare(b.getValue(), a.getValue()));
    String[] itemOf = new String[frequent.size()];
    HashMap<String, Integer> rankOf = new HashMap<>();
    List<Row> singles = new ArrayList<>();
    for (int i = 0; i < itemOf.length; i++) {
      itemOf[i] = frequent.get(i).getKey();
      rankOf.put(itemOf[i], i);
      singles.add(RowFactory.create(new String[] {itemOf[i]}, frequent.get(i).getValue()));
    }
    Broadcast<HashMap<String, Integer>> ranks = jsc.broadcast(rankOf);
    Broadcast<String[]> names = jsc.broadcast(itemOf);
    final long min = Math.max(minCount, 1L);

    // 2. baskets as sorted rank arrays; 3. conditional baskets per prefix, identical ones merged
    JavaRDD<int[]> encoded = baskets.select(col("items")).javaRDD().map(row -> {
      List<String> items = row.getList(0);
      HashMap<String, Integer> rk = ranks.value();
      int[] out = new int[items.size()];
      int k = 0;
      for (String s : items) {
        Integer r = rk.get(s);
        if (r != null) {
          out[k++] = r;
        }
      }
      int[] a = Arrays.copyOf(out, k);
      Arrays.sort(a);
      return a;
    }).filter(a -> a.length >= 2);
    // one shuffle: map-side combining merges identical conditional baskets of a prefix into one with a count
    JavaPairRDD<Integer, HashMap<Suffix, long[]>> conditional = encoded.flatMapToPair(a -> {
      List<Tuple2<Integer, int[]>> out = new ArrayList<>(a.length - 1);
      for (int j = 1; j < a.length; j++) {
        out.add(new Tuple2<>(a[j], Arrays.copyOf(a, j)));
      }
      return out.iterator();
    }).combineByKey(items -> {
      HashMap<Suffix, long[]> m = new HashMap<>();
      m.put(new Suffix(0, items), new long[] {1});
      return m;
    }, (m, items) -> {
      m.computeIfAbsent(new Suffix(0, items), k -> new long[1])[0]++;
      return m;
    }, (m1, m2) -> {
      HashMap<Suffix, long[]> big = m1.size() >= m2.size() ? m1 : m2;
      HashMap<Suffix, long[]> small = big == m1 ? m2 : m1;
      small.forEach((k, v) -> big.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
      return big;
    }, partitions);
    // 4. mine each prefix's conditional database locally
    JavaRDD<Row> mined = conditional
        .flatMap(g -> {
          List<Row> out = new ArrayList<>();
          List<int[]> db = new ArrayList<>();
          List<Long> weights = new ArrayList<>();
          for (Map.Entry<Suffix, long[]> b : g._2().entrySet()) {
            db.add(b.getKey().items);
            weights.add(b.getValue()[0]);
          }
          String[] nm = names.value();
          new Eclat(db, weights, min, g._1(), (itemset, freq) -> {
            String[] s = new String[itemset.length];
            for (int i = 0; i < s.length; i++) {
              s[i] = nm[itemset[i]];
            }
            Arrays.sort(s);
            out.add(RowFactory.create(s, freq));
          }).run();
          return out.iterator();
        });
    Dataset<Row> itemsets = spark.createDataFrame(singles, SegmentMiner.NO_ITEMSETS)
        .union(spark.createDataFrame(mined, SegmentMiner.NO_ITEMSETS))
        .persist(StorageLevel.MEMORY_AND_DISK());

    // 5. rules: X\{c} -> c for each itemset X of 2+ items, joined with the count of X\{c}
    Dataset<Row> single = broadcast(spark.createDataFrame(singles, SegmentMiner.NO_ITEMSETS)
        .select(col("items").getItem(0).as("c"), col("freq").as("freq_c")));
    Dataset<Row> candidates = itemsets.where(size(col("items")).geq(2))
        .select(col("items"), col("freq").as("freq_union"), explode(col("items")).as("c"))
        .select(array_remove(col("items"), col("c")).as("antecedent"), col("c"), col("freq_union"));
    Dataset<Row> antecedents = itemsets.select(col("items").as("antecedent"), col("freq").as("freq_antecedent"));
    Dataset<Row> rules = candidates.join(antecedents, "antecedent")
        .withColumn("confidence", col("freq_union").cast("double").divide(col("freq_antecedent").cast("double")))
        .where(col("confidence").geq(minConfidence))
        .join(single, "c")
        .select(col("antecedent"), array(col("c")).as("consequent"),
            col("freq_union").cast("double").divide(lit((double) n)).as("support"),
            col("confidence"),
            col("confidence").divide(col("freq_c").cast("double").divide(lit((double) n))).as("lift"));
    return new MiningResult(itemsets, rules, basketCount);
  }

  /** A conditional basket: the prefix item and the (sorted, more frequent) items before it. */
  static final class Suffix implements java.io.Serializable {
    final int prefix;
    final int[] items;
    private final int hash;

    Suffix(int prefix, int[] items) {
      this.prefix = prefix;
      this.items = items;
      this.hash = 31 * prefix + Arrays.hashCode(items);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Suffix s && s.prefix == prefix && Arrays.equals(s.items, items);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  interface Sink {
    void emit(int[] itemset, long freq);
  }

  /**
   * Eclat over one conditional database of weighted baskets: vertical tid lists (sorted int arrays of basket
   * indices), extended depth-first by intersection; every itemset {prefix} + X (X non-empty) with weighted
   * count >= min is emitted.
   */
  static final class Eclat {
    private final long[] weight;
    private final long min;
    private final int prefix;
    private final Sink sink;
    private final List<int[]> tids = new ArrayList<>();
    private final List<Integer> items = new ArrayList<>();
    private final List<Long> supports = new ArrayList<>();

    Eclat(List<int[]> db, List<Long> weights, long min, int prefix, Sink sink) {
      this.weight = new long[db.size()];
      this.min = min;
      this.prefix = prefix;
      this.sink = sink;
      Map<Integer, long[]> support = new HashMap<>();
      Map<Integer, int[]> lengths = new HashMap<>();
      for (int t = 0; t < db.size(); t++) {
        weight[t] = weights.get(t);
        for (int item : db.get(t)) {
          support.computeIfAbsent(item, k -> new long[1])[0] += weight[t];
          lengths.computeIfAbsent(item, k -> new int[1])[0]++;
        }
      }
      Map<Integer, int[]> lists = new HashMap<>();
      Map<Integer, int[]> fill = new HashMap<>();
      for (Map.Entry<Integer, long[]> e : support.entrySet()) {
        if (e.getValue()[0] >= min) {
          lists.put(e.getKey(), new int[lengths.get(e.getKey())[0]]);
          fill.put(e.getKey(), new int[1]);
        }
      }
      for (int t = 0; t < db.size(); t++) {
        for (int item : db.get(t)) {
          int[] l = lists.get(item);
          if (l != null) {
            l[fill.get(item)[0]++] = t;
          }
        }
      }
      List<Integer> order = new ArrayList<>(lists.keySet());
      order.sort(null);
      for (int item : order) {
        items.add(item);
        tids.add(lists.get(item));
        supports.add(support.get(item)[0]);
      }
    }

    void run() {
      int[] stack = new int[items.size() + 1];
      stack[0] = prefix;
      extend(stack, 1, items, tids, supports);
    }

    private void extend(int[] stack, int depth, List<Integer> candItems, List<int[]> candTids,
        List<Long> candSupport) {
      int[] buffer = null;
      for (int a = 0; a < candItems.size(); a++) {
        stack[depth] = candItems.get(a);
        sink.emit(Arrays.copyOf(stack, depth + 1), candSupport.get(a));
        int[] ta = candTids.get(a);
        List<Integer> nextItems = new ArrayList<>();
        List<int[]> nextTids = new ArrayList<>();
        List<Long> nextSupport = new ArrayList<>();
        if (buffer == null || buffer.length < ta.length) {
          buffer = new int[ta.length];
        }
        for (int b = a + 1; b < candItems.size(); b++) {
          int[] tb = candTids.get(b);
          int k = 0;
          long s = 0;
          int i = 0;
          int j = 0;
          while (i < ta.length && j < tb.length) {
            int x = ta[i];
            int y = tb[j];
            if (x == y) {
              buffer[k++] = x;
              s += weight[x];
              i++;
              j++;
            } else if (x < y) {
              i++;
            } else {
              j++;
            }
          }
          if (s >= min) {
            nextItems.add(candItems.get(b));
            nextTids.add(Arrays.copyOf(buffer, k));
            nextSupport.add(s);
          }
        }
        if (!nextItems.isEmpty()) {
          extend(stack, depth + 1, nextItems, nextTids, nextSupport);
        }
      }
    }
  }
}
