package io.crmaffinity.mining;

import io.crmaffinity.spark.SparkSessions;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * jobs/cluster-test.sh: do two runs' output locations hold the same association_rules rows (all columns but
 * run_id)? Prints both counts and the rows only one side has; exits 1 when they differ or the first is empty.
 *
 * <p>Arguments: two output locations, then optionally the tables to compare instead of association_rules
 * (e.g. to check that a change of code left a data set's outputs as they were).
 */
public final class SameRulesCheck {
  private SameRulesCheck() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSessions.create(Map.of("spark.master", "local[1]", "spark.ui.enabled", "false",
        "spark.sql.shuffle.partitions", "1"));
    spark.sparkContext().setLogLevel("ERROR");
    String[] tables = args.length > 2 ? Arrays.copyOfRange(args, 2, args.length) : new String[] {"association_rules"};
    boolean same = true;
    for (String table : tables) {
      Dataset<Row> a = table(spark, args[0], table);
      Dataset<Row> b = table(spark, args[1], table);
      long onlyA = a.exceptAll(b).count();
      long onlyB = b.exceptAll(a).count();
      long rows = a.count();
      System.out.printf("%s: %d rows in %s, %d rows in %s, %d only in the first, %d only in the second%n",
          table, rows, args[0], b.count(), args[1], onlyA, onlyB);
      if (onlyA + onlyB > 0) {
        a.exceptAll(b).show(5, false);
        b.exceptAll(a).show(5, false);
      }
      same &= onlyA + onlyB == 0 && rows > 0;
    }
    spark.stop();
    if (!same) {
      System.exit(1);
    }
  }

  private static Dataset<Row> table(SparkSession spark, String location, String table) {
    Dataset<Row> d = spark.read().format("delta").load(location + "/" + table);
    String[] columns = Arrays.stream(d.columns()).filter(c -> !c.equals("run_id")).toArray(String[]::new);
    return d.selectExpr(columns);
  }
}
