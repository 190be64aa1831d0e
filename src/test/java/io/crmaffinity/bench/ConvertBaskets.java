package io.crmaffinity.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Converts a public basket data set ({@code txn_id,item}) into the CRM input contract with
 * {@link PublicBaskets#toContract}: one COMPLETED order per basket dated 2025-01-01, each by a customer of its
 * own (jobs/run-shared-datasets.sh).
 *
 * <p>Arguments: TRANSACTIONS (.csv or .csv.gz) ITEMS|- OUTPUT_DIR. ITEMS is an {@code item,level2,...} file
 * whose level2 becomes the product category; {@code -} makes each item its own category.
 */
public final class ConvertBaskets {
  private ConvertBaskets() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: ConvertBaskets TRANSACTIONS ITEMS|- OUTPUT_DIR");
      System.exit(2);
    }
    Path transactions = Path.of(args[0]);
    Path items = "-".equals(args[1]) ? null : Path.of(args[1]);
    Path out = Path.of(args[2]);
    long start = System.nanoTime();
    PublicBaskets.toContract(transactions, items, out);
    try (var lines = Files.lines(out.resolve("orders.csv"))) {
      System.out.printf("converted %s -> %s: %d orders (%.1f s)%n", transactions, out, lines.count() - 1,
          (System.nanoTime() - start) / 1e9);
    }
  }
}
