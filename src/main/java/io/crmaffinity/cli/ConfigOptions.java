package io.crmaffinity.cli;

import io.crmaffinity.config.JobConfig;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The configuration options every command takes: {@code --config FILE} and {@code --set KEY=VALUE}. */
final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (HOCON); overrides the defaults.")
  File config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override any configuration key.")
  Map<String, String> sets = new LinkedHashMap<>();

  /**
   * The configuration: defaults, then the file, then {@code shortcuts} (options such as --input that name a
   * key), then --set.
   */
  JobConfig load(Map<String, String> shortcuts) {
    Map<String, String> all = new LinkedHashMap<>(shortcuts);
    all.putAll(sets);
    return JobConfig.load(config, all);
  }

  static Map<String, String> shortcut(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>();
    if (value != null) {
      m.put(key, value);
    }
    return m;
  }
}
