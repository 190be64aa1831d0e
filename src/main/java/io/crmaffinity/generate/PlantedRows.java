package io.crmaffinity.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The rows of one block chosen to be corrupted, each breaking one contract rule (data-samples/README.md,
 * "Planted bad rows"), and the valid but tricky ones (a product on two lines of one order). They are chosen
 * deterministically from the valid data, after the orders and before churn: a chosen order is reserved, so it
 * is never chosen twice, never moves to another customer and gets no support case. Positions are those of the
 * 400-customer sample scaled to the block; in a small block a row that finds no candidate is not planted.
 */
final class PlantedRows {
  /** The sample's order positions where the searches start (a block of 400 customers has 5,000 orders). */
  private static final int[] SPLIT_LINE_STARTS = {250, 1000, 1750, 2500, 3300, 4000};

  Customer alien;
  Order alienOrder;
  Order badDate;
  Order unknownCustomer;
  Order shipped;
  Order duplicated;
  Customer duplicateCustomer;
  int duplicateAfter = -1;
  Opportunity badOpportunity;
  Order badOpportunityOrder;
  Contract badContract;
  Order badContractOrder;
  Order quantityZero;
  Order quantityText;
  Order unknownProduct;
  Order badProduct1;
  Order badProduct2;
  final List<Order> splitLines = new ArrayList<>();
  int namelessAfter;
  int orphanLineAfter;
  SupportCase badSatisfaction;
  SupportCase badDates;

  private PlantedRows() {}

  /** Chooses the customer, order, opportunity and contract rows to corrupt. */
  static PlantedRows choose(Block block, List<Customer> customers, List<Order> orders,
      List<Opportunity> opportunities, List<Contract> contracts) {
    PlantedRows p = new PlantedRows();
    p.namelessAfter = Math.min(221, customers.size() - 1);
    p.orphanLineAfter = Math.max(0, block.scaled(2750) - 1);
    // customer_type ALIEN: an individual with exactly one order of two lines and nothing else (with another
    // opportunity stream there may be none: then any plain one-order individual).
    p.alien = loneIndividual(block, customers, 2);
    if (p.alien == null) {
      p.alien = loneIndividual(block, customers, -1);
    }
    if (p.alien != null) {
      p.alienOrder = p.alien.orders.get(0);
      p.alienOrder.reserved = true;
    }
    p.badDate = reserve(orders, block.scaled(700), o -> o.plain() && o.items.size() == 3);
    p.unknownCustomer = reserve(orders, block.scaled(1500), o -> o.plain() && o.items.size() == 2);
    p.shipped = reserve(orders, block.scaled(2300), o -> o.plain() && o.items.size() == 1);
    p.duplicated = reserve(orders, block.scaled(3100), o -> o.plain() && o.items.size() == 2);
    if (p.duplicated != null) {
      p.duplicateCustomer = customers.get(17 % customers.size());
      p.duplicateAfter = Math.min(orders.indexOf(p.duplicated) + 240, orders.size() - 1);
    }
    p.chooseBadOpportunity(opportunities);
    p.chooseBadContract(contracts);
    p.quantityZero = reserve(orders, block.scaled(400),
        o -> o.plain() && o.items.size() == 2 && !o.holds("P059"));
    p.quantityText = reserve(orders, block.scaled(1200),
        o -> o.plain() && o.items.size() == 3 && !o.holds("P060"));
    p.unknownProduct = reserve(orders, block.scaled(2000), o -> o.plain() && o.items.size() == 2);
    p.badProduct1 = reserve(orders, block.scaled(2600), o -> o.plain() && o.items.size() == 2);
    p.badProduct2 = reserve(orders, block.scaled(4200), o -> o.plain() && o.items.size() == 3);
    for (int start : SPLIT_LINE_STARTS) {
      Order o = reserve(orders, block.scaled(start), x -> x.plain() && x.items.size() >= 2);
      if (o != null) {
        p.splitLines.add(o);
      }
    }
    return p;
  }

