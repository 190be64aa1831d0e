package io.crmaffinity.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crmaffinity.SparkTestBase;
import io.crmaffinity.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The same CRM data as CSV (data-samples), Parquet, Delta and PostgreSQL tables gives the same baskets,
 * itemsets and rules; plus JDBC's own behaviour: partitioned reads, case-insensitive names, passwords; and
 * gzip-compressed CSV files and folders of them read as CSV.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputFormatsTest extends SparkTestBase {
  static final Path SAMPLES = Path.of(System.getProperty("crm.project.dir", ".")).resolve("data-samples");
  private static final String[] MEASURES = {"antecedent", "consequent", "rule_count", "antecedent_count",
      "consequent_count", "basket_count", "support", "confidence", "lift", "information_gain", "p_value",
      "p_value_adjusted", "rank"};

  private Path tmp;
  private PostgresServer pg;

  @BeforeAll
  void setUp() throws Exception {
    sharedSparkSession();
    tmp = Files.createTempDirectory("crm-affinity-formats");
    // The accepted rows of data-samples, typed, written in the other formats.
    CrmTables tables = Ingestion.load(new TableReader(session(), SAMPLES.toString(), "csv"), TableSpec.ALL, 1.0);
    for (Map.Entry<String, Dataset<Row>> t : tables.accepted().entrySet()) {
      t.getValue().write().mode(SaveMode.Overwrite).parquet(tmp.resolve("parquet").resolve(t.getKey()).toString());
      t.getValue().write().format("delta").mode(SaveMode.Overwrite)
          .save(tmp.resolve("delta").resolve(t.getKey()).toString());
    }
    if (PostgresServer.binaries().isPresent()) {
      pg = PostgresServer.start();
      Properties props = new Properties();
      props.setProperty("user", PostgresServer.USER);
      props.setProperty("password", PostgresServer.PASSWORD);
      try (var c = java.sql.DriverManager.getConnection(pg.url("postgres"), props)) {
        c.createStatement().execute("CREATE SCHEMA crm");
      }
      for (Map.Entry<String, Dataset<Row>> t : tables.accepted().entrySet()) {
        Dataset<Row> df = t.getValue();
        String table = "crm." + t.getKey();
        if (t.getKey().equals("orders")) {
          // Mixed-case names exercise the quoting and the case-insensitive match.
          List<Column> renamed = new ArrayList<>();
          for (String c : df.columns()) {
            renamed.add(df.col(c).as(c.toUpperCase()));
          }
          df = df.select(renamed.toArray(Column[]::new));
          table = "crm.\"Orders\"";
        }
        df.write().mode(SaveMode.Overwrite).jdbc(pg.url("postgres"), table, props);
      }
    }
  }

  @AfterAll
  void tearDown() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  record Result(int code, String err) {}

  private Result cli(String... args) {
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.execute(args, conf -> session());
      return new Result(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(oldErr);
    }
  }

  private Dataset<Row> run(String name, String input, String... extra) {
    Path out = tmp.resolve("out-" + name);
    List<String> args = new ArrayList<>(List.of("run", "--input", input, "--output", out.toString(),
        "--run-date", "2025-12-31", "--set", "summary.top-rules=0", "--set", "job.scenarios=[]"));
    args.addAll(List.of(extra));
    Result r = cli(args.toArray(String[]::new));
    assertEquals(0, r.code(), name + ": " + r.err());
    return session().read().format("delta").load(out.resolve("association_rules").toString());
  }

  private Map<String, Long> used(String name) {
    Row run = session().read().format("delta").load(tmp.resolve("out-" + name).resolve("job_runs").toString()).first();
    return new LinkedHashMap<>(run.<String, Long>getJavaMap(run.fieldIndex("used_rows")));
  }

  @Test
  void allFourFormatsGiveTheSameRules() {
    assumeTrue(pg != null, "PostgreSQL binaries not installed (apt-get install postgresql)");
    Dataset<Row> csv = run("csv", SAMPLES.toString()).selectExpr(MEASURES);
    Dataset<Row> parquet = run("parquet", tmp.resolve("parquet").toString(), "--set", "input.format=parquet")
        .selectExpr(MEASURES);
    Dataset<Row> delta = run("delta", tmp.resolve("delta").toString(), "--set", "input.format=delta")
        .selectExpr(MEASURES);
    Dataset<Row> jdbc = run("jdbc", pg.url("postgres"), "--set", "input.format=jdbc",
        "--set", "input.jdbc.user=" + PostgresServer.USER,
        "--set", "input.jdbc.password-file=" + passwordFile(),
        "--set", "input.jdbc.schema=crm",
        // orders and order_items are then read by several tasks each
        "--set", "input.jdbc.rows-per-partition=2000").selectExpr(MEASURES);
    long n = csv.count();
    Assertions.assertTrue(n > 50, "rules: " + n);
    for (Dataset<Row> other : List.of(parquet, delta, jdbc)) {
      assertEquals(n, other.count());
      assertEquals(0L, csv.exceptAll(other).count());
      assertEquals(0L, other.exceptAll(csv).count());
    }
    Map<String, Long> usedCsv = used("csv");
    assertEquals(usedCsv, used("parquet"));
    assertEquals(usedCsv, used("delta"));
    assertEquals(usedCsv, used("jdbc"));
  }

  @Test
  void gzipCompressedCsvFilesAndFoldersGiveTheSameRules() throws Exception {
    // customers.csv.gz as one file; orders and order_items as folders of .csv.gz part files; the rest plain.
    Path input = tmp.resolve("csv-gz");
    Files.createDirectories(input);
    try (var files = Files.list(SAMPLES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        String table = f.getFileName().toString().replace(".csv", "");
        switch (table) {
          case "customers" -> gzip(Files.readAllLines(f), input.resolve("customers.csv.gz"));
          case "orders", "order_items" -> {
            List<String> lines = Files.readAllLines(f);
            int half = lines.size() / 2;
            Files.createDirectories(input.resolve(table));
            List<String> first = new ArrayList<>(lines.subList(0, half));
            List<String> second = new ArrayList<>(List.of(lines.get(0)));
            second.addAll(lines.subList(half, lines.size()));
            gzip(first, input.resolve(table).resolve("part-00000.csv.gz"));
            gzip(second, input.resolve(table).resolve("part-00001.csv.gz"));
          }
          default -> Files.copy(f, input.resolve(f.getFileName()));
        }
      }
    }
    Dataset<Row> gz = run("csv-gz", input.toString()).selectExpr(MEASURES);
    Dataset<Row> csv = run("csv", SAMPLES.toString()).selectExpr(MEASURES);
    Assertions.assertTrue(csv.count() > 50, "rules: " + csv.count());
    assertEquals(0L, csv.exceptAll(gz).count());
    assertEquals(0L, gz.exceptAll(csv).count());
    assertEquals(used("csv"), used("csv-gz"));

    // A table given both ways is an error that names both files.
    gzip(Files.readAllLines(SAMPLES.resolve("products.csv")), input.resolve("products.csv.gz"));
    Result both = cli("validate", "--input", input.toString());
    assertEquals(2, both.code(), both.err());
    Assertions.assertTrue(both.err().contains("Table products: both " + input.resolve("products.csv") + " and "
        + input.resolve("products.csv.gz") + " exist; keep only one of them"), both.err());
  }

  private static void gzip(List<String> lines, Path file) throws java.io.IOException {
    try (var out = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(Files.newOutputStream(file)),
        StandardCharsets.UTF_8)) {
      for (String line : lines) {
        out.write(line);
        out.write('\n');
      }
    }
  }

  @Test
  void jdbcErrorsNameTheProblemAndNeverThePassword() throws Exception {
    assumeTrue(pg != null, "PostgreSQL binaries not installed (apt-get install postgresql)");
    Path wrong = tmp.resolve("wrong-password");
    Files.writeString(wrong, "not-the-password\n");
    Result r = cli("run", "--input", pg.url("postgres"), "--output", tmp.resolve("out-x").toString(),
        "--set", "input.format=jdbc", "--set", "input.jdbc.user=postgres",
        "--set", "input.jdbc.password-file=" + wrong, "--set", "input.jdbc.schema=crm");
    assertEquals(2, r.code());
    Assertions.assertTrue(r.err().contains("cannot connect") && r.err().contains("password authentication failed"),
        r.err());
    Assertions.assertFalse(r.err().contains("not-the-password"), r.err());

    Result missing = cli("run", "--input", pg.url("postgres"), "--output", tmp.resolve("out-y").toString(),
        "--set", "input.format=jdbc", "--set", "input.jdbc.user=postgres",
        "--set", "input.jdbc.password-file=" + passwordFile(), "--set", "input.jdbc.schema=public");
    assertEquals(2, missing.code());
    Assertions.assertTrue(missing.err().contains("Table customers: not found; expected a table or view 'customers' in "
        + pg.url("postgres") + " (schema public)"), missing.err());

    Result inline = cli("run", "--input", pg.url("postgres"), "--set", "input.format=jdbc",
        "--set", "input.jdbc.password=" + PostgresServer.PASSWORD);
    assertEquals(2, inline.code());
    Assertions.assertTrue(inline.err().contains("input.jdbc.password is not accepted"), inline.err());
    Assertions.assertFalse(inline.err().contains(PostgresServer.PASSWORD), inline.err());
  }

  /**
   * A scheduled run as a user sets it up: the real CLI in its own JVM, the JDBC password in the environment,
   * customers with names in the input (one of them broken, so it meets the quarantine). Neither the password
   * nor any customer name is in anything the run wrote: its console and log, every file under the output
   * (transaction logs, the report), and every value of every output table.
   */
  @Test
  void theJdbcPasswordAndCustomerNamesAreInNothingTheRunWrites() throws Exception {
    assumeTrue(pg != null, "PostgreSQL binaries not installed (apt-get install postgresql)");
    String brokenName = "Zelda Quarantine-Person";
    Properties props = new Properties();
    props.setProperty("user", PostgresServer.USER);
    props.setProperty("password", PostgresServer.PASSWORD);
    try (var c = java.sql.DriverManager.getConnection(pg.url("postgres"), props); var st = c.createStatement()) {
      st.execute("CREATE SCHEMA pii");
      for (String t : List.of("products", "order_items", "opportunities", "contracts", "support_cases")) {
        st.execute("CREATE VIEW pii." + t + " AS SELECT * FROM crm." + t);
      }
      st.execute("CREATE VIEW pii.orders AS SELECT * FROM crm.\"Orders\"");
      st.execute("CREATE VIEW pii.customers AS SELECT customer_id, name, customer_type, segment, region,"
          + " created_date FROM crm.customers UNION ALL SELECT 'C9999', '" + brokenName + "', 'ALIEN', NULL, NULL,"
          + " NULL::date");
    }
    List<String> secrets = new ArrayList<>();
    secrets.add(PostgresServer.PASSWORD);
    secrets.add(brokenName);
    for (Row r : session().read().option("header", "true").csv(SAMPLES.resolve("customers.csv").toString())
        .select("name").where("name IS NOT NULL").distinct().collectAsList()) {
      secrets.add(r.getString(0));
    }
    Assertions.assertTrue(secrets.size() > 300, "customer names in the sample: " + secrets.size());

    Path out = tmp.resolve("out-secrets");
    Path console = tmp.resolve("secrets-run.log");
    ProcessBuilder pb = io.crmaffinity.CliProcess.builder(console,
        "run", "--input", pg.url("postgres"), "--output", out.toString(), "--run-date", "2025-12-31",
        "--set", "input.format=jdbc", "--set", "input.jdbc.user=" + PostgresServer.USER,
        "--set", "input.jdbc.schema=pii");
    pb.environment().put("CRM_AFFINITY_JDBC_PASSWORD", PostgresServer.PASSWORD);
    Process p = pb.start();
    Assertions.assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.MINUTES), "the run did not end in 10 minutes");
    String log = Files.readString(console);
    assertEquals(0, p.exitValue(), log);
    Assertions.assertTrue(log.contains(": SUCCEEDED"), log);
    Assertions.assertTrue(session().read().format("delta").load(out.resolve("rejected_rows").toString())
        .where("table_name = 'customers' AND record LIKE '%C9999%'").count() == 1, "the broken customer is quarantined");

    List<String> found = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    files.add(console);
    try (var walk = Files.walk(out)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    Assertions.assertTrue(files.size() > 20, "files written: " + files);
    for (Path f : files) {
      // Parquet pages may be compressed, so a byte search there proves little; the tables are read below.
      String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      for (String secret : secrets) {
        if (text.contains(secret)) {
          found.add("'" + secret + "' in " + f);
        }
      }
    }
    for (String table : io.crmaffinity.output.OutputSchemas.TABLES.keySet()) {
      Path t = out.resolve(table);
      if (!Files.isDirectory(t)) {
        continue;
      }
      Dataset<Row> df = session().read().format("delta").load(t.toString());
      Column[] asText = java.util.Arrays.stream(df.columns())
          .map(c -> org.apache.spark.sql.functions.coalesce(df.col(c).cast("string"), org.apache.spark.sql.functions.lit("")))
          .toArray(Column[]::new);
      for (Row r : df.select(org.apache.spark.sql.functions.concat_ws("\u0001", asText)).collectAsList()) {
        for (String secret : secrets) {
          if (r.getString(0).contains(secret)) {
            found.add("'" + secret + "' in table " + table + ": " + r.getString(0));
          }
        }
      }
    }
    Assertions.assertTrue(found.isEmpty(), found.size() + " leaks, first: " + found.subList(0, Math.min(5, found.size())));
  }

  private String passwordFile() {
    try {
      return pg.passwordFile().toString();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
