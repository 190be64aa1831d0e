package io.crmaffinity.generate;

/**
 * One block of at most {@link Plan#BLOCK_CUSTOMERS} customers: a small CRM of its own, generated from its own
 * three random streams, with its share of orders, pipeline, contracts, churners, support cases and planted bad
 * rows. Its customers buy, sign and churn only within the block.
 *
 * @param index 0-based
 * @param firstCustomer customers before this block
 * @param firstOrder orders before this block
 * @param seed customers and orders
 * @param opportunitySeed opportunities and contracts
 * @param caseSeed churners and support cases
 * @param opportunityRate new opportunities a day on average (before growth and season)
 * @param legacyContracts contracts of the installed base, without an opportunity
 */
record Block(int index, long firstCustomer, int customers, long firstOrder, int orders, long seed,
    long opportunitySeed, long caseSeed, double opportunityRate, int legacyContracts, int churners) {

  /**
   * {@code sampleValue} (a count or position in the 400-customer sample) scaled to this block's customers;
   * exactly {@code sampleValue} in a block of 400.
   */
  int scaled(int sampleValue) {
    return (int) ((long) sampleValue * customers / Plan.BLOCK_CUSTOMERS);
  }
}
