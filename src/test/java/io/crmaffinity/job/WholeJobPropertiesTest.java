package io.crmaffinity.job;

import io.crmaffinity.RunOutputCheck;
import io.crmaffinity.SparkTestBase;
import io.crmaffinity.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assertions;

/**
 * The whole job, through the CLI's entry point with every scenario on, on random valid CRM data sets of odd
 * shapes ({@link CrmShapes}): it must succeed, and its outputs must pass {@link RunOutputCheck}. All tries
 * share the test session and one output folder (each run of a date replaces the previous one's rows, as a
 * scheduled rerun does). Sizes are small so the suite takes minutes; a failure is shrunk to the smallest
 * failing data set, which jqwik prints.
 */
class WholeJobPropertiesTest {
  private static Path root;
  private static SparkSession spark;

  @BeforeContainer
  static void start() throws IOException {
    spark = SparkTestBase.sharedSession();
    root = Files.createTempDirectory("crm-affinity-properties");
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Provide
  Arbitrary<CrmShapes.Data> crm() {
    return CrmShapes.data();
  }

  /** Every table present and empty (header only): a CRM export of a company that has no data yet. */
  @Example
  void aCrmWithEveryTableEmptyRunsToCompletion() {
    runAndCheck(new CrmShapes.Data(java.time.LocalDate.of(2024, 6, 30), 0, 0, List.of(), List.of(),
        CrmShapes.Presence.HEADER_ONLY, CrmShapes.Presence.HEADER_ONLY, CrmShapes.Presence.HEADER_ONLY,
        CrmShapes.Deals.MIXED, false));
  }

  @Property(tries = 4, edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.BOUNDED, seed = "7")
  void everyValidDataSetRunsToCompletionWithSoundOutputs(@ForAll("crm") CrmShapes.Data data) {
    runAndCheck(data);
  }

  private static void runAndCheck(CrmShapes.Data data) {
    Path input = root.resolve("input");
    deleteAll(input);
    CrmShapes.write(data, input);
    Path output = root.resolve("output");
    deleteAll(output);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    int code;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Main.execute(new String[] {"run", "--input", input.toString(), "--output", output.toString(),
          "--run-date", data.runDate().toString()}, conf -> spark);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    try {
      Assertions.assertEquals(0, code, () -> "exit code; stderr: " + err.toString(StandardCharsets.UTF_8));
      RunOutputCheck check = new RunOutputCheck(spark, "property", output, data.runDate(), null,
          (long) data.customers().size()).run();
      Assertions.assertEquals(List.of(), check.failures(), check::text);
    } finally {
      SparkTestBase.releaseCaches(spark);
    }
  }

  private static void deleteAll(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
