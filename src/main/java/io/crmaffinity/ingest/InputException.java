package io.crmaffinity.ingest;

/** A table that cannot be used at all (missing, unreadable, a required column absent): exit code 2. */
public final class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
