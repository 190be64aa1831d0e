package io.crmaffinity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI in a JVM of its own, as a scheduler starts it: the test classpath, the build's Java 17 flags, the
 * project's log configuration, console and log into one file. For what an in-process run cannot show: the
 * environment it is given, and being killed.
 */
public final class CliProcess {
  private CliProcess() {}

  public static ProcessBuilder builder(Path console, String... args) throws IOException {
    Path project = Path.of(System.getProperty("crm.project.dir", "."));
    Path build = Path.of(System.getProperty("crm.build.dir", "target"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(Files.readString(build.resolve("spark-jvm-flags.txt")).trim().split("\\s+")));
    command.addAll(List.of("-Xmx2g", "-Dlog4j2.configurationFile=" + project.resolve("conf/log4j2.properties"),
        "-cp", System.getProperty("java.class.path"), "io.crmaffinity.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile())
        .redirectErrorStream(true).redirectOutput(console.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb;
  }
}
