package io.crmaffinity.generate;

import io.crmaffinity.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where each table goes under the output folder: one file per table ({@code customers.csv}) when the data set is
 * one part and CSV, else a folder per table with a part file per part ({@code orders/part-00003.csv}), which
 * the job reads as one table. Before anything is written it checks that no table would be read together with
 * files of an earlier run: a single file may replace its older self, but a table folder must be empty.
 */
final class OutputLayout {
  private final Path dir;
  private final OutputFormat format;
  private final boolean singleFiles;

  OutputLayout(Path dir, OutputFormat format, int parts) {
    this.dir = dir;
    this.format = format;
    this.singleFiles = format == OutputFormat.CSV && parts == 1;
  }

  boolean singleFiles() {
    return singleFiles;
  }

  /** The file of {@code table} that part {@code part} writes. */
  Path file(Table table, int part) {
    if (singleFiles) {
      return dir.resolve(table.tableName() + ".csv");
    }
    return dir.resolve(table.tableName())
        .resolve(String.format(Locale.ROOT, "part-%05d.%s", part, format.extension()));
  }

  TableSink open(Table table, int part) throws IOException {
    Path file = file(table, part);
    return format == OutputFormat.CSV ? new CsvSink(file, table) : new ParquetSink(file, table);
  }

  /** Checks for files an earlier run left that the job would read with these, then creates the folders. */
  void prepare() throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ConfigException("--output: " + dir + " is a file, not a folder");
    }
    for (Table t : Table.values()) {
      Path folder = dir.resolve(t.tableName());
      Path gzip = dir.resolve(t.tableName() + ".csv.gz");
      if (Files.exists(gzip)) {
        throw conflict(gzip);
      }
      if (singleFiles) {
        if (Files.exists(folder)) {
          throw conflict(folder);
        }
      } else {
        Path file = dir.resolve(t.tableName() + ".csv");
        if (format == OutputFormat.CSV && Files.exists(file)) {
          throw conflict(file);
        }
        if (!isEmptyOrAbsent(folder)) {
          throw new ConfigException("--output: " + folder + " is not empty: generate writes a table's part files "
              + "into an empty folder; remove it or choose another --output");
        }
      }
    }
    Files.createDirectories(dir);
    if (!singleFiles) {
      for (Table t : Table.values()) {
        Files.createDirectories(dir.resolve(t.tableName()));
      }
    }
  }

  private static ConfigException conflict(Path path) {
    return new ConfigException("--output: " + path + " exists and would be read as the same table as the "
        + "generated files; remove it or choose another --output");
  }

  private static boolean isEmptyOrAbsent(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return true;
    }
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    }
  }
}
