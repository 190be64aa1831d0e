package io.crmaffinity.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Whether a CSV file must be parsed as one stream (Spark's {@code multiLine}, which puts the whole file in one
 * task) to give the rows the job expects; a file whose every record is one line is split across tasks like any
 * text file, with the same rows. A file needs the stream when a quoted field holds a line break, and also when it
 * has a line the line-by-line reader would drop without a trace while the stream reader gives it as a record, which
 * is then quarantined: a line of blanks only (an empty line of a CRLF file among them), or one that starts with a
 * NUL character.
 *
 * <p>The scan follows the reader's settings (comma, double quote, a doubled quote inside a quoted field, no
 * skipping of leading blanks): a field is quoted when its first character is a quote, and it ends at a quote
 * followed by a comma or a line break. Where the file is odd, it errs towards the stream: a quote inside a quoted
 * field that is neither doubled nor closing keeps the field open, so that a later line break in it counts.
 * Bytes are scanned as they are: in UTF-8 no other character contains the bytes of a quote, comma or line break.
 */
final class CsvRecords {
  private CsvRecords() {}

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_IN_QUOTED = 3;

  /** True when {@code in} needs the stream reader (it is read to its end, or to the first reason). */
  static boolean needOneStream(InputStream in) throws IOException {
    byte[] buffer = new byte[1 << 16];
    int state = FIELD_START;
    // The current line outside quotes: its length so far and whether all of it is blank; the byte before.
    long lineLength = 0;
    boolean blank = true;
    byte previous = 0;
    boolean first = true;
    int n;
    while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
      int i = 0;
      // A UTF-8 byte order mark before the header is not part of its first field.
      if (first && n >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF) {
        i = 3;
      }
      first = false;
      for (; i < n; i++) {
        byte b = buffer[i];
        boolean lineBreak = b == '\n' || b == '\r';
        if (state != QUOTED) {
          if (lineBreak) {
            // A blank line, or an empty line of a CRLF file: LF then CR.
            if ((lineLength > 0 && blank) || (b == '\r' && previous == '\n')) {
              return true;
            }
            lineLength = 0;
            blank = true;
          } else {
            if (lineLength == 0 && b == 0) {
              return true;
            }
            lineLength++;
            blank &= (b & 0xFF) <= ' ';
          }
        }
        previous = b;
        switch (state) {
          case FIELD_START -> state = b == '"' ? QUOTED : b == ',' || lineBreak ? FIELD_START : UNQUOTED;
          case UNQUOTED -> state = b == ',' || lineBreak ? FIELD_START : UNQUOTED;
          case QUOTED -> {
            if (lineBreak) {
              return true;
            }
            if (b == '"') {
              state = QUOTE_IN_QUOTED;
            }
          }
          // After a quote in a quoted field: a second quote is a doubled one, a comma or line break ends the field.
          default -> state = b == ',' || lineBreak ? FIELD_START : QUOTED;
        }
      }
    }
    return lineLength > 0 && blank;
  }
}
