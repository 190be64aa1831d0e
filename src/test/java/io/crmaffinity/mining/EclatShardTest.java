package io.crmaffinity.mining;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Spark-free parts of the eclat engine: shipping baskets to partitions, mining a partition, its rules. */
class EclatShardTest {

  private static EclatShard.Ints[] outs(int partitions) {
    EclatShard.Ints[] out = new EclatShard.Ints[partitions];
    for (int p = 0; p < partitions; p++) {
      out[p] = new EclatShard.Ints();
    }
    return out;
  }

  @Test
  void aBasketGoesToEachOwningPartitionOnceUpToThatPartitionsLastItem() {
    EclatShard.Ints[] out = outs(3);
    boolean[] seen = new boolean[3];
    // partition 0 owns 0 and 3, 1 owns 1 and 4, 2 owns 2; item 0 at position 0 has no conditional basket
    long shipped = EclatShard.ship(new int[] {0, 1, 3, 4, 99}, 4, 3, out, seen);
    assertArrayEquals(new int[] {3, 0, 1, 3}, out[0].toArray());
    assertArrayEquals(new int[] {4, 0, 1, 3, 4}, out[1].toArray());
    assertArrayEquals(new int[] {}, out[2].toArray());
    assertEquals(9, shipped);
    assertArrayEquals(new boolean[3], seen, "scratch reset");
  }

  @Test
  void aLongBasketShipsAtMostOnceToEachPartition() {
    int[] basket = new int[60];
    for (int i = 0; i < 60; i++) {
      basket[i] = 3 * i;
    }
    for (int partitions : new int[] {1, 2, 8, 64, 200}) {
      long shipped = EclatShard.ship(basket, 60, partitions, outs(partitions), new boolean[partitions]);
      // never more than min(P, L - 1) copies of L + 1 ints (the O(L^2) of per-prefix conditional baskets is avoided)
      long bound = (long) Math.min(partitions, 59) * 61;
      org.junit.jupiter.api.Assertions.assertTrue(shipped <= bound, partitions + ": " + shipped + " > " + bound);
      if (partitions == 1) {
        assertEquals(61, shipped);
      }
    }
  }

  @Test
  void aPartitionMinesItsPrefixClassesAndAnswersItsRules() {
    // baskets (ranks): {0,1,2} x2, {0,2}, {1,2}; one partition owns everything; min count 2
    EclatShard.Ints[] out = outs(1);
    for (int[] b : new int[][] {{0, 1, 2}, {0, 1, 2}, {0, 2}, {1, 2}}) {
      EclatShard.ship(b, b.length, 1, out, new boolean[1]);
    }
    List<EclatShard.Itemset> found = new ArrayList<>();
    EclatShard.mine(List.of(out[0].toArray()), 0, 1, 3, 2, (r, f) -> found.add(new EclatShard.Itemset(r, f)));
    List<String> text = found.stream().map(x -> Arrays.toString(x.ranks()) + "=" + x.freq()).sorted().toList();
    assertEquals(List.of("[0, 1, 2]=2", "[0, 1]=2", "[0, 2]=3", "[1, 2]=3"), text);
    List<String> rules = new ArrayList<>();
    EclatShard.rules(found, List.<long[]>of().iterator(), new long[] {3, 3, 4},
        (a, c, fu, fa) -> rules.add(Arrays.toString(a) + "->" + c + " " + fu + "/" + fa));
    rules.sort(null);
    // {0,1,2} minus its largest item (2) is answered by a remote request, so not here
    assertEquals(List.of("[0, 2]->1 2/3", "[0]->1 2/3", "[0]->2 3/3", "[1, 2]->0 2/3",
        "[1]->0 2/3", "[1]->2 3/3", "[2]->0 3/4", "[2]->1 3/4"), rules);
    long[][] requests = {new long[1]};
    int[] size = new int[1];
    for (EclatShard.Itemset x : found) {
      if (EclatShard.needsRemote(x)) {
        EclatShard.request(x, requests, size, 1);
      }
    }
    assertArrayEquals(new long[] {2, 0, 1, 2, 2}, Arrays.copyOf(requests[0], size[0]));
    List<String> answered = new ArrayList<>();
    EclatShard.rules(List.of(new EclatShard.Itemset(new int[] {0, 1}, 2)),
        List.of(Arrays.copyOf(requests[0], size[0])).iterator(), new long[] {3, 3, 4},
        (a, c, fu, fa) -> answered.add(Arrays.toString(a) + "->" + c + " " + fu + "/" + fa));
    assertEquals(List.of("[1]->0 2/3", "[0]->1 2/3", "[0, 1]->2 2/2"), answered);
  }
}
