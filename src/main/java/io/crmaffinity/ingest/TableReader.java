package io.crmaffinity.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Finds and opens the input tables (the IO edge of ingestion). Each table comes back with the contract's
 * columns as trimmed-later text, matched case-insensitively, plus the original record, its file and a
 * malformed-line flag, ready for {@link RowValidator}. Table-level problems stop the job here, before any
 * heavy Spark work, with an {@link InputException} that names the table, the column or file, and what was
 * expected.
 */
public final class TableReader {
  private static final String CORRUPT = "_corrupt_record";

  private final SparkSession spark;
  private final String location;
  private final String format;

  public TableReader(SparkSession spark, String location, String format) {
    this.spark = spark;
    this.location = location;
    this.format = format;
  }

  /** The table's raw rows, or empty when an optional table is absent. */
  public Optional<Dataset<Row>> read(TableSpec spec) {
    Optional<Path> path = locate(spec);
    if (path.isEmpty()) {
      if (spec.optional()) {
        return Optional.empty();
      }
      throw new InputException("Table " + spec.name() + ": not found; expected " + expectedPath(spec));
    }
    try {
      return Optional.of("csv".equals(format) ? readCsv(spec, path.get()) : readTyped(spec, path.get()));
    } catch (InputException e) {
      throw e;
    } catch (Exception e) {
      throw new InputException("Table " + spec.name() + ": cannot read " + path.get() + " as " + format + ": "
          + firstLine(e.getMessage()), e);
    }
  }

  private String expectedPath(TableSpec spec) {
    return "csv".equals(format)
        ? "a file " + new Path(location, spec.name() + ".csv") + " or a folder " + new Path(location, spec.name())
            + "/ of CSV files"
        : "a " + format + " folder " + new Path(location, spec.name()) + "/";
  }

  private Optional<Path> locate(TableSpec spec) {
    try {
      Path dir = new Path(location, spec.name());
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if ("csv".equals(format)) {
        Path file = new Path(location, spec.name() + ".csv");
        if (fs.isFile(file)) {
          return Optional.of(file);
        }
      }
      return fs.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException("Table " + spec.name() + ": cannot look for " + expectedPath(spec) + ": "
          + firstLine(e.getMessage()), e);
    }
  }

  private Dataset<Row> readCsv(TableSpec spec, Path path) {
    // The header names the columns; every value is read as text so a malformed value is kept for the
    // rejected_rows record instead of becoming a silent null.
    String[] header = spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
        .csv(path.toString()).columns();
    Map<String, Integer> byName = indexColumns(spec, header, path);
    List<StructField> fields = new ArrayList<>();
    for (String name : header) {
      // The header's own names, so Spark's header check agrees with the schema.
      fields.add(new StructField(name, DataTypes.StringType, true, Metadata.empty()));
    }
    fields.add(new StructField(CORRUPT, DataTypes.StringType, true, Metadata.empty()));
    Dataset<Row> df = spark.read()
        .schema(new StructType(fields.toArray(StructField[]::new)))
        .option("header", "true")
        .option("multiLine", "true")
        .option("escape", "\"")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .csv(path.toString());
    List<Column> original = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      original.add(col(quote(header[i])).as(cleanName(header[i])));
    }
    List<Column> out = new ArrayList<>();
    for (ColumnSpec c : spec.columns()) {
      Integer i = byName.get(c.name());
      out.add(i == null ? lit(null).cast(DataTypes.StringType).as(c.name()) : col(quote(header[i])).as(c.name()));
    }
    out.add(when(col(CORRUPT).isNotNull(), col(CORRUPT))
        .otherwise(to_json(struct(original.toArray(Column[]::new)))).as(RowValidator.RECORD));
    out.add(input_file_name().as(RowValidator.SOURCE));
    out.add(col(CORRUPT).isNotNull().as(RowValidator.MALFORMED));
    return df.select(out.toArray(Column[]::new));
  }

  private Dataset<Row> readTyped(TableSpec spec, Path path) {
    Dataset<Row> df = spark.read().format(format).load(path.toString());
    Map<String, Integer> byName = indexColumns(spec, df.columns(), path);
    StructField[] src = df.schema().fields();
    List<Column> out = new ArrayList<>();
    for (ColumnSpec c : spec.columns()) {
      Integer i = byName.get(c.name());
      if (i == null) {
        out.add(lit(null).cast(DataTypes.StringType).as(c.name()));
      } else {
        Column v = col(quote(src[i].name()));
        if (c.type() == ColumnType.DATE && src[i].dataType() instanceof TimestampType) {
          v = to_date(v);
        }
        out.add(v.cast(DataTypes.StringType).as(c.name()));
      }
    }
    List<Column> all = new ArrayList<>();
    for (StructField f : src) {
      all.add(col(quote(f.name())));
    }
    out.add(to_json(struct(all.toArray(Column[]::new))).as(RowValidator.RECORD));
    out.add(input_file_name().as(RowValidator.SOURCE));
    out.add(lit(false).as(RowValidator.MALFORMED));
    return df.select(out.toArray(Column[]::new));
  }

  /** Contract column name to its position in the file, matched case-insensitively; checks required ones. */
  static Map<String, Integer> indexColumns(TableSpec spec, String[] header, Path path) {
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < header.length; i++) {
      String n = cleanName(header[i]).toLowerCase(Locale.ROOT);
      if (seen.put(n, i) != null) {
        throw new InputException("Table " + spec.name() + ": column '" + n + "' appears twice in " + path
            + " (column names are matched case-insensitively)");
      }
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (ColumnSpec c : spec.columns()) {
      Integer i = seen.get(c.name());
      if (i != null) {
        out.put(c.name(), i);
      } else if (c.required()) {
        throw new InputException("Table " + spec.name() + ": required column '" + c.name() + "' is missing in "
            + path + "; expected columns " + String.join(", ", spec.requiredColumns()) + " (found: "
            + String.join(", ", header) + ")");
      }
    }
    return out;
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static String cleanName(String name) {
    return name == null ? "" : name.replace("\uFEFF", "").trim();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
