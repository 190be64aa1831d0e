package io.crmaffinity.ingest;

import java.util.Map;

/** Rows of one input table: read = used + rejected, always. */
public record TableCounts(long read, long used, long rejected, Map<String, Long> rejectedByRule) {
  public TableCounts {
    if (read != used + rejected) {
      throw new IllegalStateException("read " + read + " != used " + used + " + rejected " + rejected);
    }
    rejectedByRule = Map.copyOf(rejectedByRule);
  }

  public double rejectedShare() {
    return read == 0 ? 0.0 : (double) rejected / read;
  }
}
