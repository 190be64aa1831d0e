package io.crmaffinity.output;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** All Delta IO of the job: results partitioned by run date, and the job_runs history. */
public final class DeltaOutputs {
  private final SparkSession spark;
  private final String root;

  public DeltaOutputs(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root;
  }

  public String path(String table) {
    return new Path(root, table).toString();
  }

  /**
   * Replaces exactly the {@code runDate} partition of {@code table} with {@code rows} in one Delta commit:
   * a rerun of the same date never duplicates, other dates stay as they are.
   */
  public void replaceRunDate(String table, StructType schema, Dataset<Row> rows, LocalDate runDate) {
    rows.select(conform(schema)).write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("replaceWhere", "run_date = DATE'" + runDate + "'")
        // Columns added by a newer version of the job are added to an existing table.
        .option("mergeSchema", "true")
        .partitionBy("run_date")
        .save(path(table));
  }

  /** Inserts or updates this attempt's row in {@code job_runs}. */
  public void recordRun(Row run) {
    Dataset<Row> row = spark.createDataFrame(List.of(run), OutputSchemas.JOB_RUNS_SCHEMA);
    String p = path(OutputSchemas.JOB_RUNS);
    if (!DeltaTable.isDeltaTable(spark, p)) {
      row.write().format("delta").mode(SaveMode.Append).save(p);
      return;
    }
    // Lets a newer version of the job add job_runs columns to an existing table.
    spark.conf().set("spark.databricks.delta.schema.autoMerge.enabled", "true");
    DeltaTable.forPath(spark, p).as("t")
        .merge(row.as("s"), "t.run_id = s.run_id")
        .whenMatched().updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }

  public Dataset<Row> read(String table) {
    return spark.read().format("delta").load(path(table));
  }

  private static Column[] conform(StructType schema) {
    StructField[] fields = schema.fields();
    Column[] cols = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      cols[i] = col(fields[i].name()).cast(fields[i].dataType()).as(fields[i].name(), fields[i].metadata());
    }
    return cols;
  }
}
