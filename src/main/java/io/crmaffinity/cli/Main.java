package io.crmaffinity.cli;

import io.crmaffinity.config.ConfigException;
import io.crmaffinity.ingest.InputException;
import io.crmaffinity.ingest.TooManyRejectsException;
import io.crmaffinity.output.OutputException;
import io.crmaffinity.output.RunConflictException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point for spark-submit and local runs. Parses the command line, builds the session, runs the
 * command and maps failures to the contract's exit codes: 0 success, 2 unusable input or arguments, 3 too
 * many rejected rows, 1 anything else.
 */
@Command(name = "crm-affinity", mixinStandardHelpOptions = true, version = "crm-affinity 0.1.0",
    description = "Mines CRM tables into ranked, explainable product-affinity rules stored as Delta tables.",
    subcommands = {RunCommand.class, EvaluateCommand.class, ValidateCommand.class, DiffCommand.class,
        ReportCommand.class, GenerateCommand.class})
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int UNUSABLE_INPUT = 2;
  public static final int TOO_MANY_REJECTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private final Function<Map<String, String>, SparkSession> sessions;

  Main(Function<Map<String, String>, SparkSession> sessions) {
    this.sessions = sessions;
  }

  Function<Map<String, String>, SparkSession> sessions() {
    return sessions;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing command: use run, evaluate, validate, diff, report or generate");
  }

  public static void main(String[] args) {
    int code = execute(args, io.crmaffinity.spark.SparkSessions::create);
    try {
      SparkSession.getActiveSession().foreach(s -> {
        s.stop();
        return null;
      });
    } catch (RuntimeException e) {
      // The command's outcome is decided; a session that stops badly does not change it.
      LOG.warn("Stopping the Spark session failed: {}", e.toString());
    }
    System.exit(code);
  }

  /**
   * Runs the CLI with a session source; tests pass one that hands out their shared session.
   *
   * @return the exit code
   */
  public static int execute(String[] args, Function<Map<String, String>, SparkSession> sessions) {
    CommandLine cli = new CommandLine(new Main(sessions));
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      PrintWriter err = cmd.getErr();
      int code = exitCode(e);
      // An unexpected failure gets its stack trace in the log; a run that lost its date to another, or could not
      // write its output (the message names where and why), does not.
      if (code == FAILED && !(e instanceof RunConflictException) && !(e instanceof OutputException)) {
        LOG.error("crm-affinity failed", e);
      }
      err.println("crm-affinity: error: " + oneLine(e));
      err.flush();
      return code;
    });
    // What the command caches is released when it ends, also in a session that outlives it.
    try (io.crmaffinity.spark.JobCaches caches = io.crmaffinity.spark.JobCaches.open()) {
      return cli.execute(args);
    }
  }

  static int exitCode(Throwable e) {
    if (e instanceof ConfigException || e instanceof InputException) {
      return UNUSABLE_INPUT;
    }
    if (e instanceof TooManyRejectsException) {
      return TOO_MANY_REJECTS;
    }
    return FAILED;
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
