package io.crmaffinity.job;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The best few rules over all baskets (segment ALL) with product names, for the console summary. */
final class TopRules {
  private TopRules() {}

  static List<RunSummary.TopRule> of(Dataset<Row> scored, Dataset<Row> products, String itemLevel, int k) {
    if (k == 0) {
      return List.of();
    }
    List<Row> rows = scored.where(col("segment").equalTo("ALL").and(col("rank").leq(k))).orderBy(col("rank"))
        .select("rank", "antecedent", "consequent", "support", "confidence", "lift", "information_gain")
        .collectAsList();
    Map<String, String> names = new HashMap<>();
    if ("product".equals(itemLevel) && !rows.isEmpty()) {
      Set<String> ids = new LinkedHashSet<>();
      for (Row r : rows) {
        ids.addAll(r.getList(1));
        ids.addAll(r.getList(2));
      }
      for (Row p : products.where(col("product_id").isin(ids.toArray())).select("product_id", "name")
          .collectAsList()) {
        if (!p.isNullAt(1)) {
          names.put(p.getString(0), p.getString(1));
        }
      }
    }
    List<RunSummary.TopRule> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new RunSummary.TopRule(r.getInt(0), named(r.getList(1), names), named(r.getList(2), names),
          r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getDouble(6)));
    }
    return out;
  }

  private static List<String> named(List<String> items, Map<String, String> names) {
    return items.stream().map(i -> names.getOrDefault(i, i)).toList();
  }
}
