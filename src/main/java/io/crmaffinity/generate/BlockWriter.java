package io.crmaffinity.generate;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/** Writes a generated block's rows to its tables' sinks, with the planted bad rows in place. */
final class BlockWriter {
  private BlockWriter() {}

  /** The catalogue and the planted bad product P061; written once per data set. */
  static void writeProducts(TableSink sink) throws IOException {
    for (Product p : Catalogue.PRODUCTS) {
      sink.write(new String[] {p.id(), p.name(), p.category(), Money.format(p.priceCents())});
    }
    sink.write(Catalogue.badProductRow());
  }

  /** @param sinks a sink for every table but products */
  static void write(GeneratedBlock b, Ids ids, Map<Table, TableSink> sinks) throws IOException {
    writeCustomers(b, sinks.get(Table.CUSTOMERS));
    writeOrders(b, ids, sinks.get(Table.ORDERS), sinks.get(Table.ORDER_ITEMS));
    writeOpportunities(b, sinks.get(Table.OPPORTUNITIES));
    writeContracts(b, sinks.get(Table.CONTRACTS));
    writeCases(b, sinks.get(Table.SUPPORT_CASES));
  }

  private static void writeCustomers(GeneratedBlock b, TableSink sink) throws IOException {
    PlantedRows planted = b.planted();
    for (int i = 0; i < b.customers().size(); i++) {
      Customer c = b.customers().get(i);
      String[] r = {c.id, c.name, c.type, c.segment, c.region, c.showCreated ? text(c.created) : null};
      if (c == planted.alien) {
        r[2] = "ALIEN";
      }
      sink.write(r);
      if (i == planted.namelessAfter) {
        sink.write(new String[] {null, "Nameless Trading, Inc.", "BUSINESS", "SMB", "EAST", "2021-05-17"});
      }
    }
  }

  private static void writeOrders(GeneratedBlock b, Ids ids, TableSink orders, TableSink items) throws IOException {
    PlantedRows planted = b.planted();
    String[] duplicate = null;
    for (int i = 0; i < b.orders().size(); i++) {
      Order o = b.orders().get(i);
      String[] r = {o.id, o.customer.id, text(o.date), o.channel, o.status,
          o.opportunity == null ? null : o.opportunity.id, o.contract == null ? null : o.contract.id};
      if (o == planted.badDate) {
        r[2] = "2025-13-45";
      }
      if (o == planted.unknownCustomer) {
        r[1] = ids.unknownCustomer();
      }
      if (o == planted.shipped) {
        r[4] = "SHIPPED";
      }
      if (o == planted.duplicated) {
        duplicate = new String[] {o.id, planted.duplicateCustomer.id, text(o.date.plusDays(3)), "PHONE", "PENDING",
            null, null};
      }
      orders.write(r);
      if (duplicate != null && i == planted.duplicateAfter) {
        orders.write(duplicate);
      }
      for (Item it : o.items) {
        items.write(new String[] {o.id, it.product().id(), Integer.toString(it.quantity()),
            it.unitPriceCents() == null ? null : Money.format(it.unitPriceCents())});
      }
      writePlantedLines(o, planted, items);
      if (i == planted.orphanLineAfter) {
        items.write(new String[] {ids.unknownOrder(), "P010", "1", null});
      }
    }
  }

  /** Lines added to a valid order: a repeated product (valid), and lines that break a rule. */
  private static void writePlantedLines(Order o, PlantedRows planted, TableSink items) throws IOException {
    if (planted.splitLines.contains(o)) {
      items.write(new String[] {o.id, o.items.get(0).product().id(), "1", null});
    }
    if (o == planted.quantityZero) {
      items.write(new String[] {o.id, "P059", "0", null});
    }
    if (o == planted.quantityText) {
      items.write(new String[] {o.id, "P060", "two", "17.99"});
    }
    if (o == planted.unknownProduct) {
      items.write(new String[] {o.id, "P999", "1", "49.00"});
    }
    if (o == planted.badProduct1 || o == planted.badProduct2) {
      items.write(new String[] {o.id, "P061", "1", null});
    }
  }

  private static void writeOpportunities(GeneratedBlock b, TableSink sink) throws IOException {
    for (Opportunity op : b.opportunities()) {
      String[] r = {op.id, op.customer.id, op.product.id(), op.stage, Money.format(op.amountCents),
          op.probability == null ? null : String.format(Locale.ROOT, "%.2f", op.probability),
          text(op.created), text(op.expectedClose), text(op.closed)};
      if (op == b.planted().badOpportunity) {
        r[5] = "1.5";
      }
      sink.write(r);
    }
  }

  private static void writeContracts(GeneratedBlock b, TableSink sink) throws IOException {
    for (Contract k : b.contracts()) {
      String[] r = {k.id, k.customer.id, k.product.id(), k.opportunity == null ? null : k.opportunity.id,
          text(k.start), text(k.end), Money.format(k.valueCents), k.status};
      if (k == b.planted().badContract) {
        r[4] = text(k.end);
        r[5] = text(k.start);
      }
      sink.write(r);
    }
  }

  private static void writeCases(GeneratedBlock b, TableSink sink) throws IOException {
    for (SupportCase k : b.cases()) {
      String[] r = {k.id, k.customer.id, k.product == null ? null : k.product.id(),
          k.order == null ? null : k.order.id, text(k.opened), text(k.closed), k.status, k.priority, k.category,
          k.channel, k.satisfaction == null ? null : Integer.toString(k.satisfaction)};
      if (k == b.planted().badSatisfaction) {
        r[10] = "7";
      }
      if (k == b.planted().badDates) {
        r[5] = text(k.opened.minusDays(3));
      }
      sink.write(r);
    }
  }

  private static String text(LocalDate d) {
    return d == null ? null : d.toString();
  }
}
