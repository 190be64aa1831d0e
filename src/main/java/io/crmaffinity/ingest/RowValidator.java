package io.crmaffinity.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.crmaffinity.ingest.TableSpec.Reference;
import io.crmaffinity.ingest.TableSpec.RowCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Applies a table's contract rules to its rows. Each row ends up either accepted (typed, trimmed, enums
 * upper-cased) or rejected with the first rule it breaks: malformed line, required value, type, allowed
 * values, range, cross-column check, duplicate key, then references (unknown key, or a key whose row was
 * itself rejected — so rejections cascade down to dependants).
 */
public final class RowValidator {
  /** Columns the reader adds beside the table's own columns. */
  public static final String RECORD = "_record";
  public static final String SOURCE = "_source";
  public static final String MALFORMED = "_malformed";
  public static final String RULE = "_rule";
  static final String REASON = "_reason";
  private static final String VIOLATION = "_violation";

  private RowValidator() {}

  /**
   * Tags every row with its rule violation (null when accepted).
   *
   * @param raw the table's columns as text plus {@link #RECORD}, {@link #SOURCE} and {@link #MALFORMED}
   * @param parentKeys for each parent table present: its keys ({@code key}) and whether that row was
   *     accepted ({@code accepted}); a reference to a table that is not given is not checked
   * @return the typed columns plus {@code _rule}, {@code _reason}, {@code _record}, {@code _source}
   */
  public static Dataset<Row> tag(Dataset<Row> raw, TableSpec spec, Map<String, Dataset<Row>> parentKeys) {
    List<Column> projected = new ArrayList<>();
    for (ColumnSpec c : spec.columns()) {
      // Whitespace of any kind (tabs, a CR left by CRLF lines, no-break spaces) is trimmed, not just spaces.
      projected.add(nullif(regexp_replace(col(c.name()), "^[\\s\\u00A0\\uFEFF]+|[\\s\\u00A0\\uFEFF]+$", ""), lit(""))
          .as(c.name()));
    }
    projected.add(col(RECORD));
    projected.add(col(SOURCE));
    projected.add(col(MALFORMED));
    Dataset<Row> text = raw.select(projected.toArray(Column[]::new));

    // Row-local rules, first broken rule wins.
    List<Column[]> rules = new ArrayList<>(); // {condition, rule, reason}
    rules.add(rule(col(MALFORMED), "malformed", lit(spec.name() + ": malformed line (wrong number of fields"
        + " or broken quoting), expected the columns of the header")));
    for (ColumnSpec c : spec.columns()) {
      Column v = col(c.name());
      String where = spec.name() + "." + c.name();
      if (c.required()) {
        rules.add(rule(v.isNull(), "required:" + c.name(), lit(where + ": required value is missing")));
      }
      Column parsed = c.type().parse(v);
      rules.add(rule(v.isNotNull().and(parsed.isNull()), "type:" + c.name(),
          concat(lit(where + ": expected " + c.type().description() + ", got '"), v, lit("'"))));
      if (!c.allowed().isEmpty()) {
        rules.add(rule(v.isNotNull().and(upper(v).isin(c.allowed().toArray()).unary_$bang()), "enum:" + c.name(),
            concat(lit(where + ": '"), v, lit("' is not one of " + String.join(", ", c.allowed())))));
      }
      if (c.min() != null) {
        Column bad = c.minExclusive() ? parsed.leq(c.min()) : parsed.lt(c.min());
        rules.add(rule(bad, "range:" + c.name(), concat(lit(where + ": must be " + (c.minExclusive() ? "> " : ">= ")
            + num(c.min()) + ", got "), v)));
      }
      if (c.max() != null) {
        rules.add(rule(parsed.gt(c.max()), "range:" + c.name(),
            concat(lit(where + ": must be <= " + num(c.max()) + ", got "), v)));
      }
    }
    Dataset<Row> tagged = text.select(withViolation(text, rules));
    List<Column> typedCols = new ArrayList<>();
    for (ColumnSpec c : spec.columns()) {
      typedCols.add(typed(c).as(c.name()));
    }
    typedCols.add(col(RECORD));
    typedCols.add(col(SOURCE));
    typedCols.add(col(VIOLATION));
    tagged = tagged.select(typedCols.toArray(Column[]::new));
    // Cross-column checks compare typed values, so they run after the typed projection.
    List<Column[]> checks = new ArrayList<>();
    for (RowCheck check : spec.checks()) {
      checks.add(rule(check.violated().get(), "check:" + check.rule(), lit(spec.name() + ": " + check.message())));
    }
    if (!checks.isEmpty()) {
      tagged = tagged.withColumn(VIOLATION, coalesce(col(VIOLATION), firstViolation(checks)));
    }

    if (spec.key() != null) {
      Column okRows = when(col(VIOLATION).isNull(), 1).otherwise(0);
      Column dupCount = sum(okRows).over(Window.partitionBy(col(spec.key())));
      tagged = tagged.withColumn("_dups", dupCount)
          .withColumn(VIOLATION, coalesce(col(VIOLATION), when(col("_dups").gt(1), violation(
              "unique:" + spec.key(),
              concat(lit(spec.name() + "." + spec.key() + ": '"), col(spec.key()),
                  lit("' appears on "), col("_dups").cast("string"), lit(" rows; all are rejected"))))))
          .drop("_dups");
    }

    for (Reference ref : spec.references()) {
      Dataset<Row> parent = parentKeys.get(ref.parent());
      if (parent == null) {
        continue;
      }
      String k = "_pk_" + ref.column();
      String a = "_pa_" + ref.column();
      Dataset<Row> status = parent.select(col("key").as(k), col("accepted").as(a));
      Column v = col(ref.column());
      String where = spec.name() + "." + ref.column();
      tagged = tagged.join(status, v.equalTo(col(k)), "left")
          .withColumn(VIOLATION, coalesce(col(VIOLATION),
              when(v.isNotNull().and(col(k).isNull()), violation("reference:" + ref.column(),
                  concat(lit(where + ": '"), v, lit("' not found in " + ref.parent()))))
              .when(v.isNotNull().and(col(a).equalTo(false)), violation("reference:" + ref.column(),
                  concat(lit(where + ": '"), v, lit("' refers to a rejected " + ref.parent() + " row"))))))
          .drop(k, a);
    }

    List<Column> out = new ArrayList<>();
    for (ColumnSpec c : spec.columns()) {
      out.add(col(c.name()));
    }
    out.add(col(VIOLATION + ".rule").as(RULE));
    out.add(col(VIOLATION + ".reason").as(REASON));
    out.add(col(RECORD));
    out.add(col(SOURCE));
    return tagged.select(out.toArray(Column[]::new));
  }

