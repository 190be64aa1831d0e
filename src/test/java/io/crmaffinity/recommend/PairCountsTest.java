package io.crmaffinity.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/** The per-partition counts of item similarity, summed as Spark sums them (no Spark needed). */
class PairCountsTest {
  private static Row customer(String segment, String... items) {
    return RowFactory.create(segment, JavaConverters.asScalaBuffer(Arrays.asList(items)).toSeq());
  }

  private static final List<Row> CUSTOMERS = List.of(
      customer("S", "A", "B", "C"),
      customer("S", "A", "B"),
      customer("S", "B", null),
      customer("T", "A", "B"),
      customer("S"));

  /** "segment|item|product" → summed n, as the groupBy after the partitions makes it. */
  private static Map<String, Long> summed(Iterator<Row> rows) {
    Map<String, Long> m = new TreeMap<>();
    rows.forEachRemaining(r -> m.merge(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2), r.getLong(3),
        Long::sum));
    return m;
  }

  @Test
  void countsCustomersOwnersAndOfferedPairsPerSegment() {
    // C is not offered: pairs towards C are not counted, C's owners are.
    Map<String, Long> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("S|null|null", 4L), Map.entry("S|A|null", 2L), Map.entry("S|B|null", 3L),
        Map.entry("S|C|null", 1L), Map.entry("S|A|B", 2L), Map.entry("S|B|A", 2L), Map.entry("S|C|A", 1L),
        Map.entry("S|C|B", 1L), Map.entry("T|null|null", 1L), Map.entry("T|A|null", 1L),
        Map.entry("T|B|null", 1L), Map.entry("T|A|B", 1L), Map.entry("T|B|A", 1L)));
    assertEquals(expected, summed(PairCounts.partition(CUSTOMERS.iterator(), Set.of("A", "B"))));
  }

  @Test
  void aPartitionThatHandsOnItsCountsEarlySumsToTheSame() {
    List<Row> flushed = new ArrayList<>();
    Iterator<Row> it = CUSTOMERS.iterator();
    int rounds = 0;
    while (it.hasNext()) {
      flushed.addAll(PairCounts.countSome(it, Set.of("A", "B"), 1));
      rounds++;
    }
    // A round ends after the customer whose pairs reach the bound: {1}, {2}, {3 (no pair), 4}, {5}.
    assertEquals(4, rounds);
    assertEquals(summed(PairCounts.partition(CUSTOMERS.iterator(), Set.of("A", "B"))), summed(flushed.iterator()));
  }
}
