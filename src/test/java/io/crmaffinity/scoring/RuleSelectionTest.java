package io.crmaffinity.scoring;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class RuleSelectionTest extends SparkTestBase {
  private static final String RULES = "segment STRING, antecedent ARRAY<STRING>, consequent ARRAY<STRING>, "
      + "information_gain DOUBLE, lift DOUBLE, confidence DOUBLE, support DOUBLE, p_value DOUBLE";

  private static Object[] rule(String segment, String ante, String cons, double ig) {
    return new Object[] {segment, ante.split(","), cons.split(","), ig, 1.0, 0.5, 0.1, 0.01};
  }

  private static Set<String> names(Dataset<Row> rules) {
    Set<String> out = new TreeSet<>();
    for (Row r : rules.select("segment", "antecedent", "consequent").collectAsList()) {
      out.add(r.getString(0) + ":" + String.join(",", r.<String>getList(1)) + "->"
          + String.join(",", r.<String>getList(2)));
    }
    return out;
  }

  @Test
  void redundantRulesAreThoseASubsetAntecedentMatchesOrBeats() {
    Dataset<Row> rules = rows(schema(RULES),
        rule("ALL", "x", "z", 0.3),
        rule("ALL", "x,y", "z", 0.2),      // {x}->z scores higher: pruned
        rule("ALL", "y", "z", 0.1),
        rule("ALL", "w,x", "z", 0.4),      // beats {x}->z; {w}->z is no rule: kept
        rule("ALL", "w,x,y", "z", 0.35),   // {w,x}->z scores 0.4: pruned
        rule("ALL", "w,y", "z", 0.1),      // {y}->z scores as much: pruned
        rule("ALL", "x", "q", 0.05),
        rule("ALL", "x,y", "q", 0.5),      // other consequent: only {x}->q counts, and it is lower: kept
        rule("S2", "x", "z", 0.9),         // another segment prunes nothing in ALL
        rule("S2", "w,x", "z", 0.1));      // but {x}->z prunes this one in S2
    Dataset<Row> pruned = RuleSelection.pruneRedundant(rules, Measure.INFORMATION_GAIN);
    assertEquals(new TreeSet<>(List.of("ALL:x->z", "ALL:y->z", "ALL:w,x->z", "ALL:x->q", "ALL:x,y->q", "S2:x->z")),
        names(pruned));
    assertEquals(List.of(rules.columns()), List.of(pruned.columns()));
  }

  @Test
  void lowerIsBetterForPValues() {
    Dataset<Row> rules = rows(schema(RULES),
        new Object[] {"ALL", new String[] {"x"}, new String[] {"z"}, 0.1, 1.0, 0.5, 0.1, 0.02},
        new Object[] {"ALL", new String[] {"x", "y"}, new String[] {"z"}, 0.2, 1.0, 0.5, 0.1, 0.01},
        new Object[] {"ALL", new String[] {"w", "x"}, new String[] {"z"}, 0.3, 1.0, 0.5, 0.1, 0.03});
    assertEquals(Set.of("ALL:x->z", "ALL:x,y->z"), names(RuleSelection.pruneRedundant(rules, Measure.P_VALUE)));
  }

  private Map<Double, Double> adjusted(RuleScorer.Adjustment method, double... p) {
    Object[][] rows = new Object[p.length][];
    for (int i = 0; i < p.length; i++) {
      rows[i] = new Object[] {"ALL", new String[] {"i" + i}, new String[] {"z"}, 0.0, 1.0, 0.5, 0.1, p[i]};
    }
    Map<Double, Double> out = new HashMap<>();
    for (Row r : RuleScorer.adjustPValues(rows(schema(RULES), rows), method)
        .select("p_value", "p_value_adjusted").collectAsList()) {
      out.put(r.getDouble(0), r.getDouble(1));
    }
    return out;
  }

  @Test
  void holmAndBenjaminiHochbergMatchRsPAdjust() {
    // p.adjust(c(0.04, 0.001, 0.5, 0.02, 0.01), "holm") = 0.08 0.005 0.5 0.06 0.04
    Map<Double, Double> holm = adjusted(RuleScorer.Adjustment.HOLM, 0.04, 0.001, 0.5, 0.02, 0.01);
    assertEquals(0.08, holm.get(0.04), 1e-15);
    assertEquals(0.005, holm.get(0.001), 1e-15);
    assertEquals(0.5, holm.get(0.5), 1e-15);
    assertEquals(0.06, holm.get(0.02), 1e-15);
    assertEquals(0.04, holm.get(0.01), 1e-15);
    // p.adjust(c(0.04, 0.001, 0.5, 0.02, 0.01), "BH") = 0.05 0.005 0.5 0.03333333 0.025
    Map<Double, Double> bh = adjusted(RuleScorer.Adjustment.BH, 0.04, 0.001, 0.5, 0.02, 0.01);
    assertEquals(0.05, bh.get(0.04), 1e-15);
    assertEquals(0.005, bh.get(0.001), 1e-15);
    assertEquals(0.5, bh.get(0.5), 1e-15);
    assertEquals(0.1 / 3, bh.get(0.02), 1e-15);
    assertEquals(0.025, bh.get(0.01), 1e-15);
    // Holm is capped at 1: p.adjust(c(0.3, 0.6), "holm") = 0.6 0.6
    assertEquals(0.6, adjusted(RuleScorer.Adjustment.HOLM, 0.3, 0.6).get(0.3), 1e-15);
  }

  @Test
  void everyStepIsRecordedAndTheLastIsRankedAndCut() {
    Dataset<Row> rules = rows(schema(RULES + ", p_value_adjusted DOUBLE"),
        new Object[] {"ALL", new String[] {"a"}, new String[] {"z"}, 0.30, 3.0, 0.5, 0.1, 0.001, 0.002},
        new Object[] {"ALL", new String[] {"b"}, new String[] {"z"}, 0.20, 0.9, 0.5, 0.1, 0.001, 0.002},
        new Object[] {"ALL", new String[] {"c"}, new String[] {"z"}, 0.01, 2.0, 0.5, 0.1, 0.001, 0.002},
        new Object[] {"ALL", new String[] {"d"}, new String[] {"z"}, 0.25, 2.0, 0.5, 0.1, 0.2, 0.4},
        new Object[] {"ALL", new String[] {"a", "e"}, new String[] {"z"}, 0.10, 2.0, 0.5, 0.1, 0.001, 0.002},
        new Object[] {"ALL", new String[] {"e"}, new String[] {"z"}, 0.15, 2.0, 0.5, 0.1, 0.001, 0.002});
    SelectionOptions o = new SelectionOptions(Measure.INFORMATION_GAIN, RuleScorer.Adjustment.BH, 1.0, 0.05,
        0.05, true, 1);
    Map<String, Dataset<Row>> steps = RuleSelection.steps(rules, o);
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    steps.forEach((k, v) -> counts.put(k, v.count()));
    assertEquals(List.of("mined", "min-lift", "min-information-gain", "max-p-value", "prune-redundant",
        "max-rules"), List.copyOf(counts.keySet()));
    assertEquals(List.of(6L, 5L, 4L, 3L, 2L, 1L), List.copyOf(counts.values()));
    Row best = steps.get("max-rules").first();
    assertEquals(List.of("a"), best.getList(best.fieldIndex("antecedent")));
    assertEquals(1, best.<Integer>getAs("rank"));
  }

  @Test
  void edgeCasesGiveTheDocumentedValues() {
    Dataset<Row> rules = rows(schema("antecedent ARRAY<STRING>, consequent ARRAY<STRING>, support DOUBLE, "
            + "confidence DOUBLE, lift DOUBLE, segment STRING, basket_count BIGINT"),
        // confidence 1: n=10, a=2, b=6, ab=2
        new Object[] {new String[] {"c1"}, new String[] {"z"}, 0.2, 1.0, 1.0 / 0.6, "ALL", 10L},
        // consequent in every basket: n=10, a=4, b=10, ab=4
        new Object[] {new String[] {"all"}, new String[] {"z"}, 0.4, 1.0, 1.0, "ALL", 10L},
        // empty cell "neither": n=10, a=6, b=7, ab=3
        new Object[] {new String[] {"e"}, new String[] {"z"}, 0.3, 0.5, 0.5 / 0.7, "ALL", 10L});
    Map<String, Row> byRule = new HashMap<>();
    for (Row r : RuleScorer.score(rules).collectAsList()) {
      byRule.put(r.<String>getList(0).get(0), r);
    }
    Row c1 = byRule.get("c1");
    assertEquals(1.6, c1.<Double>getAs("conviction"), 1e-15);       // 2·4 / (10·0.5): the empty cell as 0.5
    assertEquals(5.0, c1.<Double>getAs("odds_ratio"), 1e-15);       // (2.5·4.5) / (0.5·4.5), Haldane-Anscombe
    assertEquals(1.0, c1.<Double>getAs("certainty"), 1e-15);       // (20−12) / (2·4)
    assertEquals(0.5, c1.<Double>getAs("zhangs_metric"), 1e-15);   // 8 / max(2·8, 2·4)
    assertEquals(1.0 / 3, c1.<Double>getAs("p_value"), 1e-15);     // C(6,2)·C(4,0) / C(10,2)

    Row all = byRule.get("all");
    for (String m : List.of("leverage", "certainty", "zhangs_metric", "added_value", "phi", "information_gain",
        "information_gain_ratio", "chi_square")) {
      assertEquals(0.0, all.<Double>getAs(m), 0.0, m);
    }
    assertEquals(1.0, all.<Double>getAs("conviction"), 0.0);
    assertEquals(1.0, all.<Double>getAs("odds_ratio"), 0.0);
    assertEquals(1.0, all.<Double>getAs("lift"), 0.0);
    assertEquals(1.0, all.<Double>getAs("p_value"), 1e-15);

    Row e = byRule.get("e");
    assertEquals(0.0, e.<Double>getAs("odds_ratio"), 0.0);          // 3·0 / (3·4)
    assertEquals(1.0, e.<Double>getAs("p_value"), 1e-15);          // at least 3 overlap in every table
    assertEquals(-2.0 / 7, e.<Double>getAs("certainty"), 1e-15);   // (conf − supp(B)) / supp(B) = (0.5 − 0.7) / 0.7
  }
}
