package io.crmaffinity.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One CSV file as the contract reads it: UTF-8 (no byte-order mark), a header row, commas, RFC 4180 quoting
 * (a field holding a comma, quote or line break is quoted, its quotes doubled), LF line ends, empty for null.
 */
final class CsvSink implements TableSink {
  private final Path file;
  private final int width;
  private final Writer out;
  private long rows;

  CsvSink(Path file, Table table) throws IOException {
    this.file = file;
    this.width = table.columns().size();
    this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
        1 << 16);
    out.write(String.join(",", table.columns()));
    out.write('\n');
  }

  @Override
  public void write(String[] row) throws IOException {
    if (row.length != width) {
      throw new IllegalStateException("bad width in " + file + ": " + Arrays.toString(row));
    }
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      writeField(row[i]);
    }
    out.write('\n');
    rows++;
  }

  private void writeField(String v) throws IOException {
    if (v == null) {
      return;
    }
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      out.write('"');
      out.write(v.replace("\"", "\"\""));
      out.write('"');
    } else {
      out.write(v);
    }
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
