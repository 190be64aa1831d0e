package io.crmaffinity.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a report under {@code <output.path>/reports/} on any Hadoop file system (local, HDFS, S3): to a hidden
 * temporary file first, then renamed over the previous report, so a reader never opens half a page.
 */
public final class ReportFiles {
  private ReportFiles() {}

  public static final String FOLDER = "reports";

  /** Writes {@code html} as {@code <root>/reports/<fileName>}; returns the file's path (a plain path when local). */
  public static String write(Configuration conf, String root, String fileName, String html) {
    try {
      Path base = new Path(root);
      FileSystem fs = base.getFileSystem(conf);
      if (fs instanceof ChecksumFileSystem checksummed) {
        fs = checksummed.getRawFileSystem(); // no .crc files beside the page
      }
      Path dir = new Path(fs.makeQualified(base), FOLDER);
      if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) {
        throw new IOException(dir + " exists and is not a folder");
      }
      if (!fs.mkdirs(dir)) {
        throw new IOException("cannot create the folder " + dir);
      }
      Path target = new Path(dir, fileName);
      Path tmp = new Path(dir, "." + fileName + ".tmp");
      try (FSDataOutputStream out = fs.create(tmp, true)) {
        out.write(html.getBytes(StandardCharsets.UTF_8));
      }
      if (fs.exists(target) && !fs.delete(target, false)) {
        throw new IOException("cannot replace " + target);
      }
      if (!fs.rename(tmp, target)) {
        throw new IOException("cannot rename " + tmp + " to " + target);
      }
      return "file".equals(target.toUri().getScheme()) ? new java.io.File(target.toUri()).getPath() : target.toString();
    } catch (IOException | org.apache.hadoop.fs.FSError e) {
      // FSError: the local file system's IO failures (a full disk) as Hadoop raises them.
      String reason = e.getCause() != null && e instanceof org.apache.hadoop.fs.FSError ? e.getCause().getMessage()
          : e.getMessage();
      throw new UncheckedIOException("Cannot write the report " + fileName + " under " + root + "/" + FOLDER + ": "
          + reason, e instanceof IOException io ? io : new IOException(reason, e));
    }
  }
}
