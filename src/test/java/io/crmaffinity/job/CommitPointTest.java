package io.crmaffinity.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Assertions;

import io.crmaffinity.SparkTestBase;
import io.crmaffinity.cli.Main;
import io.crmaffinity.config.JobConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's commit point (job_runs SUCCEEDED) is final: work after it cannot fail the run; and shapes real CRMs
 * have that once failed the run after every table was written (no recommendation at all).
 */
class CommitPointTest extends SparkTestBase {
  static final LocalDate RUN = LocalDate.of(1997, 9, 30);

  /** A CDNOW-like CRM: one product that every customer holds, so nothing is left to recommend. */
  static Path oneProduct(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("products.csv"), "product_id,name,category,unit_price\nCD,Compact disc,MUSIC,13.97\n");
    StringBuilder customers = new StringBuilder("customer_id,customer_type\n");
    StringBuilder orders = new StringBuilder("order_id,customer_id,order_date,status\n");
    StringBuilder items = new StringBuilder("order_id,product_id,quantity,unit_price\n");
    int n = 0;
    for (int c = 1; c <= 6; c++) {
      customers.append("C").append(c).append(",INDIVIDUAL\n");
      for (int k = 0; k < c; k++) {
        n++;
        orders.append("T").append(n).append(",C").append(c).append(',').append(RUN.minusDays(20L * k + c))
            .append(",COMPLETED\n");
        items.append("T").append(n).append(",CD,").append(1 + k % 3).append(",12.5\n");
      }
    }
    Files.writeString(dir.resolve("customers.csv"), customers);
    Files.writeString(dir.resolve("orders.csv"), orders);
    Files.writeString(dir.resolve("order_items.csv"), items);
    return dir;
  }

  private Dataset<Row> table(Path out, String name) {
    return session().read().format("delta").load(out.resolve(name).toString());
  }

  private Row latestRun(Path out) {
    return table(out, "job_runs").where(col("run_date").equalTo(java.sql.Date.valueOf(RUN)))
        .orderBy(col("started_at").desc()).first();
  }

  @Test
  void aFailureAfterTheCommitLeavesTheRunSucceededAndVisible(@TempDir Path tmp) throws IOException {
    Path in = oneProduct(tmp.resolve("in"));
    Path out = tmp.resolve("out");
    // The customer stage alone: the commit point is the same for every stage, and the test stays quick.
    JobConfig config = JobConfig.load(null, Map.of("input.path", in.toString(), "output.path", out.toString(),
        "job.scenarios", "[customer]"));
    String first = new AffinityJob(session(), config, RUN).run().runId();

    AffinityJob job = new AffinityJob(session(), config, RUN);
    job.afterCommitHook(() -> {
      throw new IllegalStateException("injected failure after the commit");
    });
    RunSummary second = job.run();

    Row run = latestRun(out);
    assertEquals(second.runId(), run.getAs("run_id"));
    assertEquals("SUCCEEDED", run.getAs("status"));
    Assertions.assertNull(run.getAs("error"));
    // A reader that follows the latest SUCCEEDED run of the date finds its rows.
    long values = table(out, "customer_value").where(col("run_id").equalTo(second.runId())).count();
    assertEquals(6L, values);
    assertEquals(2L, table(out, "job_runs").where(col("status").equalTo("SUCCEEDED")).count());

    // The clean-up the failure skipped is done by the next run of the date.
    String third = new AffinityJob(session(), config, RUN).run().runId();
    assertEquals(List.of(third), table(out, "customer_value").select("run_id").distinct()
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    Assertions.assertTrue(!first.equals(third));
  }

  @Test
  void aCrmWhereNothingIsLeftToRecommendRunsToCompletionAndSaysWhy(@TempDir Path tmp) throws IOException {
    Path in = oneProduct(tmp.resolve("in"));
    Path out = tmp.resolve("out");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int code;
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      code = Main.execute(new String[] {"run", "--input", in.toString(), "--output", out.toString(), "--run-date",
          RUN.toString(), "--set", "job.scenarios=[recommend,forecast]"}, conf -> session());
    } finally {
      System.setOut(old);
    }
    String printed = stdout.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);
    assertEquals("SUCCEEDED", latestRun(out).getAs("status"));
    assertEquals(0L, table(out, "recommendations").count());
    // No opportunity and no contract: the forecast table is empty, not months of 0, and job_runs says why.
    assertEquals(0L, table(out, "revenue_forecast").count());
    Assertions.assertTrue(latestRun(out).<String>getList(latestRun(out).fieldIndex("notes"))
        .contains("forecast: revenue_forecast is empty: no opportunity and no contract in the input"));
    Assertions.assertTrue(printed.contains("Revenue forecast: not made: no opportunity and no contract in the input"),
        printed);
    Assertions.assertTrue(printed.contains("Recommendations: none: the 6 active customers already hold every product that a"
        + " rule or the basket window's popularity could offer"), printed);
    // The run's report says so too, in a sentence per empty section instead of an empty chart.
    String page = Files.readString(out.resolve("reports").resolve(RUN + ".html"));
    Assertions.assertTrue(page.contains("<p class=\"empty\">No rule was kept in this run: no pair of products"), "rules");
    Assertions.assertTrue(page.contains("<p class=\"empty\">No customer got a recommendation in this run"), "recs");

    // Years later nobody is active any more: the same, for another reason.
    stdout.reset();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      code = Main.execute(new String[] {"run", "--input", in.toString(), "--output", out.toString(), "--run-date",
          "2001-01-01", "--set", "job.scenarios=[recommend]"}, conf -> session());
    } finally {
      System.setOut(old);
    }
    printed = stdout.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);
    Assertions.assertTrue(printed.contains("Recommendations: none: no active customer (none with an order within"
        + " recommend.active-days = 365 days up to the run date, nor a contract running on it)"), printed);
  }
}
