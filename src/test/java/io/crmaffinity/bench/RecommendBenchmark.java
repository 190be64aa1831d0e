package io.crmaffinity.bench;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.crmaffinity.recommend.RecommendOptions;
import io.crmaffinity.recommend.RecommendScenario;
import io.crmaffinity.spark.SparkSessions;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.fpm.FPGrowth;
import org.apache.spark.ml.fpm.FPGrowthModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Recommend-stage time next to mining time on generated data (jobs/bench-recommend.sh), local[2].
 *
 * <p>Generated, seeded: {@code customers} customers each owning 1-8 of {@code products} products drawn with a
 * skew (product index = products × u², so low indexes are popular); their holdings are also the baskets.
 * Mining = FPGrowth on those baskets at {@code minSupport}, itemsets and rules materialised. Recommending uses
 * {@code rules} generated rules (antecedent 1-2 products drawn with the same skew, a random consequent) so
 * the rule count is fixed whatever the mining finds; it runs the whole stage (index join, combination,
 * ranking, popularity fill, reasons), written to Spark's no-op sink.
 *
 * <p>Arguments: customers, rules, products, mining min-support.
 */
public final class RecommendBenchmark {
  private RecommendBenchmark() {}

  public static void main(String[] args) {
    long customers = Long.parseLong(args[0]);
    long ruleCount = Long.parseLong(args[1]);
    int products = Integer.parseInt(args[2]);
    double minSupport = Double.parseDouble(args[3]);
    SparkSession spark = SparkSessions.create(Map.of("spark.master", "local[2]",
        "spark.sql.shuffle.partitions", "8", "spark.ui.enabled", "false"));
    spark.sparkContext().setLogLevel("ERROR");
    String skewed = "concat('P', cast(floor(pow(rand(%d), 2) * " + products + ") as string))";

    Dataset<Row> held = spark.range(customers)
        .select(concat(lit("C"), col("id").cast("string")).as("customer_id"),
            expr("explode(sequence(1, 1 + cast(floor(rand(1) * 8) as int)))").as("k"))
        .select(col("customer_id"), expr(String.format(Locale.ROOT, skewed, 2)).as("product_id"), lit(true).as("owned"))
        .distinct().persist(StorageLevel.MEMORY_AND_DISK());
    long heldRows = held.count();
    Dataset<Row> baskets = held.groupBy(col("customer_id"))
        .agg(array_sort(collect_set(col("product_id"))).as("items"))
        .select(lit("ALL").as("segment"), col("items")).persist(StorageLevel.MEMORY_AND_DISK());
    baskets.count();
    Dataset<Row> productTable = spark.range(products)
        .select(concat(lit("P"), col("id").cast("string")).as("product_id"),
            concat(lit("Product "), col("id").cast("string")).as("name"), lit("GOODS").as("category"),
            expr("cast(10 + id % 990 as decimal(18,2))").as("unit_price"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    productTable.count();
    Dataset<Row> rules = spark.range(ruleCount)
        .select(array_sort(array_distinct(expr("if(rand(3) < 0.5, array(" + String.format(Locale.ROOT, skewed, 4)
                + "), array(" + String.format(Locale.ROOT, skewed, 5) + ", " + String.format(Locale.ROOT, skewed, 6)
                + "))"))).as("antecedent"),
            expr("array(concat('P', cast(floor(rand(7) * " + products + ") as string)))").as("consequent"),
            expr("0.3 + rand(8) * 0.6").as("confidence"), expr("1 + rand(9) * 5").as("lift"),
            expr("rand(10) * 0.1").as("information_gain"))
        .withColumn("segment", lit("ALL"))
        .withColumn("added_value", col("confidence").minus(0.1))
        .persist(StorageLevel.MEMORY_AND_DISK());
    rules.count();

    long m0 = System.nanoTime();
    FPGrowthModel model = new FPGrowth().setItemsCol("items").setMinSupport(minSupport).setMinConfidence(0.1)
        .setNumPartitions(2).fit(baskets);
    long itemsets = model.freqItemsets().count();
    long minedRules = model.associationRules().count();
    double mining = (System.nanoTime() - m0) / 1e9;

    long r0 = System.nanoTime();
    Dataset<Row> segments = held.select(col("customer_id")).distinct().withColumn("segment", lit("ALL"));
    Dataset<Row> offers = RecommendScenario.offers(productTable, java.util.List.of());
    Dataset<Row> holdings = RecommendScenario.holdings(segments, held);
    Dataset<Row> popularity = RecommendScenario.popularity(baskets, offers);
    RecommendOptions options = RecommendOptions.defaults();
    Dataset<Row> neighbours = RecommendScenario.neighbours(holdings, offers, options);
    Dataset<Row> recs = RecommendScenario.recommend(holdings, rules, neighbours, popularity, offers, productTable,
        options).persist(StorageLevel.MEMORY_AND_DISK());
    long recRows = recs.count();
    double recommending = (System.nanoTime() - r0) / 1e9;
    long fromRules = recs.where(col("source").equalTo("RULE")).count();

    System.out.printf(Locale.ROOT, "generated: %d customers, %d held rows, %d products, %d rules%n", customers,
        heldRows, products, ruleCount);
    System.out.printf(Locale.ROOT, "mining:    FPGrowth at min-support %s: %d itemsets, %d rules in %.1f s%n",
        minSupport, itemsets, minedRules, mining);
    System.out.printf(Locale.ROOT, "recommend: %d rows (%d from rules) in %.1f s (%.2f x mining)%n", recRows,
        fromRules, recommending, recommending / mining);
    spark.stop();
  }
}
