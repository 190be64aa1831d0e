package io.crmaffinity.recommend;

import static io.crmaffinity.config.ConfigValues.bool;
import static io.crmaffinity.config.ConfigValues.integer;
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
 */
public record RecommendOptions(int topN, int activeDays, List<String> exclude, boolean excludeOpenOpportunities,
    String score, String combine) {

  static final Set<String> SCORES = Set.of("confidence", "lift", "information_gain", "added_value");
  static final Set<String> COMBINES = Set.of("max", "noisy-or");

  public RecommendOptions {
    exclude = List.copyOf(exclude);
    if ("noisy-or".equals(combine) && !"confidence".equals(score)) {
      throw new ConfigException("Cannot set recommend.combine to 'noisy-or' with recommend.score = " + score
          + ": noisy-or combines probabilities, so it needs recommend.score = confidence");
    }
  }

  /** Defaults as in crm-affinity-defaults.conf, for tests and benchmarks. */
  public static RecommendOptions defaults() {
    return new RecommendOptions(10, 365, List.of(), true, "confidence", "noisy-or");
  }

  public RecommendOptions withScore(String s, String c) {
    return new RecommendOptions(topN, activeDays, exclude, excludeOpenOpportunities, s, c);
  }

  public RecommendOptions withTopN(int n) {
    return new RecommendOptions(n, activeDays, exclude, excludeOpenOpportunities, score, combine);
  }

  public RecommendOptions withExclude(List<String> ex) {
    return new RecommendOptions(topN, activeDays, ex, excludeOpenOpportunities, score, combine);
  }

  public static RecommendOptions from(Config c) {
    return new RecommendOptions(
        integer(c, "recommend.top-n", 1, 1000),
        integer(c, "recommend.active-days", 1, 36_500),
        stringList(c, "recommend.exclude"),
        bool(c, "recommend.exclude-open-opportunities"),
        oneOf(c, "recommend.score", SCORES, true),
        oneOf(c, "recommend.combine", COMBINES, true));
  }
}
