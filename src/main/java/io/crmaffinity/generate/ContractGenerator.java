package io.crmaffinity.generate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A block's contracts: signed after most won deals, an installed base from 2022 on, and renewals. When a
 * contract ends it is renewed by a new contract of the same customer and product starting 1-30 days later, or
 * it lapses; renewals can renew again; a few contracts end early (TERMINATED). Statuses are as of
 * {@link Dates#AS_OF}.
 */
final class ContractGenerator {
  private static final LocalDate INSTALLED_BASE_FROM = LocalDate.of(2022, 1, 1);
  private static final String[] INSTALLED_PRODUCTS = {"P028", "P029", "P030", "P032", "P035", "P040", "P039",
      "P033"};
  private static final double[] INSTALLED_WEIGHTS = {6, 2, 4, 3, 2, 4, 2, 2};
  private static final Integer[] TERMS = {12, 24, 36};
  private static final double[] TERM_WEIGHTS = {50, 30, 20};

  private ContractGenerator() {}

  /** The block's contracts sorted by start, numbered, and added to their customers. */
  static List<Contract> generate(Block block, List<Customer> customers, List<Opportunity> opportunities, Ids ids,
      Draws draws) {
    List<Contract> all = new ArrayList<>();
    signWonDeals(opportunities, draws, all);
    installedBase(block.legacyContracts(), customers, draws, all);
    renewals(draws, all);
    all.sort(Comparator.comparing((Contract k) -> k.start).thenComparing(k -> k.customer.id));
    int number = 1;
    for (Contract k : all) {
      k.id = ids.contract(block.index(), number++);
      k.customer.contracts.add(k);
    }
    return all;
  }

  /** 80 % of won deals become a contract, starting 0-21 days after the close. */
  private static void signWonDeals(List<Opportunity> opportunities, Draws draws, List<Contract> out) {
    for (Opportunity o : opportunities) {
      if (!o.stage.equals("CLOSED_WON") || draws.uniform() >= 0.80) {
        continue;
      }
      Contract k = new Contract();
      k.customer = o.customer;
      k.product = o.product;
      k.opportunity = o;
      k.start = o.closed.plusDays(draws.below(22));
      if (k.start.isAfter(Dates.AS_OF)) {
        continue;
      }
      k.termMonths = subscription(o.product) ? term(draws) : 12;
      k.end = k.start.plusMonths(k.termMonths).minusDays(1);
      k.valueCents = subscription(o.product) ? o.amountCents * (k.termMonths / 12) : o.amountCents;
      out.add(k);
    }
  }

  /** Older contracts without an opportunity. */
  private static void installedBase(int count, List<Customer> customers, Draws draws, List<Contract> out) {
    Product[] products = new Product[INSTALLED_PRODUCTS.length];
    for (int i = 0; i < products.length; i++) {
      products[i] = Catalogue.get(INSTALLED_PRODUCTS[i]);
    }
    for (int i = 0; i < count; i++) {
      Customer customer = PipelineGenerator.weightedBusinessCustomer(customers, Dates.AS_OF, draws);
      if (customer == null) {
        return; // a block without business customers (only a very small one)
      }
      Contract k = new Contract();
      k.customer = customer;
      k.product = draws.weighted(products, INSTALLED_WEIGHTS);
      k.start = draws.date(Dates.max(INSTALLED_BASE_FROM, k.customer.created), Dates.AS_OF);
      k.termMonths = term(draws);
      k.end = k.start.plusMonths(k.termMonths).minusDays(1);
      int seats = k.product.category().equals("SOFTWARE") ? 5 + draws.below(96) : 1 + draws.below(4);
      k.valueCents = Math.round(k.product.priceCents() * seats * (k.termMonths / 12)
          * (0.85 + 0.15 * draws.uniform()) / 100.0) * 100;
      out.add(k);
    }
  }

  /** Early ends, then renewals of what expired; each renewal is itself considered (the list grows). */
  private static void renewals(Draws draws, List<Contract> all) {
    for (int i = 0; i < all.size(); i++) {
      Contract prev = all.get(i);
      if (draws.uniform() < 0.05) {
        int days = (int) ChronoUnit.DAYS.between(prev.start, prev.end);
        LocalDate cut = prev.start.plusDays(60 + draws.below(Math.max(1, days - 60)));
        if (cut.isBefore(Dates.AS_OF) && cut.isBefore(prev.end)) {
          prev.end = cut;
          prev.status = "TERMINATED";
        }
      }
      setStatus(prev);
      if (!prev.status.equals("EXPIRED") || draws.uniform() >= renewalChance(prev)) {
        continue;
      }
      LocalDate start = prev.end.plusDays(draws.uniform() < 0.6 ? 1 : 1 + draws.below(30));
      if (start.isAfter(Dates.AS_OF)) {
        continue;
      }
      Contract k = new Contract();
      k.customer = prev.customer;
      k.product = prev.product;
      k.renewalOf = prev;
      k.start = start;
      k.termMonths = draws.uniform() < 0.7 ? prev.termMonths : 12;
      k.end = k.start.plusMonths(k.termMonths).minusDays(1);
      k.valueCents = Math.round(prev.valueCents / (double) prev.termMonths * k.termMonths
          * (1.0 + 0.08 * draws.uniform()) / 100.0) * 100;
      prev.renewed = true;
      all.add(k);
    }
  }

  private static boolean subscription(Product p) {
    return p.category().equals("SOFTWARE") || p.id().equals("P040") || p.id().equals("P039");
  }

  private static int term(Draws draws) {
    return draws.weighted(TERMS, TERM_WEIGHTS);
  }

  /** Software renews more than other subscriptions, and those more than hardware care; large customers more. */
  private static double renewalChance(Contract k) {
    double base = k.product.category().equals("SOFTWARE") ? 0.75 : subscription(k.product) ? 0.65 : 0.45;
    return "ENTERPRISE".equals(k.customer.segment) || "PUBLIC_SECTOR".equals(k.customer.segment) ? base + 0.1 : base;
  }

  private static void setStatus(Contract k) {
    if ("TERMINATED".equals(k.status)) {
      return;
    }
    k.status = k.end.isBefore(Dates.AS_OF) ? "EXPIRED" : "ACTIVE";
  }
}
