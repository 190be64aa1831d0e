package io.crmaffinity.ingest;

/** A table whose rejected share is above {@code input.max-reject-share}: exit code 3, no results written. */
public final class TooManyRejectsException extends RuntimeException {
  public TooManyRejectsException(String message) {
    super(message);
  }
}