  /**
   * Chooses the two bad support cases among closed, rated cases about an order: satisfaction 7 from the
   * sample's CS00100 on, swapped dates from CS00500 on (positions scaled to the block).
   */
  void chooseCases(Block block, List<SupportCase> cases) {
    int satisfactionFrom = block.scaled(100);
    int datesFrom = block.scaled(500);
    for (int i = 0; i < cases.size(); i++) {
      SupportCase k = cases.get(i);
      int number = i + 1;
      if (k.closed != null && k.satisfaction != null && k.order != null) {
        if (badSatisfaction == null && number >= satisfactionFrom) {
          badSatisfaction = k;
        } else if (badDates == null && number >= datesFrom) {
          badDates = k;
        }
      }
    }
  }

  /** An open NEGOTIATION deal with a probability, referenced by one later two-line order of its customer. */
  private void chooseBadOpportunity(List<Opportunity> opportunities) {
    for (Opportunity op : opportunities) {
      if (!op.stage.equals("NEGOTIATION") || op.probability == null) {
        continue;
      }
      for (Order o : op.customer.orders) {
        if (!o.reserved && o.plain() && o.date.isAfter(op.created) && o.items.size() == 2) {
          badOpportunity = op;
          badOpportunityOrder = o;
          o.reserved = true;
          o.opportunity = op;
          return;
        }
      }
    }
  }

  /** A never-renewed, unreferenced, active installed-base contract, then referenced by one order of its customer. */
  private void chooseBadContract(List<Contract> contracts) {
    for (Contract k : contracts) {
      if (k.opportunity != null || k.renewalOf != null || k.renewed || k.linkedOrders > 0
          || !k.status.equals("ACTIVE")) {
        continue;
      }
      for (Order o : k.customer.orders) {
        if (!o.reserved && o.plain() && !o.date.isBefore(k.start) && o.items.size() == 1) {
          badContract = k;
          badContractOrder = o;
          o.reserved = true;
          o.contract = k;
          return;
        }
      }
    }
  }

  /**
   * The first individual from the sample's position 150 on (scaled, wrapping around) with exactly one plain
   * order (of {@code lines} lines; any number when negative) and no opportunity or contract, or null.
   */
  private static Customer loneIndividual(Block block, List<Customer> customers, int lines) {
    int from = block.scaled(150);
    for (int j = from; j < from + customers.size(); j++) {
      Customer c = customers.get(j % customers.size());
      if (!c.business() && c.orders.size() == 1 && (lines < 0 || c.orders.get(0).items.size() == lines)
          && c.orders.get(0).plain() && c.opportunities.isEmpty() && c.contracts.isEmpty()) {
        return c;
      }
    }
    return null;
  }

  /** The first unreserved order from {@code from} on that matches, now reserved; null when there is none. */
  private static Order reserve(List<Order> orders, int from, Predicate<Order> matches) {
    for (int i = from; i < orders.size(); i++) {
      Order o = orders.get(i);
      if (!o.reserved && matches.test(o)) {
        o.reserved = true;
        return o;
      }
    }
    return null;
  }

