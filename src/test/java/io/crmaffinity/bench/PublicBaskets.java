package io.crmaffinity.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Converts a public basket data set ({@code txn_id,item} rows, as in ../shared/datasets) into the CRM input
 * contract: one COMPLETED order per basket, each by a customer of its own, one product per item (category
 * from an optional {@code item,level2,...} file, else the item itself), quantity 1.
 */
public final class PublicBaskets {
  private PublicBaskets() {}

  public static Path sharedDatasets() {
    return Path.of(System.getProperty("crm.project.dir", ".")).toAbsolutePath().getParent()
        .resolve("shared").resolve("datasets");
  }

  public static void toContract(Path transactions, Path items, Path out) throws IOException {
    Files.createDirectories(out);
    Map<String, String> category = new LinkedHashMap<>();
    if (items != null) {
      try (BufferedReader r = Files.newBufferedReader(items, StandardCharsets.UTF_8)) {
        r.readLine();
        for (String line; (line = r.readLine()) != null; ) {
          String[] f = fields(line);
          category.put(f[0], f[1]);
        }
      }
    }
    Set<String> orders = new LinkedHashSet<>();
    Set<String> products = new LinkedHashSet<>();
    try (BufferedReader r = reader(transactions);
        BufferedWriter lines = Files.newBufferedWriter(out.resolve("order_items.csv"), StandardCharsets.UTF_8)) {
      r.readLine();
      lines.write("order_id,product_id,quantity\n");
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = fields(line);
        orders.add(f[0]);
        products.add(f[1]);
        lines.write(quote(f[0]) + "," + quote(f[1]) + ",1\n");
      }
    }
    try (BufferedWriter c = Files.newBufferedWriter(out.resolve("customers.csv"), StandardCharsets.UTF_8);
        BufferedWriter w = Files.newBufferedWriter(out.resolve("orders.csv"), StandardCharsets.UTF_8)) {
      c.write("customer_id,customer_type\n");
      w.write("order_id,customer_id,order_date,status\n");
      for (String o : orders) {
        c.write(quote("G" + o) + ",INDIVIDUAL\n");
        w.write(quote(o) + "," + quote("G" + o) + ",2025-01-01,COMPLETED\n");
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(out.resolve("products.csv"), StandardCharsets.UTF_8)) {
      w.write("product_id,name,category,unit_price\n");
      for (String p : products) {
        w.write(quote(p) + "," + quote(p) + "," + quote(category.getOrDefault(p, p)) + ",1.00\n");
      }
    }
  }

  private static BufferedReader reader(Path p) throws IOException {
    if (p.toString().endsWith(".gz")) {
      return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)),
          StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(p, StandardCharsets.UTF_8);
  }

  /** The data sets quote every text field and hold no embedded quotes or commas. */
  private static String[] fields(String line) {
    String[] f = line.split(",", -1);
    for (int i = 0; i < f.length; i++) {
      f[i] = f[i].replace("\"", "");
    }
    return f;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
