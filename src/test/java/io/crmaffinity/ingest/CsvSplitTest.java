package io.crmaffinity.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV export is split across tasks unless a quoted field holds a line break; the rows are the same. */
class CsvSplitTest extends SparkTestBase {
  private static final int CUSTOMERS = 3000;

  @TempDir
  Path tmp;

  private Path export(String name, String note) throws IOException {
    StringBuilder csv = new StringBuilder("customer_id,name,customer_type,segment,region,created_date\n");
    for (int i = 1; i <= CUSTOMERS; i++) {
      csv.append(String.format("C%05d,\"%s\",BUSINESS,SMB,NORTH,2020-01-%02d%n", i,
          i == 7 ? note : "Customer " + i + ", Ltd", 1 + i % 28));
    }
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("customers.csv"), csv, StandardCharsets.UTF_8);
    return dir;
  }

  private Dataset<Row> read(Path dir) {
    return new TableReader(session(), dir.toString(), "csv").read(Ingestion.spec("customers").orElseThrow())
        .orElseThrow();
  }

  @Test
  void oneLinePerRecordIsSplitAndAQuotedLineBreakIsNot() throws IOException {
    String before = session().conf().get("spark.sql.files.maxPartitionBytes");
    session().conf().set("spark.sql.files.maxPartitionBytes", "32k");
    try {
      Dataset<Row> lines = read(export("lines", "The \"\"Seventh\"\", Ltd"));
      Dataset<Row> spanning = read(export("spanning", "The Seventh\nLtd"));

      int parts = lines.rdd().getNumPartitions();
      org.junit.jupiter.api.Assertions.assertTrue(parts > 1, parts + " partitions");
      assertEquals(1, spanning.rdd().getNumPartitions());
      for (Dataset<Row> df : List.of(lines, spanning)) {
        assertEquals(CUSTOMERS, df.count());
        assertEquals(CUSTOMERS, df.select(col("customer_id")).distinct().count());
        assertEquals(0, df.where(col(RowValidator.MALFORMED)).count());
      }
      assertEquals("The \"Seventh\", Ltd", name(lines, "C00007"));
      assertEquals("The Seventh\nLtd", name(spanning, "C00007"));
      assertEquals("Customer 3000, Ltd", name(lines, "C03000"));
      assertEquals("2020-01-05", lines.where(col("customer_id").equalTo("C00004")).first().getAs("created_date"));
    } finally {
      session().conf().set("spark.sql.files.maxPartitionBytes", before);
    }
  }

  private static String name(Dataset<Row> df, String id) {
    return df.where(col("customer_id").equalTo(id)).first().getAs("name");
  }
}