  /** Accepted rows, typed, with the contract's columns only. */
  public static Dataset<Row> accepted(Dataset<Row> tagged, TableSpec spec) {
    return tagged.where(col(RULE).isNull())
        .select(spec.columns().stream().map(c -> col(c.name())).toArray(Column[]::new));
  }

  /** Rejected rows in the shape of {@code rejected_rows} (without the run columns). */
  public static Dataset<Row> rejected(Dataset<Row> tagged, TableSpec spec) {
    return tagged.where(col(RULE).isNotNull())
        .select(lit(spec.name()).as("table_name"), col(RULE).as("rule"), col(REASON).as("reason"),
            col(RECORD).as("record"), col(SOURCE).as("source_file"));
  }

  /** Each key of the table with whether its row was accepted, for the tables that reference it. */
  public static Dataset<Row> keyStatus(Dataset<Row> tagged, TableSpec spec) {
    return tagged.where(col(spec.key()).isNotNull())
        .groupBy(col(spec.key()).as("key"))
        .agg(org.apache.spark.sql.functions.max(col(RULE).isNull()).as("accepted"));
  }

  private static Column[] withViolation(Dataset<Row> text, List<Column[]> rules) {
    List<Column> cols = new ArrayList<>();
    for (String name : text.columns()) {
      cols.add(col(name));
    }
    cols.add(firstViolation(rules).as(VIOLATION));
    return cols.toArray(Column[]::new);
  }

  private static Column typed(ColumnSpec c) {
    Column v = col(c.name());
    if (!c.allowed().isEmpty()) {
      return upper(v);
    }
    return c.type().parse(v);
  }

  private static Column firstViolation(List<Column[]> rules) {
    Column chain = null;
    for (Column[] r : rules) {
      Column value = violation(r[1], r[2]);
      chain = chain == null ? when(r[0], value) : chain.when(r[0], value);
    }
    return chain == null ? lit(null) : chain;
  }

  private static Column violation(Column rule, Column reason) {
    return struct(rule.as("rule"), reason.as("reason"));
  }

  private static Column violation(String rule, Column reason) {
    return violation(lit(rule), reason);
  }

  private static Column[] rule(Column condition, String rule, Column reason) {
    return new Column[] {coalesce(condition, lit(false)), lit(rule), reason};
  }

  private static String num(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
