package io.crmaffinity.bench;

import io.crmaffinity.mining.MiningResult;
import io.crmaffinity.mining.RuleMiner;
import io.crmaffinity.spark.SparkSessions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Mining engines side by side in one JVM (jobs/bench-engines.sh): per engine the seconds for the itemsets
 * (materialised) and for the rules (materialised), the peak JVM heap during the engine's run, the process CPU
 * seconds (a fairer figure when other work shares the machine), the counts, and the speed ratio; then checks the
 * two results are identical (exceptAll both ways) and sweeps eclat over partition counts. eclat runs first, so
 * it also pays the JVM's warm-up; {@code -Dbench.order=fpgrowth-first} runs the reference first instead.
 *
 * <p>Arguments: a {@code txn_id,item} CSV (optionally .gz), min support, min confidence, partitions (default 2),
 * partition counts to sweep for eclat (comma-separated, default none).
 */
public final class EngineBenchmark {
  private EngineBenchmark() {}

  record Run(String engine, int partitions, double itemsetSeconds, double ruleSeconds, long itemsets, long rules,
      long peakHeapMb, double cpuSeconds, MiningResult result) {
    double total() {
      return itemsetSeconds + ruleSeconds;
    }
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    double minSupport = Double.parseDouble(args[1]);
    double minConfidence = Double.parseDouble(args[2]);
    int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    List<Integer> sweep = args.length > 4 && !args[4].isBlank()
        ? Arrays.stream(args[4].split(",")).map(String::trim).map(Integer::parseInt).toList() : List.of();
    SparkSession spark = SparkSessions.create(Map.of("spark.master", "local[2]",
        "spark.sql.shuffle.partitions", "2", "spark.ui.enabled", "false"));
    spark.sparkContext().setLogLevel("ERROR");
    Dataset<Row> baskets = spark.createDataFrame(ScoringBenchmark.read(file), StructType.fromDDL("items ARRAY<STRING>"))
        .persist(StorageLevel.MEMORY_ONLY());
    long n = baskets.count();
    System.out.printf(Locale.ROOT, "dataset %s: %d baskets, min-support %s, min-confidence %s, partitions %d%n",
        file.getFileName(), n, minSupport, minConfidence, partitions);

    boolean fpFirst = "fpgrowth-first".equals(System.getProperty("bench.order", "eclat-first"));
    System.out.println("order: " + (fpFirst ? "fpgrowth first, then eclat" : "eclat first (it pays the JVM's warm-up)"));
    Run fpEarly = fpFirst ? run(baskets, n, minSupport, minConfidence, partitions, RuleMiner.FPGROWTH) : null;
    Run eclat = run(baskets, n, minSupport, minConfidence, partitions, RuleMiner.ECLAT);
    if (!fpFirst && Boolean.getBoolean("bench.eclat-only")) { // a quick look at eclat alone (no reference run, no check)
      for (int p : sweep) {
        run(baskets, n, minSupport, minConfidence, p, RuleMiner.ECLAT);
      }
      spark.stop();
      return;
    }
    Run fp = fpFirst ? fpEarly : run(baskets, n, minSupport, minConfidence, partitions, RuleMiner.FPGROWTH);
    long diff = diff(fp.result().itemsets().select("items", "freq"), eclat.result().itemsets().select("items", "freq"))
        + diff(rules(fp.result()), rules(eclat.result()));
    System.out.printf(Locale.ROOT, "speed ratio fpgrowth / eclat: itemsets %.1fx, rules %.1fx, total %.1fx; "
        + "peak heap fpgrowth %d MB, eclat %d MB; process CPU time ratio %.1fx%n",
        fp.itemsetSeconds() / eclat.itemsetSeconds(), fp.ruleSeconds() / eclat.ruleSeconds(),
        fp.total() / eclat.total(), fp.peakHeapMb(), eclat.peakHeapMb(), fp.cpuSeconds() / eclat.cpuSeconds());
    System.out.println(diff == 0 ? "identical: same itemsets (items, freq) and rules (all five columns)"
        : "DIFFERENT: " + diff + " rows differ");
    for (int p : sweep) {
      run(baskets, n, minSupport, minConfidence, p, RuleMiner.ECLAT);
    }
    spark.stop();
    if (diff != 0) {
      System.exit(1);
    }
  }

  private static Dataset<Row> rules(MiningResult m) {
    return m.rules().select("antecedent", "consequent", "support", "confidence", "lift");
  }

  private static long diff(Dataset<Row> a, Dataset<Row> b) {
    return a.exceptAll(b).count() + b.exceptAll(a).count();
  }

  private static Run run(Dataset<Row> baskets, long n, double minSupport, double minConfidence, int partitions,
      String engine) {
    System.gc();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    MiningResult m = RuleMiner.mine(baskets, n, minSupport, minConfidence, partitions, engine);
    Dataset<Row> itemsets = m.itemsets().persist(StorageLevel.MEMORY_ONLY());
    long itemsetCount = itemsets.count();
    long t1 = System.nanoTime();
    Dataset<Row> rules = m.rules().persist(StorageLevel.MEMORY_ONLY());
    long ruleCount = rules.count();
    long t2 = System.nanoTime();
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    Run r = new Run(engine, partitions, (t1 - t0) / 1e9, (t2 - t1) / 1e9, itemsetCount, ruleCount, peak,
        cpu, new MiningResult(itemsets, rules, n));
    System.out.printf(Locale.ROOT, "%-8s partitions %3d: %6d itemsets %7.2f s, %6d rules %7.2f s, total %7.2f s, "
        + "peak heap %5d MB, process CPU %7.2f s, load average %.1f%n", engine, partitions, itemsetCount,
        r.itemsetSeconds(), ruleCount, r.ruleSeconds(), r.total(), peak, cpu, os.getSystemLoadAverage());
    return r;
  }
}
