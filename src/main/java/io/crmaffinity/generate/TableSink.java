package io.crmaffinity.generate;

import java.io.IOException;

/** Where one file of one table goes, a row at a time; nothing is kept in memory beyond a write buffer. */
interface TableSink extends AutoCloseable {
  /**
   * Writes one row.
   *
   * @param row the values in the table's column order; null for an empty field
   */
  void write(String[] row) throws IOException;

  /** Rows written so far. */
  long rows();

  @Override
  void close() throws IOException;
}
