package io.crmaffinity.recommend;

import static io.crmaffinity.config.ConfigValues.bool;
import static io.crmaffinity.config.ConfigValues.integer;
import static io.crmaffinity.config.ConfigValues.number;
import static io.crmaffinity.config.ConfigValues.oneOf;
import static io.crmaffinity.config.ConfigValues.stringList;

import com.typesafe.config.Config;
import io.crmaffinity.config.ConfigException;
import java.util.List;
import java.util.Set;

/**
 * The {@code recommend} section: next-best-offer recommendations per customer.
 *
 * @param topN products recommended per customer
 * @param activeDays a customer is active when they ordered within this many days of the run date
 * @param exclude product ids or category names never recommended (fees, postage, samples, ...)
 * @param excludeOpenOpportunities products in a customer's open opportunity count as held
 * @param score rule measure that scores a recommendation
 * @param combine how several firing rules for one product combine: {@code max} (the best rule's score) or
 *     {@code noisy-or} (1 − Π(1 − confidence); only with score = confidence)
 * @param minRuleConfidence mined rules below this confidence do not fire (their pairs still count as similar
 *     items): recommendations need not use every rule an analyst reads
 * @param similar the item-to-item tier after the mined rules
 */
public record RecommendOptions(int topN, int activeDays, List<String> exclude, boolean excludeOpenOpportunities,
    String score, String combine, double minRuleConfidence, Similarity similar) {

  static final Set<String> SCORES = Set.of("confidence", "lift", "information_gain", "added_value");
  static final Set<String> COMBINES = Set.of("max", "noisy-or");

  /**
   * Item-to-item similarity over customers (pair rules "customers who bought A also bought B").
   *
   * @param enabled false: the list goes from the mined rules straight to the popular fill
   * @param shrink s in together / (sqrt(owners of A · owners of B) + s): pairs seen in few customers count less
   * @param maxProducts customers holding more products do not feed the pair counts (wholesalers who buy
   *     everything say little about any one pair, and their pairs grow with the square of their range)
   * @param minCustomers a pair needs this many customers who bought both
   * @param neighbours each product keeps its this many most similar products
   * @param merge how similar items and popular products share the list after the mined rules: {@code estimate}
   *     (by their estimated chance of a purchase, see {@link OfferLists}) or {@code tiered} (similar items
   *     first)
   * @param minMedianLift a segment gets similar items only when the median lift of its product pairs reaches
   *     this (near 1, co-purchases say little beyond popularity)
   */
  public record Similarity(boolean enabled, double shrink, int maxProducts, int minCustomers, int neighbours,
      String merge, double minMedianLift) {
    static Similarity defaults() {
      return new Similarity(true, 10.0, 100, 2, 50, "estimate", 2.0);
    }

    /** The same options with another recommend.similar-merge. */
    public Similarity withMerge(String m) {
      return new Similarity(enabled, shrink, maxProducts, minCustomers, neighbours, m, minMedianLift);
    }

    /** The same options with another recommend.similarity-min-median-lift. */
    public Similarity withMinMedianLift(double l) {
      return new Similarity(enabled, shrink, maxProducts, minCustomers, neighbours, merge, l);
    }
  }

  static final Set<String> MERGES = Set.of("estimate", "tiered");

  public RecommendOptions {
    exclude = List.copyOf(exclude);
    if ("noisy-or".equals(combine) && !"confidence".equals(score)) {
      throw new ConfigException("Cannot set recommend.combine to 'noisy-or' with recommend.score = " + score
          + ": noisy-or combines probabilities, so it needs recommend.score = confidence");
    }
  }

  /** Defaults as in crm-affinity-defaults.conf, for tests and benchmarks. */
  public static RecommendOptions defaults() {
    return new RecommendOptions(10, 365, List.of(), true, "confidence", "noisy-or", 0.3, Similarity.defaults());
  }

  public RecommendOptions withScore(String s, String c) {
    return new RecommendOptions(topN, activeDays, exclude, excludeOpenOpportunities, s, c, minRuleConfidence, similar);
  }

  public RecommendOptions withTopN(int n) {
    return new RecommendOptions(n, activeDays, exclude, excludeOpenOpportunities, score, combine, minRuleConfidence,
        similar);
  }

  public RecommendOptions withExclude(List<String> ex) {
    return new RecommendOptions(topN, activeDays, ex, excludeOpenOpportunities, score, combine, minRuleConfidence,
        similar);
  }

  public RecommendOptions withSimilar(Similarity s) {
    return new RecommendOptions(topN, activeDays, exclude, excludeOpenOpportunities, score, combine, minRuleConfidence,
        s);
  }

  public static RecommendOptions from(Config c) {
    return new RecommendOptions(
        integer(c, "recommend.top-n", 1, 1000),
        integer(c, "recommend.active-days", 1, 36_500),
        stringList(c, "recommend.exclude"),
        bool(c, "recommend.exclude-open-opportunities"),
        oneOf(c, "recommend.score", SCORES, true),
        oneOf(c, "recommend.combine", COMBINES, true),
        number(c, "recommend.min-rule-confidence", 0, true, 1, true),
        new Similarity(
            bool(c, "recommend.similar-items"),
            number(c, "recommend.similarity-shrink", 0, true, 1e6, true),
            integer(c, "recommend.similarity-max-products", 2, 1_000_000),
            integer(c, "recommend.similarity-min-customers", 1, 1_000_000),
            integer(c, "recommend.similarity-neighbours", 1, 10_000),
            oneOf(c, "recommend.similar-merge", MERGES, true),
            number(c, "recommend.similarity-min-median-lift", 0, true, 1e9, true)));
  }
}
