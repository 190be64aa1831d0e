package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.junit.jupiter.api.Test;

/**
 * The neighbours kept in one shuffle are, to the last bit, those of the SQL definition ({@link #sqlSimilarities}:
 * every pair's similarity from summed counts joined with both products' owners), then row_number() over (segment,
 * item) ordered by similarity descending and product_id, kept up to the number of neighbours.
 */
class TopNeighboursTest extends SparkTestBase {

  /** Random holdings over few products (so similarities tie often) in three segments, one product not offered. */
  private Dataset<Row> owners(long seed) {
    Random rnd = new Random(seed);
    List<Object[]> rows = new ArrayList<>();
    String[] segments = {"ALL", "customer_type=BUSINESS", "region=\u00e9st"};
    for (int c = 0; c < 120; c++) {
      String segment = segments[rnd.nextInt(segments.length)];
      int k = 1 + rnd.nextInt(5);
      for (int i = 0; i < 9; i++) {
        if (rnd.nextInt(9) < k) {
          rows.add(new Object[] {segment, "C" + c, "P" + i});
        }
      }
    }
    return rows(schema("segment STRING, customer_id STRING, product_id STRING"), rows.toArray(Object[][]::new));
  }

  private Dataset<Row> offers() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      rows.add(new Object[] {"P" + i});
    }
    return rows(schema("product_id STRING"), rows.toArray(Object[][]::new));
  }

  private static List<String> sorted(Dataset<Row> df) {
    List<String> out = new ArrayList<>(df.select(java.util.Arrays.stream(TopNeighbours.KEPT.fieldNames())
        .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
        .collectAsList().stream().map(Row::toString).toList());
    java.util.Collections.sort(out);
    return out;
  }

  @Test
  void keepsWhatTheSqlDefinitionKeeps() {
    int cases = 0;
    for (long seed = 1; seed <= 3; seed++) {
      Dataset<Row> owners = owners(seed).repartition(3).cache();
      // Integer.MAX_VALUE: every pair, as ItemSimilarity.similarities keeps them for the item-kNN baseline.
      for (int[] kc : new int[][] {{1, 1}, {3, 2}, {50, 1}, {Integer.MAX_VALUE, 1}}) {
        int keep = kc[0];
        int minCustomers = kc[1];
        double shrink = seed == 2 ? 0.0 : 0.7;
        int maxProducts = 4;
        Dataset<Row> expected = sqlSimilarities(owners, offers(), shrink, maxProducts, minCustomers)
            .withColumn("_r", row_number().over(Window.partitionBy(col("segment"), col("item"))
                .orderBy(col("similarity").desc(), col("product_id"))))
            .where(col("_r").leq(keep));
        Dataset<Row> ranges = ItemSimilarity.ranges(owners).where(size(col("_items")).leq(maxProducts));
        List<String> want = sorted(expected);
        org.junit.jupiter.api.Assertions.assertTrue(want.size() > 10, "a case with pairs to keep: " + want.size());
        assertEquals(want, sorted(TopNeighbours.of(ranges, offers(),
            new TopNeighbours.Plan(shrink, minCustomers, keep))), "seed " + seed + ", keep " + keep);
        cases++;
      }
      owners.unpersist();
    }
    assertEquals(12, cases);
  }

  @Test
  void similaritiesKeepEveryPair() {
    Dataset<Row> owners = owners(4);
    assertEquals(sorted(sqlSimilarities(owners, offers(), 0.0, Integer.MAX_VALUE, 1)),
        sorted(ItemSimilarity.similarities(owners, offers(), 0.0, Integer.MAX_VALUE, 1)));
  }

  /**
   * The SQL definition: the partial counts summed per (segment, item, product), the pairs with at least
   * minCustomers customers joined with both products' owners and the segment's customers; similarity = together /
   * (sqrt(owners · owners_b) + shrink). Columns as {@link TopNeighbours#KEPT}.
   */
  static Dataset<Row> sqlSimilarities(Dataset<Row> owners, Dataset<Row> offers, double shrink, int maxProducts,
      int minCustomers) {
    Dataset<Row> ranges = ItemSimilarity.ranges(owners).where(size(col("_items")).leq(maxProducts));
    Dataset<Row> counts = PairCounts.count(ranges, offers)
        .groupBy(col("segment"), col("item"), col("product_id")).agg(sum(col("n")).as("n")).cache();
    Dataset<Row> ownersOf = counts.where(col("item").isNotNull().and(col("product_id").isNull()))
        .select(col("segment"), col("item"), col("n").as("owners"));
    Dataset<Row> customers = counts.where(col("item").isNull())
        .select(col("segment"), col("n").as("_customers"));
    Dataset<Row> pairs = counts.where(col("product_id").isNotNull().and(col("n").geq(minCustomers)))
        .select(col("segment"), col("item"), col("product_id"), col("n").as("together"));
    return pairs
        .join(ownersOf, new String[] {"segment", "item"})
        .join(ownersOf.select(col("segment"), col("item").as("product_id"), col("owners").as("_owners_b")),
            new String[] {"segment", "product_id"})
        .join(customers, "segment")
        .withColumn("similarity", col("together").divide(
            sqrt(col("owners").multiply(col("_owners_b")).cast("double")).plus(shrink)));
  }
}
