package io.crmaffinity.output;

/** Another run for the same run date is in progress: this one stops before writing any result. */
public final class RunConflictException extends RuntimeException {
  public RunConflictException(String message) {
    super(message);
  }

  public RunConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
