package io.crmaffinity.cli;

import io.crmaffinity.generate.DataGenerator;
import io.crmaffinity.generate.GenerateOptions;
import io.crmaffinity.generate.GenerateSummary;
import io.crmaffinity.generate.OutputFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code generate}: writes a synthetic CRM data set, every input table with planted rules, churners, pipeline,
 * contracts and bad rows. The defaults write the bundled sample, data-samples/, byte for byte. No Spark.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write a synthetic CRM data set (every input table, with planted affinities, pipeline, "
        + "contracts, churners and bad rows); the defaults give the bundled sample, data-samples/.")
final class GenerateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Folder to write the tables into (created when missing).")
  Path output;

  @Option(names = "--customers", paramLabel = "N", defaultValue = "400",
      description = "Customers (default: ${DEFAULT-VALUE}); 12.5 orders and about 38.5 order lines each.")
  int customers;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "20251231",
      description = "Seed of the customers and orders (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--opportunity-seed", paramLabel = "S", defaultValue = "20240701",
      description = "Seed of the opportunities and contracts (default: ${DEFAULT-VALUE}).")
  long opportunitySeed;

  @Option(names = "--opportunity-rate", paramLabel = "R", defaultValue = "0.8",
      description = "New opportunities a day per 400 customers, on average (default: ${DEFAULT-VALUE}).")
  double opportunityRate;

  @Option(names = "--case-seed", paramLabel = "S", defaultValue = "20251101",
      description = "Seed of the churners and support cases (default: ${DEFAULT-VALUE}).")
  long caseSeed;

  @Option(names = "--format", paramLabel = "csv|parquet", defaultValue = "csv",
      description = "csv (default): one file per table, or a folder of part files per table above 4,000 "
          + "customers; parquet: a folder of part files per table, every column as text.")
  String format;

  @Option(names = "--threads", paramLabel = "T",
      description = "Parts written at once (default: the number of cores); the output does not depend on it.")
  Integer threads;

  @Override
  public Integer call() throws IOException {
    GenerateOptions options = new GenerateOptions(output, customers, seed, opportunitySeed, opportunityRate,
        caseSeed, OutputFormat.parse(format), threads != null ? threads : Runtime.getRuntime().availableProcessors());
    GenerateSummary s = DataGenerator.generate(options);
    print(s, spec.commandLine().getOut());
    return Main.OK;
  }

  static void print(GenerateSummary s, PrintWriter out) {
    out.printf(Locale.ROOT, "Generated %d customers (%d block%s of at most 400) as %s into %s in %.1f s:%n",
        s.customers(), s.blocks(), s.blocks() == 1 ? "" : "s", s.format().extension(), s.output(), s.seconds());
    for (Map.Entry<String, Long> e : s.rows().entrySet()) {
      out.printf(Locale.ROOT, "  %-14s %,12d rows  %s%n", e.getKey(), e.getValue(), s.locations().get(e.getKey()));
    }
    String first = s.blocks() == 1 ? "" : " of the first block (every block has its own)";
    out.println("Churners" + first + " (orders moved away after the churn date; a case cluster before it): "
        + s.firstBlockChurners());
    out.println("Planted bad rows" + first + ":");
    for (String line : s.firstBlockPlanted()) {
      out.println("  " + line);
    }
    out.flush();
  }
}
