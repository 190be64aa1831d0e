package io.crmaffinity.generate;

import io.crmaffinity.config.ConfigException;
import java.util.Locale;

/** The file format {@code generate} writes: the job's {@code input.format} that reads it. */
public enum OutputFormat {
  /** CSV files: one per table, or a folder of part files per table for large data sets. */
  CSV("csv"),
  /** A folder of Parquet part files per table, every column as text. */
  PARQUET("parquet");

  private final String extension;

  OutputFormat(String extension) {
    this.extension = extension;
  }

  /** The file name extension, also the {@code input.format} value that reads the output. */
  public String extension() {
    return extension;
  }

  /** {@code csv} or {@code parquet}, in any case; anything else is an argument error naming the option. */
  public static OutputFormat parse(String text) {
    for (OutputFormat f : values()) {
      if (f.extension.equals(text.trim().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new ConfigException("--format: expected csv or parquet, got '" + text + "'");
  }
}
