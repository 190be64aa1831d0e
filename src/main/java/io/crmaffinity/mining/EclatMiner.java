package io.crmaffinity.mining;

import static org.apache.spark.sql.functions.col;

import io.crmaffinity.spark.JobCaches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Tuple2;

/**
 * A Spark-native frequent-itemset engine whose itemsets and rules are identical to MLlib {@code FPGrowth}'s
 * (same minimum count, same double arithmetic for the rule measures), built for speed. Three Spark jobs on RDDs
 * of primitive arrays (no DataFrame code generation on the hot path):
 *
 * <ol>
 *   <li>item frequencies in one pass (per-partition hash counts, summed by item); minCount =
 *       {@code ceil(minSupport * n)} as FPGrowth; the frequent items (only they come to the driver) get dense int
 *       ranks, most frequent first;
 *   <li>each basket becomes an ascending rank array; partition p of P owns the prefix classes of the items with
 *       {@code rank mod P = p} (every itemset belongs to the class of its largest rank, its least frequent item,
 *       so it is mined exactly once). A basket is shipped once to each partition owning one of its items at
 *       position 1 or later, cut after that partition's last such item; the baskets a map task sends to one
 *       partition travel as one packed int array, so the one shuffle is a few large records;
 *   <li>each partition mines its classes: for an owned item i, its conditional database (the items before i of
 *       the baskets holding i) is counted, its frequent items get tid lists, and Eclat extends them depth-first
 *       by intersection; the itemsets (ranks and count) stay cached in their partition;
 *   <li>rules X \ {c} -> {c}: when c is not X's largest rank the antecedent keeps it, so the same partition
 *       holds its count (single items come from the broadcast item counts); otherwise the antecedent's count lives
 *       in the partition owning its own largest rank, and a small packed request goes there (the second and last
 *       shuffle, one record per itemset of 3+ items). No rule or itemset is collected to the driver.
 * </ol>
 *
 * <p>Memory guard for skewed data: a partition holds each basket at most once (cut at its last owned item), so
 * at most one copy of the encoded baskets and, when P exceeds the basket length L, about L / 2P of it. A
 * basket is shipped at most min(P, L - 1) times, so very long baskets cost O(P L) ints, not the O(L^2) of one
 * conditional basket per item; the job bounds L with {@code basket.max-items} (default 200), the same cap that
 * protects FPGrowth. An item present in most baskets ranks first, so its own class is empty and it only adds one
 * int to the others' conditional baskets. Mining the class of item i needs its conditional database (freq(i)
 * baskets of fewer than rank(i) items) plus at most one tid list per candidate per depth, each no longer than
 * its parent's, so O(depth * conditional database) ints; one class at a time is in memory.
 */
public final class EclatMiner {
  private EclatMiner() {}

