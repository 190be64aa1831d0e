package io.crmaffinity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * One local SparkSession for the whole test JVM (2 threads, 2 shuffle partitions, UI off), with the same
 * Delta and date settings as the job ({@link TestSparkConf}). The session and the DataFrame comparison come from
 * {@link SparkTestSupport}, one per Spark line (spark-testing-base on 3.5, plain JUnit on 4).
 */
public abstract class SparkTestBase extends SparkTestSupport {

  @AfterEach
  void releaseSessionCaches() {
    releaseCaches(session());
  }

  /**
   * Forgets what a test left cached in the shared session: Delta's snapshots of every table it touched (the
   * suite touches hundreds of throwaway tables) and any cached Dataset. The job releases its own caches; this
   * keeps one test's leftovers from slowing every later one.
   */
  public static void releaseCaches(SparkSession spark) {
    org.apache.spark.sql.delta.DeltaLog.clearCache();
    spark.catalog().clearCache();
  }

  @BeforeEach
  void startSpark() {
    sharedSparkSession();
  }

  /**
   * The JVM-wide test session for code outside a JUnit Jupiter test class (jqwik properties run without
   * Jupiter's lifecycle): the same session every SparkTestBase test uses.
   */
  public static SparkSession sharedSession() {
    return new SparkTestBase() {}.session();
  }

  protected SparkSession session() {
    return sharedSparkSession();
  }

  protected Dataset<Row> rows(StructType schema, Object[]... values) {
    List<Row> rows = Arrays.stream(values).map(RowFactory::create).toList();
    return session().createDataFrame(rows, schema);
  }

  /** Rows compared regardless of order and of nullability flags, which Spark derives per expression. */
  protected void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    assertRowsNoOrder(nullable(expected), nullable(actual));
  }

  private Dataset<Row> nullable(Dataset<Row> df) {
    return session().createDataFrame(df.javaRDD(), (StructType) nullable(df.schema()));
  }

  private static DataType nullable(DataType t) {
    if (t instanceof StructType s) {
      return new StructType(Arrays.stream(s.fields())
          .map(f -> new StructField(f.name(), nullable(f.dataType()), true, f.metadata()))
          .toArray(StructField[]::new));
    }
    if (t instanceof ArrayType a) {
      return new ArrayType(nullable(a.elementType()), true);
    }
    if (t instanceof MapType m) {
      return new MapType(nullable(m.keyType()), nullable(m.valueType()), true);
    }
    return t;
  }

  /**
   * {@code n} random baskets over items i0..i(universe−1); each item has its own inclusion probability,
   * drawn first from [minP, minP + spanP).
   */
  protected static List<Set<String>> randomBaskets(Random rnd, int n, int universe, double minP, double spanP) {
    double[] p = new double[universe];
    for (int i = 0; i < universe; i++) {
      p[i] = minP + spanP * rnd.nextDouble();
    }
    List<Set<String>> baskets = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      Set<String> basket = new HashSet<>();
      for (int i = 0; i < universe; i++) {
        if (rnd.nextDouble() < p[i]) {
          basket.add("i" + i);
        }
      }
      baskets.add(basket);
    }
    return baskets;
  }

  /** Baskets as the miners take them: one {@code items} array per row. */
  protected Dataset<Row> basketFrame(List<Set<String>> baskets) {
    List<Row> rows = baskets.stream().map(b -> RowFactory.create((Object) b.toArray(new String[0]))).toList();
    return session().createDataFrame(rows, StructType.fromDDL("items ARRAY<STRING>"));
  }

  protected static StructType schema(String ddl) {
    return StructType.fromDDL(ddl);
  }
}
