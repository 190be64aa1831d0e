package io.crmaffinity.bench;

import static org.apache.spark.sql.functions.lit;

import io.crmaffinity.scoring.Measure;
import io.crmaffinity.scoring.RuleScorer;
import io.crmaffinity.spark.SparkSessions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.spark.ml.fpm.FPGrowth;
import org.apache.spark.ml.fpm.FPGrowthModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Scoring time as a share of mining time (jobs/bench-scoring.sh). Mining = FPGrowth's itemsets and rules,
 * materialised; scoring = every measure, the p-value adjustment and the ranking, materialised (written to
 * Spark's no-op sink so no column is pruned away). Scoring runs several times; the median is reported.
 *
 * <p>Arguments: a {@code txn_id,item} CSV (optionally .gz), min support, min confidence, scoring repeats.
 */
public final class ScoringBenchmark {
  private ScoringBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    double minSupport = Double.parseDouble(args[1]);
    double minConfidence = Double.parseDouble(args[2]);
    int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    SparkSession spark = SparkSessions.create(Map.of("spark.master", "local[2]",
        "spark.sql.shuffle.partitions", "2", "spark.ui.enabled", "false"));
    spark.sparkContext().setLogLevel("ERROR");

    Dataset<Row> baskets = spark.createDataFrame(read(file), StructType.fromDDL("items ARRAY<STRING>"))
        .persist(StorageLevel.MEMORY_ONLY());
    long n = baskets.count();

    long t0 = System.nanoTime();
    FPGrowthModel model = new FPGrowth().setItemsCol("items").setMinSupport(minSupport)
        .setMinConfidence(minConfidence).setNumPartitions(2).fit(baskets);
    Dataset<Row> itemsets = model.freqItemsets().persist(StorageLevel.MEMORY_ONLY());
    long itemsetCount = itemsets.count();
    long t1 = System.nanoTime();
    Dataset<Row> rules = model.associationRules().withColumn("segment", lit("ALL"))
        .withColumn("basket_count", lit(n)).persist(StorageLevel.MEMORY_ONLY());
    long ruleCount = rules.count();
    long t2 = System.nanoTime();
    double mining = (t2 - t0) / 1e9;

    List<Double> scoring = new ArrayList<>();
    for (int i = -2; i < repeats; i++) { // two warm-up runs (JIT, code generation) are not counted
      long s0 = System.nanoTime();
      Dataset<Row> scored = RuleScorer.rank(RuleScorer.adjustPValues(RuleScorer.score(rules),
          RuleScorer.Adjustment.BH), Measure.INFORMATION_GAIN);
      scored.write().format("noop").mode("overwrite").save();
      if (i >= 0) {
        scoring.add((System.nanoTime() - s0) / 1e9);
      }
    }
    List<Double> sorted = new ArrayList<>(scoring);
    sorted.sort(Double::compare);
    double median = sorted.get(sorted.size() / 2);
    System.out.printf(Locale.ROOT, "dataset %s: %d baskets, min-support %s, min-confidence %s%n", file.getFileName(),
        n, minSupport, minConfidence);
    System.out.printf(Locale.ROOT, "mining:  %d itemsets %.2f s, %d rules %.2f s, total %.2f s%n", itemsetCount,
        (t1 - t0) / 1e9, ruleCount, (t2 - t1) / 1e9, mining);
    System.out.printf(Locale.ROOT, "scoring: 20 measures + BH adjustment + ranking, median of %d runs after 2 warm-ups %.3f s "
        + "(runs: %s)%n", repeats, median, format(scoring));
    System.out.printf(Locale.ROOT, "scoring / mining = %.1f %%%n", 100 * median / mining);
    spark.stop();
  }

  private static String format(List<Double> xs) {
    return String.join(" ", xs.stream().map(x -> String.format(Locale.ROOT, "%.3f", x)).toList());
  }

  /** A {@code txn_id,item} CSV (optionally .gz) as one row of distinct items per basket. */
  public static List<Row> read(Path file) throws Exception {
    Map<String, Set<String>> baskets = new LinkedHashMap<>();
    try (BufferedReader r = file.toString().endsWith(".gz")
        ? new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
            StandardCharsets.UTF_8))
        : Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      r.readLine();
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.replace("\"", "").split(",", 2);
        baskets.computeIfAbsent(f[0], k -> new LinkedHashSet<>()).add(f[1].trim());
      }
    }
    List<Row> rows = new ArrayList<>();
    for (Set<String> items : baskets.values()) {
      rows.add(RowFactory.create((Object) items.toArray(new String[0])));
    }
    return rows;
  }

}
