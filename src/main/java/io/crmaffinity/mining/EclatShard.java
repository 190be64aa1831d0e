package io.crmaffinity.mining;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;

/**
 * The Spark-free parts of {@link EclatMiner}: how a basket is shipped to the partitions, how one partition mines
 * the prefix classes it owns, and how one partition turns its itemsets into rules. Items are dense int ranks
 * (0 = most frequent); partition {@code p} of {@code P} owns the items whose rank is {@code p mod P}.
 */
final class EclatShard {
  private EclatShard() {}

  /** An itemset as ascending ranks with its basket count. */
  record Itemset(int[] ranks, long freq) implements Serializable {}

  /** A growable int array; baskets are packed into it as {@code length, items...}. */
  static final class Ints implements Serializable {
    int[] a = new int[256];
    int size;

    void add(int v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = v;
    }

    void add(int[] src, int from, int to) {
      int len = to - from;
      if (size + len > a.length) {
        a = Arrays.copyOf(a, Math.max(a.length * 2, size + len));
      }
      System.arraycopy(src, from, a, size, len);
      size += len;
    }

    int[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }

  /**
   * Ships one basket: for every partition owning an item at position 1 or later of the basket, the basket up to
   * and including that partition's last such item (which holds the conditional basket of every prefix the
   * partition owns in it). A basket of L items is shipped at most min(P, L - 1) times, each at most L items.
   *
   * @param basket ascending distinct ranks in {@code basket[0..length)}
   * @param seen scratch, {@code partitions} long, all false on entry and on return
   * @return the number of ints appended to {@code out}
   */
  static long ship(int[] basket, int length, int partitions, Ints[] out, boolean[] seen) {
    long shipped = 0;
    int left = partitions;
    for (int j = length - 1; j >= 1 && left > 0; j--) {
      int p = basket[j] % partitions;
      if (!seen[p]) {
        seen[p] = true;
        left--;
        out[p].add(j + 1);
        out[p].add(basket, 0, j + 1);
        shipped += j + 2;
      }
    }
    for (int j = length - 1; j >= 1 && left < partitions; j--) {
      int p = basket[j] % partitions;
      if (seen[p]) {
        seen[p] = false;
        left++;
      }
    }
    return shipped;
  }

  interface ItemsetSink {
    /** @param ranks ascending ranks; the sink may keep the array */
    void emit(int[] ranks, long freq);
  }

  /**
   * Mines every prefix class partition {@code p} owns: for each owned item i, its conditional database (the
   * items before i of the baskets holding i) is counted, its frequent items get tid lists, and Eclat extends them
   * depth-first by intersection. Emits every itemset of 2+ items whose largest rank is owned by {@code p}.
   *
   * @param chunks packed baskets ({@code length, items...}) shipped to this partition
   */
  static void mine(List<int[]> chunks, int p, int partitions, int numItems, long min, ItemsetSink sink) {
    // where each owned item occurs: the start of its basket and its own position, in the packed chunks
    int[] occurrences = new int[numItems];
    for (int[] c : chunks) {
      for (int s = 0; s < c.length; s += c[s] + 1) {
        for (int j = s + 2; j <= s + c[s]; j++) {
          if (c[j] % partitions == p) {
            occurrences[c[j]]++;
          }
        }
      }
    }
    int[][] chunkOf = new int[numItems][];
    int[][] startOf = new int[numItems][];
    int[][] endOf = new int[numItems][];
    for (int i = p; i < numItems; i += partitions) {
      if (occurrences[i] >= min) {
        chunkOf[i] = new int[occurrences[i]];
        startOf[i] = new int[occurrences[i]];
        endOf[i] = new int[occurrences[i]];
      }
      occurrences[i] = 0;
    }
    for (int ci = 0; ci < chunks.size(); ci++) {
      int[] c = chunks.get(ci);
      for (int s = 0; s < c.length; s += c[s] + 1) {
        for (int j = s + 2; j <= s + c[s]; j++) {
          int i = c[j];
          if (i % partitions == p && chunkOf[i] != null) {
            int k = occurrences[i]++;
            chunkOf[i][k] = ci;
            startOf[i][k] = s + 1;
            endOf[i][k] = j;
          }
        }
      }
    }
    int[] count = new int[numItems];
    int[] slot = new int[numItems];
    for (int i = p; i < numItems; i += partitions) {
      if (chunkOf[i] == null) {
        continue;
      }
      int m = chunkOf[i].length;
      // the frequent items of i's conditional database, ascending, each with a tid list over its m baskets
      for (int t = 0; t < m; t++) {
        int[] c = chunks.get(chunkOf[i][t]);
        for (int j = startOf[i][t]; j < endOf[i][t]; j++) {
          count[c[j]]++;
        }
      }
      int frequent = 0;
      for (int j = 0; j < i; j++) {
        if (count[j] >= min) {
          slot[j] = frequent++;
        } else {
          slot[j] = -1;
        }
      }
      int[] items = new int[frequent];
      int[][] tids = new int[frequent][];
      for (int j = 0; j < i; j++) {
        if (slot[j] >= 0) {
          items[slot[j]] = j;
          tids[slot[j]] = new int[count[j]];
        }
        count[j] = 0;
      }
      int[] fill = new int[frequent];
      for (int t = 0; t < m; t++) {
        int[] c = chunks.get(chunkOf[i][t]);
        for (int j = startOf[i][t]; j < endOf[i][t]; j++) {
          int s = slot[c[j]];
          if (s >= 0) {
            tids[s][fill[s]++] = t;
          }
        }
      }
      chunkOf[i] = null;
      startOf[i] = null;
      endOf[i] = null;
      new Eclat(i, min, sink).extend(new int[i + 1], 0, items, tids, frequent);
    }
  }

