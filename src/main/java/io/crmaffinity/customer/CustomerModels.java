package io.crmaffinity.customer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Fits BG/NBD and Gamma-Gamma on the driver from a per-customer summary ({@link CustomerFrames#btydSummary})
 * and applies them to every customer in Spark.
 *
 * <p>What reaches the driver: BG/NBD's likelihood depends on a customer only through (x, t_x, T), and those are
 * whole numbers of days, so the distinct combinations with their customer counts give the exact likelihood of
 * all customers — a few thousand rows for years of history, whatever the number of customers. Gamma-Gamma
 * depends on each repeat customer's own mean spend, a continuous value, so it needs one row per repeat
 * customer. When either exceeds {@code customer.model-max-rows}, a deterministic sample of customers (by a hash
 * of customer_id, the same every run) is fitted instead and a note says so; predictions cover every customer.
 *
 * <p>Fallbacks, each with a note for job_runs.notes. A degenerate BG/NBD fit ({@link BgNbd#fit}: a parameter
 * at the edge of its box, or a flat likelihood) is replaced by {@link BgNbd#fitWithPrior}: its parameters along
 * the undetermined direction are the prior's moderate values instead of an arbitrary point of a ridge, and its
 * predictions keep what the data do say — purchase rates, recency, the average dropout — so a customer silent for
 * a year still shows a low p_alive. Only when BG/NBD cannot be fitted at all (fewer than 2 customers, no repeat
 * purchase) or the refit fails too do p_alive = 1 and the customer's own rate x / T stand in: then nothing
 * better is known, and the health score rests on the signals that are observed (overdue gap, cases). Gamma-Gamma
 * falls back to the customer's own mean spend, else the mean of all customer-days: its degenerate cases (too
 * few repeaters, identical spends, tails too heavy for a finite mean) are those where the customer's own
 * average is the most honest figure.
 */
public final class CustomerModels implements Serializable {
  /** Weeks per year for expected_purchases_12m. */
  public static final double YEAR_WEEKS = 52;

  private final BgNbd.Fit bgNbd;
  private final boolean bgNbdWithPrior;
  private final GammaGamma.Fit gammaGamma;
  private final double meanSpend;

  CustomerModels(BgNbd.Fit bgNbd, GammaGamma.Fit gammaGamma, double meanSpend) {
    this(bgNbd, false, gammaGamma, meanSpend);
  }

  CustomerModels(BgNbd.Fit bgNbd, boolean bgNbdWithPrior, GammaGamma.Fit gammaGamma, double meanSpend) {
    this.bgNbd = bgNbd;
    this.bgNbdWithPrior = bgNbdWithPrior;
    this.gammaGamma = gammaGamma;
    this.meanSpend = meanSpend;
  }

  /**
   * The BG/NBD fit the predictions use: the maximum-likelihood fit, or — when that was degenerate — the refit
   * with a weak prior ({@link #bgNbdWithPrior()}); not ok when neither could be used.
   */
  public BgNbd.Fit bgNbd() {
    return bgNbd;
  }

  /** Whether {@link #bgNbd()} is the weak-prior refit that replaced a degenerate maximum-likelihood fit. */
  public boolean bgNbdWithPrior() {
    return bgNbdWithPrior;
  }

  public GammaGamma.Fit gammaGamma() {
    return gammaGamma;
  }

  /** Mean value of a customer-day over all customers: the spend fallback. */
  public double meanSpend() {
    return meanSpend;
  }

  /** Fits both models; adds a note for every sample or fallback. */
  public static CustomerModels fit(Dataset<Row> summary, int maxRows, List<String> notes) {
    Row totals = summary.agg(functionsCount(), sum(col("total_value")), sum(col("x").plus(1))).first();
    long customers = totals.getLong(0);
    double meanSpend = customers == 0 || totals.isNullAt(1) ? 0 : totals.getDouble(1) / totals.getLong(2);

    Dataset<Row> combos = summary.groupBy(col("x"), col("tx_days"), col("t_days")).count();
    long comboCount = combos.count();
    if (comboCount > maxRows) {
      double fraction = maxRows / (double) customers;
      combos = sample(summary, fraction).groupBy(col("x"), col("tx_days"), col("t_days")).count();
      notes.add("customer value: " + comboCount + " distinct (x, t_x, T) > customer.model-max-rows " + maxRows
          + ": BG/NBD fitted on a hash sample of " + Math.round(100 * fraction * 100) / 100.0 + "% of customers");
    }
    // In a fixed order: the optimizer's sums, and with a flat likelihood where it stops, then do not depend on
    // how this Spark version, its partition count or a cluster happened to order the groups.
    List<Row> rows = combos.orderBy(col("x"), col("tx_days"), col("t_days")).collectAsList();
    int n = rows.size();
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      x[i] = r.getLong(0);
      tx[i] = r.getInt(1) / 7.0;
      t[i] = r.getInt(2) / 7.0;
      w[i] = r.getLong(3);
    }
    BgNbd.Fit bg = BgNbd.fit(x, tx, t, w);
    boolean withPrior = false;
    if (!bg.ok()) {
      // A degenerate fit (the data had enough to fit at all) is refitted with a weak prior: its predictions keep
      // what the data say about purchase rates, recency and dropout, where p_alive = 1 and the customer's own
      // rate x / T would tell an account manager that someone silent for a year is as alive as ever.
      BgNbd.Fit refit = bg.params() == null ? null : BgNbd.fitWithPrior(x, tx, t, w);
      if (refit != null && refit.ok()) {
        notes.add("customer value: " + bg.message() + "; fallback: BG/NBD " + refit.message()
            + "; p_alive and expected purchases come from that fit");
        bg = refit;
        withPrior = true;
      } else {
        notes.add("customer value: " + bg.message() + (refit == null ? "" : "; the refit with a weak prior failed too ("
            + refit.message() + ")") + "; fallback: p_alive = 1 and expected purchases at the customer's own repeat"
            + " rate x / T");
      }
    }

    Dataset<Row> repeaters = summary.where(col("x").gt(0).and(col("m_x").gt(0))).select(col("x"), col("m_x"));
    long repeatCount = repeaters.count();
    if (repeatCount > maxRows) {
      double fraction = maxRows / (double) repeatCount;
      repeaters = sample(summary.where(col("x").gt(0).and(col("m_x").gt(0))), fraction).select(col("x"), col("m_x"));
      notes.add("customer value: " + repeatCount + " repeat customers > customer.model-max-rows " + maxRows
          + ": Gamma-Gamma fitted on a hash sample of " + Math.round(100 * fraction * 100) / 100.0 + "% of them");
    }
    List<Row> spend = repeaters.orderBy(col("x"), col("m_x")).collectAsList();
    double[] sx = new double[spend.size()];
    double[] sm = new double[spend.size()];
    for (int i = 0; i < sx.length; i++) {
      sx[i] = spend.get(i).getLong(0);
      sm[i] = spend.get(i).getDouble(1);
    }
    GammaGamma.Fit gg = GammaGamma.fit(sx, sm);
    if (!gg.ok()) {
      notes.add("customer value: " + gg.message() + "; fallback: expected spend = the customer's own mean repeat"
          + " spend, else the mean value of all customer-days (" + Math.round(meanSpend * 100) / 100.0 + ")");
    }
    return new CustomerModels(bg, withPrior, gg, meanSpend);
  }

  private static Column functionsCount() {
    return org.apache.spark.sql.functions.count(lit(1));
  }

  private static Dataset<Row> sample(Dataset<Row> summary, double fraction) {
    return summary.where(pmod(xxhash64(col("customer_id")), lit(1_000_000L)).lt(lit(Math.round(fraction * 1_000_000))));
  }

  /** p_alive for (x, t_x days, T days); 1 under the fallback. */
  public double pAlive(long x, int txDays, int tDays) {
    if (!bgNbd.ok()) {
      return 1.0;
    }
    double v = BgNbd.pAlive(bgNbd.params(), x, txDays / 7.0, tDays / 7.0);
    return Double.isFinite(v) ? v : 1.0;
  }

  /** Expected customer-days in the next {@code weeks}; the fallback is x / T · weeks (0 when T = 0). */
  public double expectedPurchases(double weeks, long x, int txDays, int tDays) {
    double sameRate = tDays > 0 ? x / (tDays / 7.0) * weeks : 0;
    if (!bgNbd.ok()) {
      return sameRate;
    }
    double v = BgNbd.expectedPurchases(bgNbd.params(), weeks, x, txDays / 7.0, tDays / 7.0);
    return Double.isFinite(v) && v >= 0 ? v : sameRate;
  }

  /** Expected value of one future customer-day; the fallback is the customer's own mean, else the overall mean. */
  public double expectedSpend(long x, Double mx) {
    double own = x > 0 && mx != null && Double.isFinite(mx) ? mx : meanSpend;
    if (!gammaGamma.ok()) {
      return own;
    }
    double v = GammaGamma.expectedSpend(gammaGamma.params(), x, mx == null ? 0 : mx);
    return Double.isFinite(v) && v >= 0 ? v : own;
  }

  /**
   * Predictions per customer of the summary.
   *
   * @return customer_id, p_alive, expected_purchases (in {@code weeks}), expected_soon (in
   *     {@link HealthScore#SOON_WEEKS}), expected_spend
   */
  public Dataset<Row> predict(Dataset<Row> summary, double weeks) {
    CustomerModels m = this;
    UserDefinedFunction soon = udf((UDF3<Long, Integer, Integer, Double>) (x, tx, t) ->
        m.expectedPurchases(HealthScore.SOON_WEEKS, x, tx, t), DataTypes.DoubleType);
    UserDefinedFunction alive = udf((UDF3<Long, Integer, Integer, Double>) (x, tx, t) -> m.pAlive(x, tx, t),
        DataTypes.DoubleType);
    UserDefinedFunction purchases = udf((UDF3<Long, Integer, Integer, Double>) (x, tx, t) ->
        m.expectedPurchases(weeks, x, tx, t), DataTypes.DoubleType);
    UserDefinedFunction spend = udf((UDF2<Long, Double, Double>) m::expectedSpend, DataTypes.DoubleType);
    return summary.select(col("customer_id"),
        alive.apply(col("x"), col("tx_days"), col("t_days")).as("p_alive"),
        purchases.apply(col("x"), col("tx_days"), col("t_days")).as("expected_purchases"),
        soon.apply(col("x"), col("tx_days"), col("t_days")).as("expected_soon"),
        spend.apply(col("x"), col("m_x")).as("expected_spend"));
  }

  static final StructType PARAMETERS = new StructType()
      .add("model", DataTypes.StringType, false).add("parameter", DataTypes.StringType, false)
      .add("value", DataTypes.DoubleType, false);

  /**
   * model_parameters rows: parameters, log-likelihood, customers, evaluations and fitted (1/0) per model;
   * bg_nbd's weak_prior is 1 when its parameters come from the weak-prior refit of a degenerate fit.
   */
  public Dataset<Row> parameters(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create("bg_nbd", "fitted", bgNbd.ok() ? 1.0 : 0.0));
    rows.add(RowFactory.create("bg_nbd", "weak_prior", bgNbdWithPrior ? 1.0 : 0.0));
    rows.add(RowFactory.create("bg_nbd", "customers", (double) bgNbd.customers()));
    if (bgNbd.ok()) {
      BgNbd.Params p = bgNbd.params();
      rows.add(RowFactory.create("bg_nbd", "r", p.r()));
      rows.add(RowFactory.create("bg_nbd", "alpha", p.alpha()));
      rows.add(RowFactory.create("bg_nbd", "a", p.a()));
      rows.add(RowFactory.create("bg_nbd", "b", p.b()));
      rows.add(RowFactory.create("bg_nbd", "log_likelihood", bgNbd.logLikelihood()));
      rows.add(RowFactory.create("bg_nbd", "evaluations", (double) bgNbd.evaluations()));
    }
    rows.add(RowFactory.create("gamma_gamma", "fitted", gammaGamma.ok() ? 1.0 : 0.0));
    rows.add(RowFactory.create("gamma_gamma", "customers", (double) gammaGamma.customers()));
    if (gammaGamma.ok()) {
      GammaGamma.Params p = gammaGamma.params();
      rows.add(RowFactory.create("gamma_gamma", "p", p.p()));
      rows.add(RowFactory.create("gamma_gamma", "q", p.q()));
      rows.add(RowFactory.create("gamma_gamma", "gamma", p.gamma()));
      rows.add(RowFactory.create("gamma_gamma", "population_mean_spend", p.populationMean()));
      rows.add(RowFactory.create("gamma_gamma", "log_likelihood", gammaGamma.logLikelihood()));
      rows.add(RowFactory.create("gamma_gamma", "evaluations", (double) gammaGamma.evaluations()));
    }
    rows.add(RowFactory.create("gamma_gamma", "mean_spend_fallback", meanSpend));
    return spark.createDataFrame(rows, PARAMETERS);
  }
}
