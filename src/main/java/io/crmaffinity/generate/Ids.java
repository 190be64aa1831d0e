package io.crmaffinity.generate;

/**
 * The keys of generated rows. Customers and orders are numbered through the whole data set (C0001.., O00001..;
 * wider when there are more of them). Opportunities, contracts and support cases are numbered within their
 * block, whose count is known only once it is generated: block b's run from b × 10^w + 1 with w = 4 (5 for
 * cases), so one block gives OPP0001.., CT0001.., CS00001.. and the blocks never share a key.
 */
final class Ids {
  private static final long PIPELINE_PER_BLOCK = 10_000;
  private static final long CASES_PER_BLOCK = 100_000;

  private final int customerWidth;
  private final int orderWidth;
  private final int pipelineWidth;
  private final int caseWidth;

  Ids(long customers, long orders, int blocks) {
    // One digit more than the count needs when it is all nines, so the all-nines key is never a real one.
    this.customerWidth = Math.max(4, digits(customers + 1));
    this.orderWidth = Math.max(5, digits(orders + 1));
    this.pipelineWidth = digits(blocks * PIPELINE_PER_BLOCK - 1);
    this.caseWidth = digits(blocks * CASES_PER_BLOCK - 1);
  }

  /** @param number 1-based, through the whole data set */
  String customer(long number) {
    return pad("C", number, customerWidth);
  }

  /** @param number 1-based, through the whole data set */
  String order(long number) {
    return pad("O", number, orderWidth);
  }

  /** @param number 1-based, within the block */
  String opportunity(int block, int number) {
    return pad("OPP", inBlock(block, number, PIPELINE_PER_BLOCK, "opportunities"), pipelineWidth);
  }

  /** @param number 1-based, within the block */
  String contract(int block, int number) {
    return pad("CT", inBlock(block, number, PIPELINE_PER_BLOCK, "contracts"), pipelineWidth);
  }

  /** @param number 1-based, within the block */
  String supportCase(int block, int number) {
    return pad("CS", inBlock(block, number, CASES_PER_BLOCK, "support cases"), caseWidth);
  }

  /** A customer key that no row has (C9999 for up to 9,998 customers): a planted unknown reference. */
  String unknownCustomer() {
    return "C" + "9".repeat(customerWidth);
  }

  /** An order key that no row has (O99999 for up to 99,998 orders): a planted unknown reference. */
  String unknownOrder() {
    return "O" + "9".repeat(orderWidth);
  }

  private static long inBlock(int block, int number, long perBlock, String what) {
    if (number >= perBlock) {
      throw new IllegalStateException("block " + block + " has more than " + (perBlock - 1) + " " + what);
    }
    return block * perBlock + number;
  }

  static String pad(String prefix, long number, int width) {
    String digits = Long.toString(number);
    StringBuilder b = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(digits).toString();
  }

  private static int digits(long n) {
    return Long.toString(n).length();
  }
}
