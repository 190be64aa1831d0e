package io.crmaffinity.generate;

import java.util.List;

/**
 * One block's rows before they are written, and which of them are planted bad rows.
 *
 * @param churners "id@churn-date" per churner, in the order they were picked
 */
record GeneratedBlock(Block block, List<Customer> customers, List<Opportunity> opportunities,
    List<Contract> contracts, List<Order> orders, List<SupportCase> cases, PlantedRows planted,
    List<String> churners) {

  /**
   * Generates a block: customers, then the pipeline and contracts (their own stream), then orders; then the
   * rows to corrupt are chosen; churn and support cases come last from the third stream, so that adding them
   * left every other row as it was.
   */
  static GeneratedBlock generate(Block block, Ids ids) {
    Draws main = new Draws(block.seed());
    Draws pipeline = new Draws(block.opportunitySeed());
    Draws support = new Draws(block.caseSeed());
    List<Customer> customers = CustomerGenerator.generate(block, ids, main);
    List<Opportunity> opportunities = PipelineGenerator.generate(block, customers, ids, pipeline);
    List<Contract> contracts = ContractGenerator.generate(block, customers, opportunities, ids, pipeline);
    List<Order> orders = OrderGenerator.generate(block, customers, ids, main);
    PlantedRows planted = PlantedRows.choose(block, customers, orders, opportunities, contracts);
    List<String> churners = Churn.apply(customers, planted.alien, block.churners(), support);
    List<SupportCase> cases = SupportCaseGenerator.generate(block, customers, orders, planted.alien, ids, support);
    planted.chooseCases(block, cases);
    return new GeneratedBlock(block, customers, opportunities, contracts, orders, cases, planted, churners);
  }
}
