package io.crmaffinity.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * One Parquet file (Snappy), written with parquet-hadoop, the library Spark itself writes Parquet with (and
 * ships, so it adds no dependency). Every column is text, as in the CSV files: the planted bad values (a date
 * 2025-13-45, a quantity "two") stay in the data, and the job types and checks them as it does CSV.
 */
final class ParquetSink implements TableSink {
  private final Path file;
  private final String[] columns;
  private final SimpleGroupFactory groups;
  private final ParquetWriter<Group> writer;
  private long rows;

  ParquetSink(Path file, Table table) throws IOException {
    this.file = file;
    this.columns = table.columns().toArray(String[]::new);
    Types.MessageTypeBuilder schema = Types.buildMessage();
    for (String c : columns) {
      schema.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c);
    }
    MessageType type = schema.named(table.tableName());
    this.groups = new SimpleGroupFactory(type);
    Configuration conf = new Configuration();
    this.writer = ExampleParquetWriter
        .builder(HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))
        .withConf(conf)
        .withType(type)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .build();
  }

  @Override
  public void write(String[] row) throws IOException {
    if (row.length != columns.length) {
      throw new IllegalStateException("bad width in " + file + ": " + Arrays.toString(row));
    }
    Group g = groups.newGroup();
    for (int i = 0; i < row.length; i++) {
      if (row[i] != null) {
        g.append(columns[i], row[i]);
      }
    }
    writer.write(g);
    rows++;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
