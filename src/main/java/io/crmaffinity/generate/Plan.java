package io.crmaffinity.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a data set is cut into blocks and files. Customers are split into blocks of at most
 * {@value #BLOCK_CUSTOMERS} (sizes differing by at most one), each generated on its own from seeds derived from
 * (seed, block index); blocks are grouped, {@value #BLOCKS_PER_PART} at a time, into parts, each written as one
 * file per table by one thread. All of it depends on the options only, never on the number of threads, so a
 * seed gives the same files however many threads write them.
 */
final class Plan {
  /** The sample's size: a data set of 400 customers is one block, generated exactly as the sample was. */
  static final int BLOCK_CUSTOMERS = 400;
  /** About 154,000 order lines per part file. */
  static final int BLOCKS_PER_PART = 10;
  private static final int SAMPLE_LEGACY_CONTRACTS = 55;
  private static final int SAMPLE_CHURNERS = 32;
  /** Any odd constant spreads the block indexes over the seed space; this one is the golden ratio's. */
  private static final long SEED_STEP = 0x9E3779B97F4A7C15L;

  private final List<Block> blocks;
  private final Ids ids;
  private final long orders;

  private Plan(List<Block> blocks, Ids ids, long orders) {
    this.blocks = blocks;
    this.ids = ids;
    this.orders = orders;
  }

  static Plan of(GenerateOptions options) {
    int customers = options.customers();
    int count = (customers + BLOCK_CUSTOMERS - 1) / BLOCK_CUSTOMERS;
    List<Block> blocks = new ArrayList<>(count);
    long firstCustomer = 0;
    long firstOrder = 0;
    for (int i = 0; i < count; i++) {
      int size = customers / count + (i < customers % count ? 1 : 0);
      // 12.5 orders per customer: the sample's 5,000 for 400.
      int orders = size * 25 / 2;
      blocks.add(new Block(i, firstCustomer, size, firstOrder, orders, blockSeed(options.seed(), i),
          blockSeed(options.opportunitySeed(), i), blockSeed(options.caseSeed(), i),
          options.opportunityRate() * (size / (double) BLOCK_CUSTOMERS),
          (int) Math.round((double) SAMPLE_LEGACY_CONTRACTS * size / BLOCK_CUSTOMERS),
          (int) Math.round((double) SAMPLE_CHURNERS * size / BLOCK_CUSTOMERS)));
      firstCustomer += size;
      firstOrder += orders;
    }
    return new Plan(List.copyOf(blocks), new Ids(customers, firstOrder, count), firstOrder);
  }

  /**
   * Block 0 draws from the seed itself, so the sample (one block) is what the seed gave before blocks existed;
   * every other block from a well-mixed function of (seed, block).
   */
  static long blockSeed(long seed, int block) {
    return block == 0 ? seed : new SplittableRandom(seed + block * SEED_STEP).nextLong();
  }

  List<Block> blocks() {
    return blocks;
  }

  Ids ids() {
    return ids;
  }

  long orders() {
    return orders;
  }

  int parts() {
    return (blocks.size() + BLOCKS_PER_PART - 1) / BLOCKS_PER_PART;
  }

  /** The blocks written to part file {@code part}. */
  List<Block> part(int part) {
    return blocks.subList(part * BLOCKS_PER_PART, Math.min(blocks.size(), (part + 1) * BLOCKS_PER_PART));
  }
}
