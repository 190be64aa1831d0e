package io.crmaffinity.config;

/** A configuration key, file or command-line value that cannot be used; the job exits with code 2. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
