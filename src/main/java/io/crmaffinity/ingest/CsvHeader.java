package io.crmaffinity.ingest;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The first line of one CSV file, read directly (not through Spark, which renames duplicate names and
 * applies one file's header to every part file): its column names and the file's line separator.
 *
 * @param names the header's names as written (a UTF-8 byte order mark removed)
 * @param lineSeparator "\n" when the file has line feeds (LF or CRLF, also mixed), "\r" for CR-only files
 * @param firstLine the first line as text, for error messages
 */
record CsvHeader(List<String> names, String lineSeparator, String firstLine) {
  /** Header lines longer than this are not headers. */
  private static final int MAX_BYTES = 1 << 20;

  static CsvHeader read(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean quoted = false;
    String separator = "\n";
    int b;
    while ((b = in.read()) != -1 && bytes.size() < MAX_BYTES) {
      if (b == '"') {
        quoted = !quoted;
      } else if (!quoted && (b == '\n' || b == '\r')) {
        if (b == '\r') {
          int next = in.read();
          // A CR-only file never has a line feed; CRLF and LF files are both read with "\n" (a trailing CR is
          // whitespace and trimmed), which also splits files whose line ends are mixed.
          separator = next == '\n' ? "\n" : "\r";
          if (next == -1) {
            separator = "\n";
          }
        }
        break;
      }
      bytes.write(b);
    }
    String line = bytes.toString(StandardCharsets.UTF_8);
    if (line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    if (line.isBlank()) {
      return new CsvHeader(List.of(), separator, line);
    }
    CsvParserSettings settings = new CsvParserSettings();
    settings.setMaxCharsPerColumn(-1);
    settings.setMaxColumns(100_000);
    settings.setNullValue("");
    String[] names = new CsvParser(settings).parseLine(line);
    return new CsvHeader(names == null ? List.of() : Arrays.asList(names), separator, line);
  }
}
