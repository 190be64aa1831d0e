package io.crmaffinity.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.crmaffinity.basket.BasketOptions;
import io.crmaffinity.config.JobConfig;
import io.crmaffinity.job.JobContext;
import io.crmaffinity.job.Scenario;
import io.crmaffinity.output.OutputSchemas;
import io.crmaffinity.spark.JobCaches;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Next-best-offer recommendations (the {@code recommendations} table) and their backtest against global
 * popularity, item co-occurrence and item-kNN.
 */
public final class RecommendScenario implements Scenario {
  static final String TASK = "recommendations";

  /** This run's inputs, kept for the summary's explanation of an empty result. */
  private Inputs inputs;

  @Override
  public String name() {
    return "recommend";
  }

  @Override
  public java.util.List<String> tables() {
    return java.util.List.of(OutputSchemas.RECOMMENDATIONS);
  }

  @Override
  public Map<String, Dataset<Row>> outputs(JobContext ctx) {
    if ("category".equals(ctx.config().itemLevel())) {
      ctx.notes().add("recommendations not written: basket.item-level = category, so rules name categories, "
          + "not products that can be offered");
      return Map.of();
    }
    Inputs in = Inputs.of(ctx);
    inputs = in;
    return Map.of(OutputSchemas.RECOMMENDATIONS,
        recommend(in.holdings, ctx.rules(), in.neighbours, in.popularity, in.offers, in.products,
            ctx.config().recommend(), ctx.notes()));
  }

  /**
   * The recommendations table's rows (without run_id and run_date) from prepared inputs; used by the run and
   * by the scale benchmark.
   *
   * @param holdings customer_id, segment, owned_items, held_items: see {@link #holdings}
   * @param rules association_rules' columns (segment, antecedent, consequent, confidence, lift,
   *     information_gain and the recommend.score column)
   * @param neighbours see {@link #neighbours}; null: no similar-items tier
   * @param popularity see {@link #popularity}
   * @param offers products that may be recommended ({@link #offers})
   * @param products product_id, name, unit_price
   */
  public static Dataset<Row> recommend(Dataset<Row> holdings, Dataset<Row> rules, Dataset<Row> neighbours,
      Dataset<Row> popularity, Dataset<Row> offers, Dataset<Row> products, RecommendOptions o) {
    return recommend(holdings, rules, neighbours, popularity, offers, products, o, new ArrayList<>());
  }

  /** As above; notes receives what the run's notes should say (segments left without similar items). */
  public static Dataset<Row> recommend(Dataset<Row> holdings, Dataset<Row> rules, Dataset<Row> neighbours,
      Dataset<Row> popularity, Dataset<Row> offers, Dataset<Row> products, RecommendOptions o, List<String> notes) {
    Dataset<Row> firing = rules.where(col("confidence").geq(o.minRuleConfidence()));
    return OfferLists.build(holdings, firing, neighbours, popularity, offers, products, o, notes);
  }

  /**
   * The similar-items tier's neighbours of each product, counted over the customers to serve, materialised;
   * null when recommend.similar-items is off.
   *
   * @param holdings {@link #holdings}
   */
  public static Dataset<Row> neighbours(Dataset<Row> holdings, Dataset<Row> offers, RecommendOptions o) {
    return o.similar().enabled()
        ? JobCaches.localCheckpoint(ItemSimilarity.neighboursOfHoldings(holdings, offers, o.similar())) : null;
  }

  /**
   * Customers to serve with their segment and holdings, materialised (read by several branches of the plan).
   *
   * @param customers customer_id, segment
   * @param held customer_id, product_id, owned (a (customer, product) may repeat)
   */
  public static Dataset<Row> holdings(Dataset<Row> customers, Dataset<Row> held) {
    return JobCaches.localCheckpoint(Recommender.holdings(customers, held));
  }

  /** Popularity per segment and in ALL, materialised; baskets: segment, items. */
  public static Dataset<Row> popularity(Dataset<Row> baskets, Dataset<Row> offers) {
    return JobCaches.localCheckpoint(Popularity.of(baskets, offers));
  }