  public static MiningResult mine(Dataset<Row> baskets, long basketCount, double minSupport, double minConfidence,
      int numPartitions) {
    SparkSession spark = baskets.sparkSession();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    final long n = basketCount;
    final long min = Math.max((long) Math.ceil(minSupport * n), 1L);
    final int partitions = numPartitions > 0 ? numPartitions : jsc.defaultParallelism();
    // the baskets' items as Spark holds them (no per-row conversion to Java objects)
    JavaRDD<InternalRow> rows = baskets.select(col("items")).queryExecution().toRdd().toJavaRDD();

    // 1. item frequencies in one pass (counted per partition, summed by item); the frequent ones to the driver
    List<Tuple2<String, Long>> frequent = new ArrayList<>(rows.mapPartitionsToPair(it -> {
      HashMap<UTF8String, long[]> c = new HashMap<>();
      while (it.hasNext()) {
        ArrayData a = it.next().getArray(0);
        for (int k = 0; k < a.numElements(); k++) {
          long[] v = c.get(a.getUTF8String(k));
          if (v == null) {
            c.put(a.getUTF8String(k).clone(), new long[] {1});
          } else {
            v[0]++;
          }
        }
      }
      List<Tuple2<String, Long>> out = new ArrayList<>(c.size());
      c.forEach((k, v) -> out.add(new Tuple2<>(k.toString(), v[0])));
      return out.iterator();
    }).reduceByKey(Long::sum, partitions).filter(t -> t._2() >= min).collect());
    // ranks: most frequent first, ties by item text
    frequent.sort((a, b) -> a._2().equals(b._2())
        ? UTF8String.fromString(a._1()).compareTo(UTF8String.fromString(b._1())) : Long.compare(b._2(), a._2()));
    int numItems = frequent.size();
    String[] itemOf = new String[numItems];
    long[] freqOf = new long[numItems];
    HashMap<UTF8String, Integer> rankOf = new HashMap<>();
    for (int i = 0; i < numItems; i++) {
      itemOf[i] = frequent.get(i)._1();
      freqOf[i] = frequent.get(i)._2();
      rankOf.put(UTF8String.fromString(itemOf[i]), i);
    }
    // output arrays are sorted as Spark's array_sort sorts strings (UTF-8 bytes)
    Integer[] byName = new Integer[numItems];
    for (int i = 0; i < numItems; i++) {
      byName[i] = i;
    }
    Arrays.sort(byName, (a, b) -> UTF8String.fromString(itemOf[a]).compareTo(UTF8String.fromString(itemOf[b])));
    int[] nameOrder = new int[numItems];
    for (int i = 0; i < numItems; i++) {
      nameOrder[byName[i]] = i;
    }
    Broadcast<HashMap<UTF8String, Integer>> ranks = jsc.broadcast(rankOf);
    Broadcast<Names> names = jsc.broadcast(new Names(itemOf, nameOrder, freqOf));

    // 2. baskets as ascending rank arrays, 3. shipped once per partition owning one of their items, packed
    JavaRDD<EclatShard.Itemset> mined = rows.mapPartitionsToPair(it -> {
      HashMap<UTF8String, Integer> rk = ranks.value();
      EclatShard.Ints[] out = new EclatShard.Ints[partitions];
      for (int p = 0; p < partitions; p++) {
        out[p] = new EclatShard.Ints();
      }
      boolean[] seen = new boolean[partitions];
      int[] basket = new int[64];
      while (it.hasNext()) {
        ArrayData a = it.next().getArray(0);
        if (a.numElements() > basket.length) {
          basket = new int[a.numElements()];
        }
        int len = 0;
        for (int k = 0; k < a.numElements(); k++) {
          Integer r = rk.get(a.getUTF8String(k));
          if (r != null) {
            basket[len++] = r;
          }
        }
        Arrays.sort(basket, 0, len);
        int distinct = len == 0 ? 0 : 1;
        for (int k = 1; k < len; k++) {
          if (basket[k] != basket[distinct - 1]) {
            basket[distinct++] = basket[k];
          }
        }
        if (distinct >= 2) {
          EclatShard.ship(basket, distinct, partitions, out, seen);
        }
      }
      List<Tuple2<Integer, int[]>> packed = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        if (out[p].size > 0) {
          packed.add(new Tuple2<>(p, out[p].toArray()));
        }
      }
      return packed.iterator();
    }).partitionBy(new HashPartitioner(partitions))
        // 4. each partition mines the prefix classes it owns (its single items included)
        .mapPartitionsWithIndex((p, it) -> {
          List<int[]> chunks = new ArrayList<>();
          it.forEachRemaining(t -> chunks.add(t._2()));
          List<EclatShard.Itemset> out = new ArrayList<>();
          long[] single = names.value().freq;
          for (int i = p; i < numItems; i += partitions) {
            out.add(new EclatShard.Itemset(new int[] {i}, single[i]));
          }
          EclatShard.mine(chunks, p, partitions, numItems, min, (r, f) -> out.add(new EclatShard.Itemset(r, f)));
          return out.iterator();
        }, true);
    mined = JobCaches.persist(mined, StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> itemsets = spark.createDataFrame(
        mined.map(x -> RowFactory.create(names.value().sorted(x.ranks()), x.freq())), SegmentMiner.NO_ITEMSETS);

    // 5. rules X \ {c} -> {c}: the partition holding X answers the subsets that keep X's largest rank (and the
    // single items); X \ {largest} goes to the partition owning its own largest rank, the only shuffle
    JavaPairRDD<Integer, long[]> requests = mined.mapPartitionsToPair(it -> {
      long[][] out = new long[partitions][16];
      int[] size = new int[partitions];
      while (it.hasNext()) {
        EclatShard.Itemset x = it.next();
        if (EclatShard.needsRemote(x)) {
          EclatShard.request(x, out, size, partitions);
        }
      }
      List<Tuple2<Integer, long[]>> packed = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        if (size[p] > 0) {
          packed.add(new Tuple2<>(p, Arrays.copyOf(out[p], size[p])));
        }
      }
      return packed.iterator();
    }).partitionBy(new HashPartitioner(partitions));
    JavaRDD<Row> ruleRows = mined.zipPartitions(requests.values(), (local, remote) -> {
      List<EclatShard.Itemset> xs = new ArrayList<>();
      local.forEachRemaining(xs::add);
      Names nm = names.value();
      List<Row> out = new ArrayList<>();
      EclatShard.rules(xs, remote, nm.freq, (a, c, freqUnion, freqAntecedent) -> {
        // the same double arithmetic as MLlib's AssociationRules and FPGrowthModel
        double confidence = (double) freqUnion / (double) freqAntecedent;
        if (confidence >= minConfidence) {
          double support = (double) freqUnion / (double) n;
          double lift = confidence / ((double) nm.freq[c] / (double) n);
          out.add(RowFactory.create(nm.sorted(a), new String[] {nm.item[c]}, support, confidence, lift));
        }
      });
      return out.iterator();
    });
    Dataset<Row> rules = spark.createDataFrame(ruleRows, SegmentMiner.NO_RULES);
    return new MiningResult(itemsets, rules, basketCount);
  }

  /** Item names by rank, each rank's position in name order (and back), and each rank's basket count. */
  static final class Names implements java.io.Serializable {
    final String[] item;
    final int[] nameOrder;
    final int[] rankAt;
    final long[] freq;

    Names(String[] item, int[] nameOrder, long[] freq) {
      this.item = item;
      this.nameOrder = nameOrder;
      this.freq = freq;
      this.rankAt = new int[nameOrder.length];
      for (int r = 0; r < nameOrder.length; r++) {
        rankAt[nameOrder[r]] = r;
      }
    }

    String[] sorted(int[] ranks) {
      int[] keys = new int[ranks.length];
      for (int i = 0; i < ranks.length; i++) {
        keys[i] = nameOrder[ranks[i]];
      }
      Arrays.sort(keys);
      String[] out = new String[ranks.length];
      for (int i = 0; i < keys.length; i++) {
        out[i] = item[rankAt[keys[i]]];
      }
      return out;
    }
  }
}
