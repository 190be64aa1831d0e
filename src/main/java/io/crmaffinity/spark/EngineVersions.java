package io.crmaffinity.spark;

import org.apache.spark.sql.SparkSession;

/** The Spark and Delta Lake versions a run executes on, as job_runs records them: {@code spark=4.1.0 delta=4.1.0}. */
public final class EngineVersions {
  private EngineVersions() {}

  public static String of(SparkSession spark) {
    return "spark=" + spark.version() + " delta=" + delta();
  }

  /** Delta's own version constant ({@code io.delta.VERSION}, a Scala package object Java cannot name). */
  static String delta() {
    try {
      Class<?> pkg = Class.forName("io.delta.package$");
      Object module = pkg.getField("MODULE$").get(null);
      return String.valueOf(pkg.getMethod("VERSION").invoke(module));
    } catch (ReflectiveOperationException | LinkageError e) {
      String manifest = io.delta.tables.DeltaTable.class.getPackage().getImplementationVersion();
      return manifest == null ? "unknown" : manifest;
    }
  }
}
