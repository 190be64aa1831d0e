package io.crmaffinity.recommend;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.sql.Row;

/** A partition's rows mapped one at a time to lists of rows, lazily: nothing but the current row's are held. */
final class PerRow {
  private PerRow() {}

  static Iterator<Row> flatMap(Iterator<Row> rows, Function<Row, List<Row>> f) {
    return new Iterator<>() {
      private final ArrayDeque<Row> ready = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (ready.isEmpty() && rows.hasNext()) {
          ready.addAll(f.apply(rows.next()));
        }
        return !ready.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }
    };
  }
}
