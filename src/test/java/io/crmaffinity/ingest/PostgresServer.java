package io.crmaffinity.ingest;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server on 127.0.0.1 for the JDBC tests, started from the machine's PostgreSQL
 * binaries (Debian's postgresql package; .ci/run installs it when missing). PostgreSQL refuses to run as
 * root, so under root the server runs as {@code nobody}. Password authentication (scram) is on, so the
 * tests exercise the real password path.
 */
public final class PostgresServer implements AutoCloseable {
  public static final String USER = "postgres";
  public static final String PASSWORD = "s3cret-Pa55";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asNobody;

  private PostgresServer(Path bin, Path dir, int port, boolean asNobody) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asNobody = asNobody;
  }

  /** The directory holding initdb and pg_ctl, if PostgreSQL is installed. */
  public static Optional<Path> binaries() {
    List<Path> candidates = new ArrayList<>();
    for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      candidates.add(Path.of(p));
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions.sorted(Comparator.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin")));
      } catch (IOException ignored) {
        // no versions
      }
    }
    for (Path c : candidates) {
      Path initdb = c.resolve("initdb");
      if (Files.isExecutable(initdb) && Files.isExecutable(c.resolve("pg_ctl"))) {
        try {
          return Optional.of(initdb.toRealPath().getParent());
        } catch (IOException e) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  public static PostgresServer start() throws Exception {
    Path bin = binaries().orElseThrow(() -> new IllegalStateException(
        "PostgreSQL binaries (initdb, pg_ctl) not found; install them with: apt-get install postgresql"));
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("crm-affinity-pg");
    Path data = dir.resolve("data");
    Path pw = dir.resolve("pw");
    Files.writeString(pw, PASSWORD + "\n", StandardCharsets.UTF_8);
    if (root) {
      run(List.of("chown", "-R", "nobody", dir.toString()), false);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PostgresServer server = new PostgresServer(bin, dir, port, root);
    run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=scram-sha-256",
        "--pwfile=" + pw, "-E", "UTF8", "--no-locale"), root);
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-l",
        dir.resolve("log").toString(), "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"), root);
    return server;
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public Path passwordFile() throws IOException {
    Path f = dir.resolve("password-for-client");
    Files.writeString(f, PASSWORD + "\n", StandardCharsets.UTF_8);
    return f;
  }

  @Override
  public void close() throws Exception {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w",
        "stop"), asNobody);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void run(List<String> command, boolean asNobody) throws Exception {
    List<String> cmd = new ArrayList<>();
    if (asNobody) {
      cmd.addAll(List.of("runuser", "-u", "nobody", "--"));
    }
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
  }
}
