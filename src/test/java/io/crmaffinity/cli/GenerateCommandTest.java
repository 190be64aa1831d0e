package io.crmaffinity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.crmaffinity.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate}: the defaults write the bundled sample byte for byte; a large data set is a folder of part
 * files per table that does not depend on the number of threads, with planted rows in every block; the job
 * reads what it writes, as CSV and as Parquet alike; bad arguments exit 2 naming the option.
 */
class GenerateCommandTest extends SparkTestBase {
  static final Path SAMPLES = Path.of(System.getProperty("crm.project.dir", ".")).resolve("data-samples");
  static final List<String> TABLES = List.of("contracts", "customers", "opportunities", "order_items", "orders",
      "products", "support_cases");

  record Result(int code, String out, String err) {}

  Result cli(String... args) {
    CliRun r = CliRun.of(session(), args);
    return new Result(r.code(), r.out(), r.err());
  }

  @Test
  void defaultOptionsWriteTheBundledSampleByteForByte(@TempDir Path tmp) throws IOException {
    Result r = cli("generate", "--output", tmp.toString());
    assertEquals(0, r.code(), r.err());
    List<String> expected = TABLES.stream().map(t -> t + ".csv").toList();
    assertEquals(expected, names(tmp));
    for (String f : expected) {
      byte[] want = Files.readAllBytes(SAMPLES.resolve(f));
      byte[] got = Files.readAllBytes(tmp.resolve(f));
      Assertions.assertTrue(Arrays.equals(want, got),
          f + " differs from data-samples/" + f + ": " + firstDifference(want, got));
    }
    Assertions.assertTrue(r.out().contains("orders                5,001 rows  orders.csv"), r.out());
    Assertions.assertTrue(r.out().contains("order_items   O99999/P010"), r.out());

    // Generating again over the files replaces them.
    assertEquals(0, cli("generate", "--output", tmp.toString()).code());
    assertEquals(expected, names(tmp));
  }

  @Test
  void aLargeDataSetIsPartFilesThatDoNotDependOnThreadsWithPlantedRowsInEveryBlock(@TempDir Path tmp)
      throws IOException {
    // 4,401 customers: 12 blocks of 366 or 367 customers, in two parts (10 blocks, then 2).
    Path one = tmp.resolve("one-thread");
    Path three = tmp.resolve("three-threads");
    Result r1 = cli("generate", "--output", one.toString(), "--customers", "4401", "--threads", "1");
    assertEquals(0, r1.code(), r1.err());
    assertEquals(0, cli("generate", "--output", three.toString(), "--customers", "4401", "--threads", "3").code());
    List<Path> files = tree(one);
    assertEquals(List.of("contracts/part-00000.csv", "contracts/part-00001.csv", "customers/part-00000.csv",
        "customers/part-00001.csv"), files.subList(0, 4).stream().map(Path::toString).toList());
    assertEquals(tree(three), files);
    for (Path f : files) {
      Assertions.assertTrue(Arrays.equals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(three.resolve(f))),
          f + " depends on the number of threads");
    }

