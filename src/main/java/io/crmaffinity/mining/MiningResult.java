package io.crmaffinity.mining;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * @param itemsets items (array&lt;string&gt;, sorted), freq
 * @param rules antecedent, consequent (sorted arrays), confidence, lift, support
 * @param basketCount the number of baskets mined; supports are fractions of it
 */
public record MiningResult(Dataset<Row> itemsets, Dataset<Row> rules, long basketCount) {}
