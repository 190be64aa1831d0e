package io.crmaffinity.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * How to reach the CRM tables in PostgreSQL. The password never comes from the configuration file: it is
 * read from the environment variable named {@code passwordEnv}, or from the file {@code passwordFile}.
 *
 * @param schema the schema holding the tables; empty = the connection's search path
 * @param rowsPerPartition a table with more rows is read by several tasks in parallel
 */
public record JdbcOptions(String user, String passwordEnv, String passwordFile, String schema,
    long rowsPerPartition, int fetchSize) {

  public static JdbcOptions defaults() {
    return new JdbcOptions("", "CRM_AFFINITY_JDBC_PASSWORD", "", "", 1_000_000L, 10_000);
  }

  /** Connection properties for the driver and for Spark's JDBC source; the password is never logged. */
  public Properties connectionProperties(UnaryOperator<String> environment) {
    Properties p = new Properties();
    if (!user.isEmpty()) {
      p.setProperty("user", user);
    }
    String password = password(environment);
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty("driver", "org.postgresql.Driver");
    p.setProperty("fetchsize", String.valueOf(fetchSize));
    return p;
  }

  /** From the password file when one is named, else from the environment variable, else none. */
  String password(UnaryOperator<String> environment) {
    if (!passwordFile.isEmpty()) {
      try {
        String text = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
      } catch (IOException e) {
        throw new InputException("input.jdbc.password-file: cannot read " + passwordFile + " ("
            + e.getClass().getSimpleName() + ")");
      }
    }
    return passwordEnv.isEmpty() ? null : environment.apply(passwordEnv);
  }

  /** A JDBC URL with any inline password masked, for logs, errors and job_runs. */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/@:]+:)[^/@]*@", "$1***@");
  }
}
