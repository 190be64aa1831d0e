package io.crmaffinity.cli;

import io.crmaffinity.config.JobConfig;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --input} and {@code --output}, shortcuts for input.path and output.path (run and evaluate). */
final class LocationOptions {
  @Option(names = "--input", paramLabel = "LOCATION", description = "Input location (sets input.path).")
  String input;

  @Option(names = "--output", paramLabel = "LOCATION", description = "Output location (sets output.path).")
  String output;

  /** The configuration with these locations layered between the --config file and --set. */
  JobConfig load(ConfigOptions options) {
    Map<String, String> shortcuts = ConfigOptions.shortcut("input.path", input);
    shortcuts.putAll(ConfigOptions.shortcut("output.path", output));
    return options.load(shortcuts);
  }
}
