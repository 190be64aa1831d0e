package io.crmaffinity.generate;

import io.crmaffinity.config.ConfigException;
import java.nio.file.Path;

/**
 * What to generate and where. The defaults give the bundled sample, {@code data-samples/}.
 *
 * @param output the folder the tables are written into (created when missing)
 * @param customers how many customers; orders, pipeline, contracts, churners and support cases scale with them
 * @param seed the seed of the customers and orders
 * @param opportunitySeed the seed of the opportunities and contracts
 * @param opportunityRate new opportunities a day per 400 customers, on average
 * @param caseSeed the seed of the churners and support cases
 * @param format csv or parquet
 * @param threads how many blocks are generated at once; the output does not depend on it
 */
public record GenerateOptions(Path output, int customers, long seed, long opportunitySeed, double opportunityRate,
    long caseSeed, OutputFormat format, int threads) {
  public static final int DEFAULT_CUSTOMERS = 400;
  public static final long DEFAULT_SEED = 20251231L;
  public static final long DEFAULT_OPPORTUNITY_SEED = 20240701L;
  public static final double DEFAULT_OPPORTUNITY_RATE = 0.8;
  public static final long DEFAULT_CASE_SEED = 20251101L;
  /** A block's opportunities are numbered within 4 digits; ten times the sample's rate stays well inside. */
  public static final double MAX_OPPORTUNITY_RATE = 8.0;
  public static final int MAX_CUSTOMERS = 100_000_000;

  /** Checks every value; a bad one is an argument error (exit 2) naming the option. */
  public GenerateOptions {
    if (output == null) {
      throw new ConfigException("--output: required");
    }
    if (customers < 1 || customers > MAX_CUSTOMERS) {
      throw new ConfigException("--customers: must be in 1.." + MAX_CUSTOMERS + ", got " + customers);
    }
    if (!(opportunityRate >= 0 && opportunityRate <= MAX_OPPORTUNITY_RATE)) {
      throw new ConfigException("--opportunity-rate: must be in [0, " + MAX_OPPORTUNITY_RATE + "], got "
          + opportunityRate);
    }
    if (format == null) {
      throw new ConfigException("--format: required");
    }
    if (threads < 1) {
      throw new ConfigException("--threads: must be at least 1, got " + threads);
    }
  }

  /** The bundled sample's options, into {@code output}. */
  public static GenerateOptions sample(Path output) {
    return new GenerateOptions(output, DEFAULT_CUSTOMERS, DEFAULT_SEED, DEFAULT_OPPORTUNITY_SEED,
        DEFAULT_OPPORTUNITY_RATE, DEFAULT_CASE_SEED, OutputFormat.CSV, Runtime.getRuntime().availableProcessors());
  }
}
