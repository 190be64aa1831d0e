package io.crmaffinity.ingest;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The accepted rows of every table that was given (typed, per the contract), every rejected row, and the
 * per-table accounting.
 */
public record CrmTables(Map<String, Dataset<Row>> accepted, Dataset<Row> rejected,
    Map<String, TableCounts> counts) {

  public Dataset<Row> table(String name) {
    Dataset<Row> df = accepted.get(name);
    if (df == null) {
      throw new IllegalStateException("Table " + name + " was not loaded");
    }
    return df;
  }

  public Optional<Dataset<Row>> optionalTable(String name) {
    return Optional.ofNullable(accepted.get(name));
  }
}
