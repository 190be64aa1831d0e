package io.crmaffinity.recommend;

import static io.crmaffinity.config.ConfigValues.bool;
import static io.crmaffinity.config.ConfigValues.integer;
import static io.crmaffinity.config.ConfigValues.oneOf;
import static io.crmaffinity.config.ConfigValues.stringList;

import com.typesafe.config.Config;
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
 */
public record RecommendOptions(int topN, int activeDays, List<String> exclude, boolean excludeOpenOpportunities,
    String score) {

  static final Set<String> SCORES = Set.of("confidence", "lift", "information_gain");

  public RecommendOptions {
    exclude = List.copyOf(exclude);
  }

  public static RecommendOptions from(Config c) {
    return new RecommendOptions(
        integer(c, "recommend.top-n", 1, 1000),
        integer(c, "recommend.active-days", 1, 36_500),
        stringList(c, "recommend.exclude"),
        bool(c, "recommend.exclude-open-opportunities"),
        oneOf(c, "recommend.score", SCORES, true));
  }
}