  /** What both the run and the backtest need, as of the run date. */
  record Inputs(Dataset<Row> products, Dataset<Row> offers, Dataset<Row> held, Dataset<Row> active,
      Dataset<Row> holdings, Dataset<Row> popularity, Dataset<Row> neighbours) {

    static Inputs of(JobContext ctx) {
      JobConfig c = ctx.config();
      RecommendOptions o = c.recommend();
      Dataset<Row> products = ctx.tables().table("products");
      Dataset<Row> offers = RecommendScenario.offers(products, o.exclude());
      LocalDate windowStart = new BasketOptions(c.basketGranularity(), c.itemLevel(), c.basketStatuses(),
          ctx.runDate(), c.lookbackDays(), false, false, "none").windowStart();
      // The holdings group the ungrouped lines by customer once; the grouped rows are read (and cached) only by
      // a backtest's hit definition and item-kNN.
      Dataset<Row> lines = Holdings.lines(ctx.tables().table("orders"), ctx.tables().table("order_items"),
          ctx.tables().optionalTable("contracts"), ctx.tables().optionalTable("opportunities"), ctx.runDate(),
          windowStart, c.basketStatuses(), o.excludeOpenOpportunities());
      Dataset<Row> held = JobCaches.cache(Holdings.grouped(lines));
      Dataset<Row> active = Holdings.active(ctx.tables().table("orders"), ctx.tables().optionalTable("contracts"),
          ctx.runDate(), o.activeDays(), c.basketStatuses());
      Dataset<Row> customers = Segments.assign(active, ctx.tables().table("customers"), c.segmentBy(),
          ctx.rules().select(col("segment")));
      // Materialised once with a short lineage: each is read by several branches of the plan, whose sources
      // (validated tables, scored rules) have deep plans of their own.
      Dataset<Row> holdings = RecommendScenario.holdings(customers, lines);
      Dataset<Row> popularity = RecommendScenario.popularity(ctx.baskets(), offers);
      Dataset<Row> neighbours = RecommendScenario.neighbours(holdings, offers, o);
      return new Inputs(products, offers, held, active, holdings, popularity, neighbours);
    }
  }

  /** Products that may be recommended: all but those whose id or category is in recommend.exclude. */
  public static Dataset<Row> offers(Dataset<Row> products, List<String> exclude) {
    if (exclude.isEmpty()) {
      return products;
    }
    Object[] ex = exclude.toArray();
    return products.where(col("product_id").isin(ex).or(col("category").isin(ex)).unary_$bang());
  }

