package io.crmaffinity.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blocks, parts, seeds and keys depend on the options alone. Plain Java, no Spark. */
class PlanTest {
  private static GenerateOptions customers(int n) {
    GenerateOptions sample = GenerateOptions.sample(Path.of("unused"));
    return new GenerateOptions(sample.output(), n, sample.seed(), sample.opportunitySeed(), sample.opportunityRate(),
        sample.caseSeed(), OutputFormat.CSV, 1);
  }

  @Test
  void theSampleIsOneBlockWithTheSeedsThemselves() {
    Plan plan = Plan.of(customers(400));
    assertEquals(1, plan.blocks().size());
    Block b = plan.blocks().get(0);
    assertEquals(new Block(0, 0, 400, 0, 5000, 20251231L, 20240701L, 20251101L, 0.8, 55, 32), b);
    assertEquals(1, plan.parts());
    assertEquals(400, b.scaled(400));
  }

  @Test
  void customersAreSplitIntoBlocksOfAtMost400DifferingByAtMostOne() {
    Plan plan = Plan.of(customers(801));
    List<Block> blocks = plan.blocks();
    assertEquals(List.of(267, 267, 267), blocks.stream().map(Block::customers).toList());
    assertEquals(List.of(0L, 267L, 534L), blocks.stream().map(Block::firstCustomer).toList());
    assertEquals(List.of(0L, 3337L, 6674L), blocks.stream().map(Block::firstOrder).toList());
    assertEquals(3 * 3337L, plan.orders());
    assertEquals(0.8 * 267 / 400, blocks.get(1).opportunityRate(), 1e-12);
    assertEquals(37, blocks.get(1).legacyContracts());
    assertEquals(21, blocks.get(1).churners());

    Plan large = Plan.of(customers(260_000));
    assertEquals(650, large.blocks().size());
    assertEquals(65, large.parts());
    assertEquals(10, large.part(64).size());
    assertEquals(640, large.part(64).get(0).index());
  }

  @Test
  void blockSeedsDependOnTheSeedAndTheBlockOnly() {
    assertEquals(7L, Plan.blockSeed(7L, 0));
    assertEquals(Plan.blockSeed(7L, 1), Plan.blockSeed(7L, 1));
    assertNotEquals(Plan.blockSeed(7L, 1), Plan.blockSeed(7L, 2));
    assertNotEquals(Plan.blockSeed(7L, 1), Plan.blockSeed(8L, 1));
    assertEquals(Plan.of(customers(5000)).blocks().get(7), Plan.of(customers(5000)).blocks().get(7));
  }

  @Test
  void keysAreAsInTheSampleAndWidenWithTheDataSet() {
    Ids sample = new Ids(400, 5000, 1);
    assertEquals(List.of("C0001", "O00001", "OPP0001", "CT0239", "CS00825", "C9999", "O99999"),
        List.of(sample.customer(1), sample.order(1), sample.opportunity(0, 1), sample.contract(0, 239),
            sample.supportCase(0, 825), sample.unknownCustomer(), sample.unknownOrder()));
    // All nines is a real key only when the count is all nines: then the keys get one more digit.
    Ids nines = new Ids(9999, 99_999, 25);
    assertEquals(List.of("C09999", "O099999", "C99999", "O999999"),
        List.of(nines.customer(9999), nines.order(99_999), nines.unknownCustomer(), nines.unknownOrder()));
    assertEquals(List.of("OPP000001", "OPP240017", "CS0000001", "CS2400017"),
        List.of(nines.opportunity(0, 1), nines.opportunity(24, 17), nines.supportCase(0, 1),
            nines.supportCase(24, 17)));
  }
}