  /** Eclat over one prefix class: tid lists as ascending int arrays, support = tid list length. */
  private static final class Eclat {
    private final int prefix;
    private final long min;
    private final ItemsetSink sink;
    private int[] buffer = new int[16];

    Eclat(int prefix, long min, ItemsetSink sink) {
      this.prefix = prefix;
      this.min = min;
      this.sink = sink;
    }

    /** stack[0..depth) holds the ascending items chosen so far (the prefix excluded). */
    void extend(int[] stack, int depth, int[] items, int[][] tids, int count) {
      for (int a = 0; a < count; a++) {
        stack[depth] = items[a];
        int[] itemset = Arrays.copyOf(stack, depth + 2);
        itemset[depth + 1] = prefix;
        int[] ta = tids[a];
        sink.emit(itemset, ta.length);
        if (a + 1 == count) {
          break;
        }
        int[] nextItems = new int[count - a - 1];
        int[][] nextTids = new int[count - a - 1][];
        int next = 0;
        for (int b = a + 1; b < count; b++) {
          int[] tb = tids[b];
          if (tb.length < min) {
            continue;
          }
          int k = intersect(ta, tb);
          if (k >= min) {
            nextItems[next] = items[b];
            nextTids[next++] = Arrays.copyOf(buffer, k);
          }
        }
        if (next > 0) {
          extend(stack, depth + 1, nextItems, nextTids, next);
        }
      }
    }

    private int intersect(int[] x, int[] y) {
      if (buffer.length < Math.min(x.length, y.length)) {
        buffer = new int[Math.max(buffer.length * 2, Math.min(x.length, y.length))];
      }
      int i = 0;
      int j = 0;
      int k = 0;
      while (i < x.length && j < y.length) {
        int u = x[i];
        int v = y[j];
        if (u == v) {
          buffer[k++] = u;
          i++;
          j++;
        } else if (u < v) {
          i++;
        } else {
          j++;
        }
      }
      return k;
    }
  }

  /** The rule lookups an itemset needs from the partition owning {@code X \ {max}}, if it has 3+ items. */
  static boolean needsRemote(Itemset x) {
    return x.ranks().length >= 3;
  }

  /** A remote lookup packed as {@code length of A, A..., consequent, freq(X)}. */
  static void request(Itemset x, long[][] out, int[] size, int partitions) {
    int[] r = x.ranks();
    int len = r.length - 1;
    int p = r[len - 1] % partitions;
    long[] a = out[p];
    if (size[p] + len + 3 > a.length) {
      a = out[p] = Arrays.copyOf(a, Math.max(a.length * 2, size[p] + len + 3));
    }
    a[size[p]++] = len;
    for (int i = 0; i < len; i++) {
      a[size[p]++] = r[i];
    }
    a[size[p]++] = r[len];
    a[size[p]++] = x.freq();
  }

  interface RuleSink {
    /** antecedent -> {consequent}, with freq(antecedent + consequent) and freq(antecedent). */
    void emit(int[] antecedent, int consequent, long freqUnion, long freqAntecedent);
  }

  /**
   * All candidate rules X \ {c} -> {c} this partition can answer: every c of every local itemset X except X's
   * largest rank when X has 3+ items (X \ {c} then has X's largest rank, so it is local too, or is one item), plus
   * the remote lookups sent here.
   *
   * @param singles basket count of every frequent item by rank
   */
  static void rules(List<Itemset> local, Iterator<long[]> requests, long[] singles, RuleSink sink) {
    HashMap<Key, Long> freq = new HashMap<>(local.size() * 2);
    for (Itemset x : local) {
      freq.put(new Key(x.ranks()), x.freq());
    }
    for (Itemset x : local) {
      int[] r = x.ranks();
      if (r.length < 2) {
        continue;
      }
      for (int ci = 0; ci < r.length; ci++) {
        if (ci == r.length - 1 && r.length >= 3) {
          continue;
        }
        int[] a = new int[r.length - 1];
        System.arraycopy(r, 0, a, 0, ci);
        System.arraycopy(r, ci + 1, a, ci, r.length - ci - 1);
        long fa = a.length == 1 ? singles[a[0]] : lookup(freq, a);
        sink.emit(a, r[ci], x.freq(), fa);
      }
    }
    while (requests.hasNext()) {
      long[] q = requests.next();
      for (int s = 0; s < q.length; ) {
        int len = (int) q[s];
        int[] a = new int[len];
        for (int i = 0; i < len; i++) {
          a[i] = (int) q[s + 1 + i];
        }
        sink.emit(a, (int) q[s + 1 + len], q[s + 2 + len], lookup(freq, a));
        s += len + 3;
      }
    }
  }

  private static long lookup(HashMap<Key, Long> freq, int[] a) {
    Long f = freq.get(new Key(a));
    if (f == null) {
      throw new IllegalStateException(
          "eclat: the subset " + Arrays.toString(a) + " of a frequent itemset has no count");
    }
    return f;
  }

  /** An int array as a hash key. */
  record Key(int[] a) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(k.a, a);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(a);
    }
  }
}
