package io.crmaffinity.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A block's customers: 60 % individuals (CONSUMER), 40 % businesses (SMB, ENTERPRISE, PUBLIC_SECTOR), five
 * regions, created from 2015 on, with a heavy-tailed purchase frequency.
 */
final class CustomerGenerator {
  private static final String[] REGIONS = {"NORTH", "SOUTH", "EAST", "WEST", "CENTRAL"};
  private static final double[] REGION_WEIGHTS = {22, 20, 18, 25, 15};
  private static final String[] BUSINESS_SEGMENTS = {"SMB", "ENTERPRISE", "PUBLIC_SECTOR"};
  private static final double[] BUSINESS_SEGMENT_WEIGHTS = {55, 25, 20};

  private CustomerGenerator() {}

  static List<Customer> generate(Block block, Ids ids, Draws draws) {
    int n = block.customers();
    List<String> types = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      types.add(i < n * 6 / 10 ? "INDIVIDUAL" : "BUSINESS");
    }
    draws.shuffle(types);
    Set<String> usedNames = new HashSet<>();
    List<Customer> customers = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      Customer c = new Customer(ids.customer(block.firstCustomer() + i));
      c.type = types.get(i - 1);
      if (c.business()) {
        c.segment = draws.weighted(BUSINESS_SEGMENTS, BUSINESS_SEGMENT_WEIGHTS);
      } else {
        c.segment = draws.uniform() < 0.04 ? null : "CONSUMER";
      }
      c.region = draws.uniform() < 0.03 ? null : draws.weighted(REGIONS, REGION_WEIGHTS);
      String name;
      do {
        name = c.business() ? Names.business(draws, c.segment) : Names.individual(draws);
      } while (!usedNames.add(name));
      c.name = name;
      c.created = draws.uniform() < 0.85
          ? draws.date(LocalDate.of(2015, 1, 1), LocalDate.of(2023, 12, 31))
          : draws.date(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 10, 31));
      c.showCreated = draws.uniform() >= 0.02;
      // Heavy-tailed purchase frequency: a few customers buy often, many rarely.
      double g = draws.gaussian();
      c.activity = Math.min(12.0, Math.exp(0.95 * g)) * (c.business() ? 1.3 : 1.0);
      customers.add(c);
    }
    return customers;
  }
}