  /** One line per planted row, for the console: table, key, the rule it breaks, what should follow it. */
  List<String> describe(List<Order> orders, Ids ids) {
    List<String> lines = new ArrayList<>();
    add(lines, "customers", "(none)", "customer_id missing (a row after the block's customer #"
        + (namelessAfter + 1) + ", name \"Nameless Trading, Inc.\")", "no cascade (nothing can reference it)");
    if (alien != null) {
      add(lines, "customers", alien.id, "customer_type = ALIEN (not INDIVIDUAL|BUSINESS)",
          "order " + alienOrder.id + " (customer rejected) and then " + itemKeys(alienOrder));
    }
    if (badProduct1 != null || badProduct2 != null) {
      add(lines, "products", "P061", "unit_price = -15.00 (< 0)", "order_items lines"
          + (badProduct1 == null ? "" : " (" + badProduct1.id + ",P061)")
          + (badProduct2 == null ? "" : " (" + badProduct2.id + ",P061)") + "; the orders stay");
    }
    if (badDate != null) {
      add(lines, "orders", badDate.id, "order_date = 2025-13-45 (unparsable date)", itemKeys(badDate));
    }
    if (unknownCustomer != null) {
      add(lines, "orders", unknownCustomer.id, "customer_id = " + ids.unknownCustomer() + " (not in customers)",
          itemKeys(unknownCustomer));
    }
    if (shipped != null) {
      add(lines, "orders", shipped.id, "status = SHIPPED (bad enum)", itemKeys(shipped));
    }
    if (duplicated != null) {
      add(lines, "orders", duplicated.id + "#2", "duplicate order_id (2nd occurrence, after "
          + orders.get(duplicateAfter).id + ": " + duplicateCustomer.id + ", " + duplicated.date.plusDays(3)
          + ", PENDING)", "both rows; the 1st row's " + duplicated.items.size() + " items follow them");
    }
    if (badOpportunityOrder != null) {
      add(lines, "orders", badOpportunityOrder.id, "(cascade) opportunity_id " + badOpportunity.id
          + " is rejected", itemKeys(badOpportunityOrder));
    }
    if (badContractOrder != null) {
      add(lines, "orders", badContractOrder.id, "(cascade) contract_id " + badContract.id + " is rejected",
          itemKeys(badContractOrder));
    }
    if (quantityZero != null) {
      add(lines, "order_items", quantityZero.id + "/P059", "quantity = 0 (must be > 0)",
          "none; the order keeps its other lines");
    }
    if (quantityText != null) {
      add(lines, "order_items", quantityText.id + "/P060", "quantity = two (not an int)",
          "none; the order keeps its other lines");
    }
    if (unknownProduct != null) {
      add(lines, "order_items", unknownProduct.id + "/P999", "product_id P999 not in products",
          "none; the order keeps its other lines");
    }
    add(lines, "order_items", ids.unknownOrder() + "/P010", "order_id " + ids.unknownOrder()
        + " not in orders (line after " + orders.get(orphanLineAfter).id + "'s)", "none");
    StringBuilder split = new StringBuilder();
    for (Order o : splitLines) {
      split.append(split.length() == 0 ? "" : ", ").append(o.id).append('/').append(o.items.get(0).product().id());
    }
    lines.add("valid, not bad: same product on two lines (count once): " + split);
    if (badOpportunity != null) {
      add(lines, "opportunities", badOpportunity.id, "probability = 1.5 (not in [0,1])",
          "order " + badOpportunityOrder.id + " and its items");
    }
    if (badContract != null) {
      add(lines, "contracts", badContract.id, "end_date " + badContract.start + " < start_date " + badContract.end
          + " (swapped)", "order " + badContractOrder.id + " and its items");
    }
    if (badSatisfaction != null) {
      add(lines, "support_cases", badSatisfaction.id, "satisfaction = 7 (must be 1 to 5)", "none");
    }
    if (badDates != null) {
      add(lines, "support_cases", badDates.id, "closed_date " + badDates.opened.minusDays(3) + " < opened_date "
          + badDates.opened, "none");
    }
    return lines;
  }

  private static void add(List<String> lines, String table, String key, String rule, String cascade) {
    lines.add(String.format(Locale.ROOT, "%-13s %-8s %-55s %s", table, key, rule, cascade));
  }

  private static String itemKeys(Order o) {
    StringBuilder b = new StringBuilder();
    for (Item it : o.items) {
      b.append(b.length() == 0 ? "" : ",").append(it.product().id());
    }
    return o.items.size() + " item line(s) of " + o.id + " (" + b + ")";
  }
}