  @Override
  public List<String> summary(JobContext ctx, Map<String, Dataset<Row>> outputs) {
    Dataset<Row> recs = outputs.get(OutputSchemas.RECOMMENDATIONS);
    if (recs == null) {
      return List.of("Recommendations: not written (basket.item-level = category: rules name categories, not"
          + " products)");
    }
    List<String> lines = new ArrayList<>();
    Row counts = recs.agg(org.apache.spark.sql.functions.countDistinct(col("customer_id")),
        org.apache.spark.sql.functions.count(lit(1)),
        org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.when(col("source").equalTo("RULE"), 1)),
        org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.when(col("source").equalTo("RULE")
            .and(col("reason").startsWith(Explanations.SIMILAR_REASON)), 1)))
        .first();
    if (counts.getLong(1) == 0) {
      lines.add("Recommendations: none: " + whyNone(ctx.config().recommend()));
      return lines;
    }
    lines.add(String.format(Locale.ROOT, "Recommendations: %d rows for %d active customers (%d from mined rules, %d"
        + " from similar items, the rest popular in the customer's segment); score = %s, combined by %s",
        counts.getLong(1), counts.getLong(0), counts.getLong(2) - counts.getLong(3), counts.getLong(3),
        ctx.config().recommend().score(), ctx.config().recommend().combine()));
    // Three examples: the first customers (by id) whose best offer comes from a rule; ids only, no names.
    List<String> ids = recs.where(col("rank").equalTo(1).and(col("source").equalTo("RULE")))
        .select(col("customer_id")).orderBy(col("customer_id")).limit(3).as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
    List<Row> top = recs.where(col("customer_id").isin(ids.toArray()).and(col("rank").leq(3)))
        .join(ctx.tables().table("products").select(col("product_id"), col("name")), "product_id")
        .orderBy(col("customer_id"), col("rank"))
        .select(col("customer_id"), col("rank"), col("product_id"), col("name"), col("score"), col("source"),
            col("reason"))
        .collectAsList();
    String last = null;
    for (Row r : top) {
      if (!r.getString(0).equals(last)) {
        lines.add("  customer " + r.getString(0) + ":");
        last = r.getString(0);
      }
      lines.add(String.format(Locale.ROOT, "    %d. %s %s (score %.3f, %s) - %s", r.getInt(1), r.getString(2),
          r.isNullAt(3) ? "" : r.getString(3), r.getDouble(4), r.getString(5), r.getString(6)));
    }
    return lines;
  }

  /** Why a run recommended nothing, in words: no active customer, nothing to offer, or everything held. */
  private String whyNone(RecommendOptions o) {
    if (inputs == null) {
      return "no inputs";
    }
    long active = inputs.active.count();
    if (active == 0) {
      return "no active customer (none with an order within recommend.active-days = " + o.activeDays()
          + " days up to the run date, nor a contract running on it)";
    }
    if (inputs.offers.isEmpty()) {
      return "no product may be offered (recommend.exclude leaves none)";
    }
    return "the " + active + " active customer" + (active == 1 ? "" : "s") + " already hold every product that"
        + " a rule or the basket window's popularity could offer";
  }

  @Override
  public List<Metric> evaluate(JobContext ctx, Map<String, Dataset<Row>> outputs) {
    Dataset<Row> recs = outputs.get(OutputSchemas.RECOMMENDATIONS);
    if (recs == null) {
      return List.of();
    }
    JobConfig c = ctx.config();
    int k = c.recommend().topN();
    Inputs in = inputs != null ? inputs : Inputs.of(ctx);
    Dataset<Row> relevant = JobCaches.cache(relevant(ctx.tables().table("orders"), ctx.tables().table("order_items"),
        in.held, in.active, in.offers, ctx.runDate().plusDays(1), c.evaluateHorizonDays(), c.basketStatuses()));
    Dataset<Row> evaluated = relevant.select(col("customer_id")).distinct();
    Dataset<Row> holdings = JobCaches.cache(in.holdings.join(evaluated, "customer_id"));
    long catalogue = in.offers.count();
    List<Metric> metrics = new ArrayList<>();
    add(metrics, "crm-affinity", RankingMetrics.compute(recs, relevant, k, catalogue));
    Dataset<Row> ours = JobCaches.localCheckpoint(RankingMetrics.perCustomer(recs, relevant, k));
    Map<String, Dataset<Row>> baselines = new java.util.LinkedHashMap<>();
    baselines.put("popularity", Baselines.popularity(holdings, in.popularity, k));
    baselines.put("co-occurrence", Baselines.coOccurrence(holdings, ctx.baskets(), in.offers, in.popularity, k));
    baselines.put("item-knn", Baselines.itemKnn(holdings, in.held.where(col("owned")), in.offers, in.popularity, k));
    for (Map.Entry<String, Dataset<Row>> b : baselines.entrySet()) {
      Dataset<Row> lists = JobCaches.localCheckpoint(b.getValue().select(col("customer_id"), col("product_id"),
          col("rank")));
      add(metrics, b.getKey(), RankingMetrics.compute(lists, relevant, k, catalogue));
      add(metrics, b.getKey(), RankingMetrics.lead(ours, RankingMetrics.perCustomer(lists, relevant, k), k));
    }
    relevant.unpersist();
    holdings.unpersist();
    return metrics;
  }

  private static void add(List<Metric> metrics, String method, Map<String, Double> values) {
    values.forEach((metric, v) -> metrics.add(new Metric(TASK, method, metric, v)));
  }

  /**
   * What counts as a hit: products of counted orders dated from the cutoff to cutoff + horizon − 1 that the
   * customer did not hold on the day before the cutoff (not bought in the basket window, not under an active
   * contract, not in an open opportunity when those count as held), that may be recommended at all, by
   * customers who were active before the cutoff.
   *
   * @return customer_id, product_id (distinct)
   */
  static Dataset<Row> relevant(Dataset<Row> orders, Dataset<Row> items, Dataset<Row> held, Dataset<Row> active,
      Dataset<Row> offers, LocalDate cutoff, int horizonDays, List<String> statuses) {
    Column after = col("order_date").geq(lit(Date.valueOf(cutoff)))
        .and(col("order_date").lt(lit(Date.valueOf(cutoff.plusDays(horizonDays)))));
    return orders.where(col("status").isin(statuses.toArray()).and(after))
        .select(col("order_id"), col("customer_id"))
        .join(items.select(col("order_id"), col("product_id")), "order_id")
        .join(offers.select(col("product_id")), "product_id")
        .join(active, "customer_id")
        .select(col("customer_id"), col("product_id")).distinct()
        .join(held.select(col("customer_id"), col("product_id")), new String[] {"customer_id", "product_id"},
            "left_anti");
  }
}