    List<String[]> customers = rows(one, "customers");
    List<String[]> orders = rows(one, "orders");
    List<String[]> items = rows(one, "order_items");
    List<String[]> opportunities = rows(one, "opportunities");
    Set<String> customerIds = new HashSet<>();
    long nameless = 0;
    long aliens = 0;
    for (String[] c : customers) {
      if (c[0] == null) {
        nameless++;
      } else {
        Assertions.assertTrue(customerIds.add(c[0]), "customer " + c[0] + " twice");
      }
      aliens += "ALIEN".equals(c[2]) ? 1 : 0;
    }
    assertEquals(4401, customerIds.size());
    assertEquals(12, nameless);
    assertEquals(12, aliens);
    // 12.5 orders per customer; each block plants one duplicate order id, one unparsable date, one bad status.
    Map<String, Integer> orderIds = new HashMap<>();
    long badDates = 0;
    long shipped = 0;
    for (String[] o : orders) {
      orderIds.merge(o[0], 1, Integer::sum);
      badDates += "2025-13-45".equals(o[2]) ? 1 : 0;
      shipped += "SHIPPED".equals(o[4]) ? 1 : 0;
      Assertions.assertTrue(customerIds.contains(o[1]) || o[1].equals("C9999"), "order " + o[0] + ": customer " + o[1]);
    }
    assertEquals(9 * (367 * 25 / 2) + 3 * (366 * 25 / 2), orderIds.size(), "orders");
    assertEquals(12, orderIds.values().stream().filter(n -> n == 2).count());
    assertEquals(12, badDates);
    assertEquals(12, shipped);
    assertEquals(12, items.stream().filter(i -> i[1].equals("P999")).count());
    assertEquals(24, items.stream().filter(i -> i[1].equals("P061")).count());
    assertEquals(12, opportunities.stream().filter(o -> "1.5".equals(o[5])).count());
    // Every block has its pipeline, numbered within the block: OPP000001.. in block 0, OPP110001.. in block 11.
    Set<String> blocks = new HashSet<>();
    for (String[] o : opportunities) {
      blocks.add(o[0].substring(3, 5));
    }
    assertEquals(12, blocks.size());
    Assertions.assertTrue(r1.out().contains("Churners of the first block (every block has its own)"), r1.out());
    assertEquals(29, r1.out().lines().filter(l -> l.startsWith("Churners")).findFirst().orElseThrow()
        .split("@").length - 1, r1.out());
  }

  @Test
  void theJobReadsGeneratedCsvFoldersAndParquetAlike(@TempDir Path tmp) {
    Path csv = tmp.resolve("csv");
    Path parquet = tmp.resolve("parquet");
    assertEquals(0, cli("generate", "--output", csv.toString(), "--customers", "4001").code());
    Result p = cli("generate", "--output", parquet.toString(), "--customers", "4001", "--format", "parquet");
    assertEquals(0, p.code(), p.err());
    Assertions.assertTrue(p.out().contains("order_items         153,523 rows  order_items/ (2 part files)"), p.out());
    Result fromCsv = cli("validate", "--input", csv.toString());
    Result fromParquet = cli("validate", "--input", parquet.toString(), "--set", "input.format=parquet");
    assertEquals(0, fromCsv.code(), fromCsv.err());
    assertEquals(0, fromParquet.code(), fromParquet.err());
    // Every table's rows read, used and rejected by rule are the same (the first line names the input).
    List<String> csvTables = fromCsv.out().lines().skip(1).toList();
    assertEquals(csvTables, fromParquet.out().lines().skip(1).toList());
    // Each of the 11 blocks plants a customer without id and one of type ALIEN.
    Assertions.assertTrue(csvTables.get(1).matches(" +customers +4012 +3990 +22 .*\\{enum:customer_type=11, "
        + "required:customer_id=11}"), csvTables.get(1));
    Assertions.assertTrue(fromCsv.out().contains("{enum:status=11, reference:contract_id=11, reference:customer_id=22, "
        + "reference:opportunity_id=11, type:order_date=11, unique:order_id=22}"), fromCsv.out());
    Assertions.assertTrue(csvTables.stream().anyMatch(l -> l.matches(" +order_items +153523 .*")), fromCsv.out());
  }

  @Test
  void badArgumentsExitWith2NamingTheOption(@TempDir Path tmp) throws IOException {
    Result none = cli("generate", "--output", tmp.resolve("a").toString(), "--customers", "0");
    assertEquals(2, none.code());
    assertEquals("crm-affinity: error: --customers: must be in 1..100000000, got 0", none.err().strip());
    Result format = cli("generate", "--output", tmp.resolve("b").toString(), "--format", "xml");
    assertEquals(2, format.code());
    assertEquals("crm-affinity: error: --format: expected csv or parquet, got 'xml'", format.err().strip());
    Result rate = cli("generate", "--output", tmp.resolve("c").toString(), "--opportunity-rate", "20");
    assertEquals(2, rate.code());
    Assertions.assertTrue(rate.err().contains("--opportunity-rate: must be in [0, 8.0], got 20.0"), rate.err());
    Result missing = cli("generate");
    assertEquals(2, missing.code());
    Assertions.assertTrue(missing.err().contains("Missing required option: '--output=DIR'"), missing.err());

    // Part files go into empty table folders only: an earlier run's parts would be read with the new ones.
    Path used = tmp.resolve("used");
    Files.createDirectories(used.resolve("orders"));
    Files.writeString(used.resolve("orders").resolve("part-00099.csv"), "order_id\n");
    Result busy = cli("generate", "--output", used.toString(), "--customers", "4001");
    assertEquals(2, busy.code());
    Assertions.assertTrue(busy.err().contains("--output: " + used.resolve("orders") + " is not empty"), busy.err());
    // One file per table beside a folder of the same table: the job would read only the file.
    Result beside = cli("generate", "--output", used.toString());
    assertEquals(2, beside.code());
    Assertions.assertTrue(beside.err().contains(used.resolve("orders") + " exists and would be read as the same table"),
        beside.err());

    Result noCommand = cli();
    assertEquals(2, noCommand.code());
    Assertions.assertTrue(
        noCommand.err().contains("Missing command: use run, evaluate, validate, diff, report or generate"),
        noCommand.err());
  }

  /** File names directly in {@code dir}, sorted. */
  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Every file under {@code dir}, relative and sorted. */
  private static List<Path> tree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
    }
  }

  /** A table's data rows from every part file, in part order. */
  private static List<String[]> rows(Path dir, String table) throws IOException {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(true);
    settings.setMaxCharsPerColumn(-1);
    List<String[]> rows = new ArrayList<>();
    try (Stream<Path> parts = Files.list(dir.resolve(table))) {
      for (Path part : parts.sorted().toList()) {
        rows.addAll(new CsvParser(settings).parseAll(part.toFile(), StandardCharsets.UTF_8));
      }
    }
    return rows;
  }

  private static String firstDifference(byte[] want, byte[] got) {
    String[] a = new String(want, StandardCharsets.UTF_8).split("\n", -1);
    String[] b = new String(got, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "<end of file>";
      String y = i < b.length ? b[i] : "<end of file>";
      if (!x.equals(y)) {
        return "line " + (i + 1) + ": expected '" + x + "', got '" + y + "'";
      }
    }
    return "same lines, different bytes";
  }
}
