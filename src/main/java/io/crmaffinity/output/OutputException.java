package io.crmaffinity.output;

/**
 * The output location cannot take what the run writes (read-only, full, no permission). The message names
 * the location and the file system's own reason.
 */
public final class OutputException extends RuntimeException {
  public OutputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The innermost cause's message: the file system's reason ("No space left on device"), not Spark's wrapping. */
  public static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
