package io.crmaffinity.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a synthetic CRM data set, every input table of the contract, with planted affinities, a sales pipeline,
 * contracts and renewals, churners with their support history, and planted bad rows. With the default options
 * it writes exactly the bundled sample, {@code data-samples/}.
 *
 * <p>Large data sets are generated in blocks of 400 customers, each from its own random streams, and written
 * in parts of 10 blocks by a pool of threads; each part streams its blocks to its own files one block at a time,
 * so memory holds a block per thread, whatever the size. See {@link Plan}.
 */
public final class DataGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(DataGenerator.class);

  private DataGenerator() {}

  /** Generates the data set {@code options} describes. */
  public static GenerateSummary generate(GenerateOptions options) throws IOException {
    long start = System.nanoTime();
    Plan plan = Plan.of(options);
    OutputLayout layout = new OutputLayout(options.output(), options.format(), plan.parts());
    layout.prepare();
    Map<Table, Long> rows = new EnumMap<>(Table.class);
    try (TableSink products = layout.open(Table.PRODUCTS, 0)) {
      BlockWriter.writeProducts(products);
      rows.put(Table.PRODUCTS, products.rows());
    }
    PartResult first = null;
    int threads = Math.min(options.threads(), plan.parts());
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
    try {
      List<Future<PartResult>> parts = new ArrayList<>();
      for (int p = 0; p < plan.parts(); p++) {
        int part = p;
        parts.add(pool.submit(() -> writePart(plan, layout, part)));
      }
      for (Future<PartResult> f : parts) {
        PartResult r = await(f);
        r.rows().forEach((t, n) -> rows.merge(t, n, Long::sum));
        if (first == null) {
          first = r;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Long> byName = new LinkedHashMap<>();
    Map<String, String> locations = new LinkedHashMap<>();
    for (Table t : Table.values()) {
      byName.put(t.tableName(), rows.getOrDefault(t, 0L));
      locations.put(t.tableName(), location(layout, t, t == Table.PRODUCTS ? 1 : plan.parts()));
    }
    LOG.info("generate: customers {}, blocks {}, order lines {}, parts per table {}, threads {}: {} s",
        options.customers(), plan.blocks().size(), byName.get("order_items"), plan.parts(), threads,
        String.format(Locale.ROOT, "%.1f", seconds));
    return new GenerateSummary(options.output(), options.format(), options.customers(), plan.blocks().size(),
        plan.parts(), byName, locations, first.churners(), first.planted(), seconds);
  }

  /** "orders.csv", or "orders/ (7 part files)". */
  private static String location(OutputLayout layout, Table table, int files) {
    Path file = layout.file(table, 0);
    return layout.singleFiles() ? file.getFileName().toString()
        : file.getParent().getFileName() + "/ (" + files + " part file" + (files == 1 ? ")" : "s)");
  }

  /** One part's rows per table, and for the part holding block 0 that block's churners and planted rows. */
  private record PartResult(Map<Table, Long> rows, List<String> churners, List<String> planted) {}

  private static PartResult writePart(Plan plan, OutputLayout layout, int part) throws IOException {
    Map<Table, TableSink> sinks = new EnumMap<>(Table.class);
    List<String> churners = List.of();
    List<String> planted = List.of();
    try {
      for (Table t : Table.values()) {
        if (t != Table.PRODUCTS) {
          sinks.put(t, layout.open(t, part));
        }
      }
      for (Block b : plan.part(part)) {
        GeneratedBlock g = GeneratedBlock.generate(b, plan.ids());
        BlockWriter.write(g, plan.ids(), sinks);
        if (b.index() == 0) {
          churners = g.churners();
          planted = g.planted().describe(g.orders(), plan.ids());
        }
      }
    } catch (IOException | RuntimeException e) {
      closeAll(sinks.values(), e);
      throw e;
    }
    closeAll(sinks.values(), null);
    Map<Table, Long> rows = new EnumMap<>(Table.class);
    sinks.forEach((t, s) -> rows.put(t, s.rows()));
    LOG.debug("generate: part {} of {} written", part + 1, plan.parts());
    return new PartResult(rows, churners, planted);
  }

  /**
   * Closes every sink, also when one fails. When writing failed already ({@code failure}), what closing throws
   * is added to it; else the first failure to close is thrown, with the others suppressed.
   */
  private static void closeAll(Iterable<TableSink> sinks, Exception failure) throws IOException {
    IOException closing = null;
    for (TableSink s : sinks) {
      try {
        s.close();
      } catch (IOException | RuntimeException e) {
        if (failure != null) {
          failure.addSuppressed(e);
        } else if (closing == null) {
          closing = e instanceof IOException io ? io : new IOException(e);
        } else {
          closing.addSuppressed(e);
        }
      }
    }
    if (closing != null) {
      throw closing;
    }
  }

  private static PartResult await(Future<PartResult> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Daemon threads: a failed generation never keeps the JVM alive. */
  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "crm-affinity-generate-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
