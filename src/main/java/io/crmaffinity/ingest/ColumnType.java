package io.crmaffinity.ingest;

import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The contract's column types, each with how a text value is parsed into it (null when it cannot be). */
public enum ColumnType {
  STRING("text", DataTypes.StringType),
  DATE("a date yyyy-MM-dd", DataTypes.DateType),
  DECIMAL("a decimal number", DataTypes.createDecimalType(18, 2)),
  INT("a whole number", DataTypes.IntegerType),
  DOUBLE("a number", DataTypes.DoubleType);

  private final String description;
  private final DataType sparkType;

  ColumnType(String description, DataType sparkType) {
    this.description = description;
    this.sparkType = sparkType;
  }

  public String description() {
    return description;
  }

  public DataType sparkType() {
    return sparkType;
  }

  /** Parses trimmed text; malformed text gives null, never an exception and never a silently rounded value. */
  public Column parse(Column text) {
    return switch (this) {
      case STRING -> text;
      // Only the ISO form: Spark's cast would also take "2025-1-5" or "2025-01-05T10:00".
      case DATE -> when(text.rlike("^\\d{4}-\\d{2}-\\d{2}$"), text.cast(sparkType));
      // At most two decimals, so a value is never rounded on the way in.
      case DECIMAL -> when(text.rlike("^[+-]?(\\d+(\\.\\d{0,2})?|\\.\\d{1,2})$"), text.cast(sparkType));
      case INT -> when(text.rlike("^[+-]?\\d{1,10}$"), text.cast(sparkType));
      case DOUBLE -> when(text.rlike("^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$"), text.cast(sparkType));
    };
  }
}
