package io.crmaffinity.ingest;

import static org.apache.spark.sql.functions.col;

import io.crmaffinity.spark.JobCaches;
import io.crmaffinity.spark.PlanCut;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads every table, checks them all at table level first (so a missing table or column fails fast), then
 * applies the row rules parents-first so a rejected row's dependants follow it.
 */
public final class Ingestion {
  private Ingestion() {}

  public static CrmTables load(TableReader reader, List<TableSpec> specs, double maxRejectShare) {
    Map<String, Dataset<Row>> raw = new LinkedHashMap<>();
    for (TableSpec spec : specs) {
      reader.read(spec).ifPresent(df -> raw.put(spec.name(), df));
    }
    return validate(raw, specs, maxRejectShare);
  }

  /**
   * Row-level validation of already opened tables (absent optional tables are simply not in {@code raw}),
   * then the reject-share check.
   */
  public static CrmTables validate(Map<String, Dataset<Row>> raw, List<TableSpec> specs, double maxRejectShare) {
    CrmTables tables = validateRows(raw, specs);
    checkRejectShares(tables.counts(), maxRejectShare);
    return tables;
  }

  /** Row-level validation only: every row accepted or rejected, counted per table and rule. */
  public static CrmTables validateRows(Map<String, Dataset<Row>> raw, List<TableSpec> specs) {
    Map<String, Dataset<Row>> keyStatus = new LinkedHashMap<>();
    Map<String, Dataset<Row>> accepted = new LinkedHashMap<>();
    Map<String, TableCounts> counts = new LinkedHashMap<>();
    Dataset<Row> rejected = null;
    for (TableSpec spec : specs) {
      Dataset<Row> table = raw.get(spec.name());
      if (table == null) {
        continue;
      }
      Dataset<Row> tagged = materialize(RowValidator.tag(table, spec, keyStatus));
      if (spec.key() != null) {
        keyStatus.put(spec.name(), JobCaches.persist(RowValidator.keyStatus(tagged, spec),
            StorageLevel.MEMORY_AND_DISK()));
      }
      Dataset<Row> rej = RowValidator.rejected(tagged, spec);
      Map<String, Long> byRule = new TreeMap<>();
      long used = 0;
      for (Row r : tagged.groupBy(col(RowValidator.RULE)).count().collectAsList()) {
        if (r.isNullAt(0)) {
          used = r.getLong(1);
        } else {
          byRule.put(r.getString(0), r.getLong(1));
        }
      }
      long rejectedCount = byRule.values().stream().mapToLong(Long::longValue).sum();
      counts.put(spec.name(), new TableCounts(used + rejectedCount, used, rejectedCount, byRule));
      accepted.put(spec.name(), RowValidator.accepted(tagged, spec));
      rejected = rejected == null ? rej : rejected.unionByName(rej);
    }
    return new CrmTables(accepted, rejected, counts);
  }

  /**
   * Caches the tagged rows and restarts the plan from them: each table's plan would otherwise embed its
   * parents' (and their parents') plans, and Spark's planning time grows with every level of the cascade.
   */
  private static Dataset<Row> materialize(Dataset<Row> tagged) {
    return JobCaches.persist(PlanCut.of(tagged), StorageLevel.MEMORY_AND_DISK());
  }

  public static void checkRejectShares(Map<String, TableCounts> counts, double maxRejectShare) {
    List<String> over = new ArrayList<>();
    counts.forEach((table, c) -> {
      if (c.rejectedShare() > maxRejectShare) {
        over.add(String.format(Locale.ROOT, "%s: %d of %d rows rejected (%.1f%%, rules %s)", table, c.rejected(),
            c.read(), 100 * c.rejectedShare(), c.rejectedByRule()));
      }
    });
    if (!over.isEmpty()) {
      throw new TooManyRejectsException(String.format(Locale.ROOT,
          "Rejected share above input.max-reject-share = %s in %s", maxRejectShare, String.join("; ", over)));
    }
  }

  public static Optional<TableSpec> spec(String name) {
    return TableSpec.ALL.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
