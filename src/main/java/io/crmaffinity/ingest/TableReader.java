package io.crmaffinity.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
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
  private final JdbcOptions jdbc;
  private final UnaryOperator<String> environment;
  private Map<String, String[]> jdbcTables;

  public TableReader(SparkSession spark, String location, String format) {
    this(spark, location, format, JdbcOptions.defaults(), System::getenv);
  }

  /**
   * @param location a folder for csv/parquet/delta, a JDBC URL for jdbc
   * @param environment where environment variables come from (the process environment in production)
   */
  public TableReader(SparkSession spark, String location, String format, JdbcOptions jdbc,
      UnaryOperator<String> environment) {
    this.spark = spark;
    this.location = location;
    this.format = format;
    this.jdbc = jdbc;
    this.environment = environment;
  }

  /** The table's raw rows, or empty when an optional table is absent. */
  public Optional<Dataset<Row>> read(TableSpec spec) {
    if ("jdbc".equals(format)) {
      return readJdbc(spec);
    }
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
        ? "a file " + new Path(location, spec.name() + ".csv") + " (or " + spec.name() + ".csv.gz) or a folder "
            + new Path(location, spec.name()) + "/ of CSV files"
        : "a " + format + " folder " + new Path(location, spec.name()) + "/";
  }

  private Optional<Path> locate(TableSpec spec) {
    try {
      Path dir = new Path(location, spec.name());
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if ("csv".equals(format)) {
        Path file = new Path(location, spec.name() + ".csv");
        Path gzip = new Path(location, spec.name() + ".csv.gz");
        boolean plain = fs.isFile(file);
        boolean compressed = fs.isFile(gzip);
        if (plain && compressed) {
          // Two exports of one table (say an old file beside a new compressed one): neither is the obvious one.
          throw new InputException("Table " + spec.name() + ": both " + file + " and " + gzip
              + " exist; keep only one of them");
        }
        if (plain || compressed) {
          return Optional.of(plain ? file : gzip);
        }
      }
      return fs.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException("Table " + spec.name() + ": cannot look for " + expectedPath(spec) + ": "
          + firstLine(e.getMessage()), e);
    }
  }

  private Dataset<Row> readCsv(TableSpec spec, Path path) throws IOException {
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    List<Path> files = new ArrayList<>();
    if (fs.isFile(path)) {
      files.add(path);
    } else {
      for (FileStatus f : fs.listStatus(path)) {
        String name = f.getPath().getName();
        // Spark's convention: names starting with _ or . are metadata (e.g. _SUCCESS), not data.
        if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
          files.add(f.getPath());
        }
      }
      files.sort(java.util.Comparator.comparing(Path::toString));
      if (files.isEmpty()) {
        throw new InputException("Table " + spec.name() + ": the folder " + path + " holds no CSV file; expected "
            + "one or more part files, each starting with the header row");
      }
    }
    // Every file is matched by its own header: part files may list the columns in different orders.
    Map<String, List<Path>> groups = new LinkedHashMap<>();
    Map<String, CsvHeader> headers = new LinkedHashMap<>();
    // Groups with a file that must be parsed as one stream (Spark's multiLine: a file per task).
    Set<String> wholeFiles = new HashSet<>();
    for (Path file : files) {
      CsvHeader header;
      try (java.io.InputStream in = open(fs, file)) {
        header = CsvHeader.read(in);
      }
      if (files.size() > 1 && !header.names().isEmpty() && !looksLikeHeader(spec, header)) {
        throw new InputException("Table " + spec.name() + ": part file " + file + " has no header row (its first "
            + "line is '" + abbreviate(header.firstLine()) + "'); every CSV part file must start with the header");
      }
      indexColumns(spec, header.names().toArray(String[]::new), file);
      String key = header.lineSeparator() + "\u0000" + String.join("\u0001", header.names());
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(file);
      headers.putIfAbsent(key, header);
      if (!wholeFiles.contains(key) && parsedAsOneStream(fs, file)) {
        wholeFiles.add(key);
      }
    }
    Dataset<Row> all = null;
    for (Map.Entry<String, List<Path>> g : groups.entrySet()) {
      Dataset<Row> part = readCsvFiles(spec, headers.get(g.getKey()), g.getValue(), wholeFiles.contains(g.getKey()));
      all = all == null ? part : all.unionByName(part);
    }
    return all;
  }

  /**
   * A CSV file's bytes, decompressed when its name ends with a compression codec's extension ({@code .gz}):
   * Spark's CSV reader decompresses by the same rule, so the header is read from what Spark will parse.
   */
  private InputStream open(FileSystem fs, Path file) throws IOException {
    CompressionCodec codec = codec(file);
    InputStream raw = fs.open(file);
    try {
      return codec == null ? raw : codec.createInputStream(raw);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** The codec a file's name asks for ({@code .gz}), as Spark's CSV reader picks it; null for a plain file. */
  private CompressionCodec codec(Path file) {
    return new CompressionCodecFactory(spark.sparkContext().hadoopConfiguration()).getCodec(file);
  }

  /**
   * Whether Spark must parse {@code file} as one stream: a compressed file (one task either way, as gzip cannot be
   * split), or one that {@link CsvRecords} finds needs it (a quoted field holding a line break, a blank line).
   * Every other file is split by lines across tasks: one large export is then read by all cores, not one.
   */
  private boolean parsedAsOneStream(FileSystem fs, Path file) throws IOException {
    if (codec(file) != null) {
      return true;
    }
    try (InputStream in = fs.open(file)) {
      return CsvRecords.needOneStream(in);
    }
  }

  /**
   * Files sharing one header and line separator: every value as text, malformed lines kept whole.
   *
   * @param multiLine parse each file as one stream (a quoted field may hold a line break); else split by lines
   */
  private Dataset<Row> readCsvFiles(TableSpec spec, CsvHeader header, List<Path> files, boolean multiLine) {
    String[] names = header.names().toArray(String[]::new);
    Map<String, Integer> byName = indexColumns(spec, names, files.get(0));
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      fields.add(new StructField("_c" + i, DataTypes.StringType, true, Metadata.empty()));
    }
    fields.add(new StructField(CORRUPT, DataTypes.StringType, true, Metadata.empty()));
    Dataset<Row> df = spark.read()
        .schema(new StructType(fields.toArray(StructField[]::new)))
        .option("header", "true")
        .option("multiLine", Boolean.toString(multiLine))
        .option("escape", "\"")
        .option("lineSep", header.lineSeparator())
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .csv(files.stream().map(Path::toString).toArray(String[]::new));
    List<Column> original = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      if (keptInRecord(spec, names[i])) {
        original.add(col("_c" + i).as(cleanName(names[i])));
      }
    }
    List<Column> out = new ArrayList<>();
    for (ColumnSpec c : spec.columns()) {
      Integer i = byName.get(c.name());
      out.add(i == null ? lit(null).cast(DataTypes.StringType).as(c.name()) : col("_c" + i).as(c.name()));
    }
    out.add(when(col(CORRUPT).isNotNull(), malformedRecord(spec))
        .otherwise(to_json(struct(original.toArray(Column[]::new)))).as(RowValidator.RECORD));
    out.add(input_file_name().as(RowValidator.SOURCE));
    out.add(col(CORRUPT).isNotNull().as(RowValidator.MALFORMED));
    return df.select(out.toArray(Column[]::new));
  }

  /** A first line that names at least one of the table's columns is a header. */
  private static boolean looksLikeHeader(TableSpec spec, CsvHeader header) {
    for (String n : header.names()) {
      String name = cleanName(n).toLowerCase(Locale.ROOT);
      if (spec.columns().stream().anyMatch(c -> c.name().equals(name))) {
        return true;
      }
    }
    return false;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private Dataset<Row> readTyped(TableSpec spec, Path path) {
    Dataset<Row> df = spark.read().format(format).load(path.toString());
    return projectTyped(spec, df, path.toString(), input_file_name());
  }

  private Optional<Dataset<Row>> readJdbc(TableSpec spec) {
    String where = JdbcOptions.redact(location);
    String[] table = jdbcTables().get(spec.name());
    if (table == null) {
      if (spec.optional()) {
        return Optional.empty();
      }
      throw new InputException("Table " + spec.name() + ": not found; expected a table or view '" + spec.name()
          + "' in " + where + (jdbc.schema().isEmpty() ? "" : " (schema " + jdbc.schema() + ")"));
    }
    String qualified = quoteSql(table[0]) + "." + quoteSql(table[1]);
    Properties props = jdbc.connectionProperties(environment);
    try {
      long rows;
      try (Connection c = DriverManager.getConnection(location, props);
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM " + qualified)) {
        rs.next();
        rows = rs.getLong(1);
      }
      int parts = (int) Math.max(1, Math.min(10_000, (rows + jdbc.rowsPerPartition() - 1) / jdbc.rowsPerPartition()));
      Dataset<Row> df = spark.read().jdbc(location, qualified, props);
      if (parts > 1) {
        // Rows are spread over tasks by a hash of the key (or the order id), so no numeric column is needed.
        String column = quoteSql(partitionColumn(spec, df.columns()));
        String[] predicates = new String[parts];
        for (int i = 0; i < parts; i++) {
          predicates[i] = "mod(abs(hashtext(" + column + "::text)::bigint), " + parts + ") = " + i;
        }
        df = spark.read().jdbc(location, qualified, predicates, props);
      }
      return Optional.of(projectTyped(spec, df, where + " table " + qualified,
          lit("jdbc " + qualified)));
    } catch (InputException e) {
      throw e;
    } catch (Exception e) {
      throw new InputException("Table " + spec.name() + ": cannot read " + qualified + " from " + where + ": "
          + firstLine(e.getMessage()), e);
    }
  }

  /** Tables and views visible in the schema, by lower-case name: {schema, name} as the database spells them. */
  private Map<String, String[]> jdbcTables() {
    if (jdbcTables != null) {
      return jdbcTables;
    }
    Map<String, String[]> found = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(location, jdbc.connectionProperties(environment))) {
      DatabaseMetaData meta = c.getMetaData();
      String schema = jdbc.schema().isEmpty() ? c.getSchema() : jdbc.schema();
      try (ResultSet rs = meta.getTables(null, null, "%",
          new String[] {"TABLE", "VIEW", "MATERIALIZED VIEW", "FOREIGN TABLE", "PARTITIONED TABLE"})) {
        while (rs.next()) {
          String s = rs.getString("TABLE_SCHEM");
          if (schema == null || schema.equalsIgnoreCase(s)) {
            String name = rs.getString("TABLE_NAME");
            found.putIfAbsent(name.toLowerCase(Locale.ROOT), new String[] {s, name});
          }
        }
      }
    } catch (SQLException e) {
      throw new InputException("Input " + JdbcOptions.redact(location) + ": cannot connect: " + firstLine(e.getMessage()), e);
    }
    jdbcTables = found;
    return found;
  }

  /** The key (or the first reference) as the database spells it. */
  private static String partitionColumn(TableSpec spec, String[] columns) {
    String wanted = spec.key() != null ? spec.key() : spec.references().get(0).column();
    for (String c : columns) {
      if (c.trim().equalsIgnoreCase(wanted)) {
        return c;
      }
    }
    return wanted;
  }

  /** A SQL identifier in double quotes, so any name (mixed case, keywords, spaces) is taken literally. */
  static String quoteSql(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private Dataset<Row> projectTyped(TableSpec spec, Dataset<Row> df, String where, Column source) {
    Map<String, Integer> byName = indexColumns(spec, df.columns(), where);
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
      if (keptInRecord(spec, f.name())) {
        all.add(col(quote(f.name())));
      }
    }
    out.add(to_json(struct(all.toArray(Column[]::new))).as(RowValidator.RECORD));
    out.add(source.as(RowValidator.SOURCE));
    out.add(lit(false).as(RowValidator.MALFORMED));
    return df.select(out.toArray(Column[]::new));
  }

  /** Contract column name to its position in the file, matched case-insensitively; checks required ones. */
  static Map<String, Integer> indexColumns(TableSpec spec, String[] header, Object path) {
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

  /** Whether a source column goes into a rejected row's record: not in a table of personal data's others. */
  private static boolean keptInRecord(TableSpec spec, String column) {
    return spec.recordColumns().isEmpty()
        || spec.recordColumns().contains(cleanName(column).toLowerCase(Locale.ROOT));
  }

  /**
   * A malformed line as its record: the whole line, but for a table of personal data only its first field
   * (normally the key), since the line cannot be split into columns reliably.
   */
  private static Column malformedRecord(TableSpec spec) {
    if (spec.recordColumns().isEmpty()) {
      return col(CORRUPT);
    }
    return org.apache.spark.sql.functions.concat(
        org.apache.spark.sql.functions.substring_index(col(CORRUPT), ",", 1),
        lit(",... (the rest of this malformed line is not copied: " + spec.name() + " holds personal data)"));
  }

  private static String cleanName(String name) {
    return name == null ? "" : name.replace("\uFEFF", "").strip();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
