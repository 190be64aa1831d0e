package io.crmaffinity.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random valid CRM data sets of odd shapes, for the whole-job properties: one to many products and
 * customers, customers with no orders or with thousands, histories from one day to twenty years, all orders
 * on the run date or all years before it, optional tables present, absent or header-only, opportunities all
 * open, all won or all lost, contracts all expired, amounts from 0 to 1e9, prices of 0, cases of customers
 * who never ordered. Every row obeys the input contract, so nothing may be rejected.
 *
 * <p>Dates are days before the run date, so the data move with it. Each list shrinks towards empty and each
 * number towards its simplest value, so jqwik reports the smallest failing data set.
 */
final class CrmShapes {
  private CrmShapes() {}

  enum Presence { ABSENT, HEADER_ONLY, PRESENT }

  enum Deals { MIXED, ALL_OPEN, ALL_WON, ALL_LOST }

  record Product(long priceCents, int category) {}

  /** A line of an order: product index (modulo the catalogue), quantity, the line's own price or null. */
  record Line(int product, int quantity, Long priceCents) {}

  /** day: days before the run date (negative: after it, which the job must ignore). */
  record Order(int day, String status, List<Line> lines) {}

  record Opportunity(int product, int stage, long amountCents, Double probability, int createdDay,
      Integer closedAfter, Integer expectedAfter) {}

  record Contract(int product, int startDay, int lengthDays, long valueCents, int status) {}

  record Case(Integer product, boolean onOrder, int openedDay, Integer closedAfter, int status, int priority,
      Integer satisfaction) {}

  record Customer(boolean business, String segment, Integer createdDay, List<Order> orders,
      List<Opportunity> opportunities, List<Contract> contracts, List<Case> cases) {}

  /**
   * A data set. Order days are {@code offset + day % (span + 1)}: span 0 puts every order on one day, offset
   * shifts the whole history back (years before the run date).
   */
  record Data(LocalDate runDate, int offsetDays, int spanDays, List<Product> products, List<Customer> customers,
      Presence opportunities, Presence contracts, Presence cases, Deals deals, boolean contractsExpired) {

    int orderDay(int raw) {
      return raw < 0 ? raw : offsetDays + raw % (spanDays + 1);
    }

    @Override
    public String toString() {
      long orders = customers.stream().mapToLong(c -> c.orders().size()).sum();
      return String.format(Locale.ROOT, "Data[runDate=%s, offset=%d, span=%d, %d products, %d customers, %d orders,"
          + " opportunities %s %s, contracts %s%s, cases %s]%n  products=%s%n  customers=%s", runDate, offsetDays,
          spanDays, products.size(), customers.size(), orders, opportunities, deals, contracts,
          contractsExpired ? " all expired" : "", cases, products, customers);
    }
  }

  static final String[] STAGES = {"PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION", "CLOSED_WON",
      "CLOSED_LOST"};
  static final String[] CONTRACT_STATUS = {"ACTIVE", "EXPIRED", "TERMINATED"};
  static final String[] CASE_STATUS = {"OPEN", "PENDING", "RESOLVED", "CLOSED"};
  static final String[] PRIORITY = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};

  /** Up to 1e9 in cents, with 0 and the maximum among the edge cases. */
  static Arbitrary<Long> cents() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.longs().between(0, 500_000)),
        Tuple.of(1, Arbitraries.longs().between(0, 100_000_000_000L)),
        Tuple.of(1, Arbitraries.of(0L, 100_000_000_000L)));
  }

  static Arbitrary<Data> data() {
    Arbitrary<LocalDate> runDate = Arbitraries.of(LocalDate.of(2024, 6, 30), LocalDate.of(2024, 2, 29),
        LocalDate.of(2024, 12, 31), LocalDate.of(2025, 1, 15));
    Arbitrary<Integer> offset = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
        Tuple.of(1, Arbitraries.integers().between(1, 3650)));
    Arbitrary<Integer> span = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)),
        Tuple.of(3, Arbitraries.integers().between(1, 730)), Tuple.of(1, Arbitraries.integers().between(731, 7300)));
    Arbitrary<List<Product>> products = Combinators.combine(cents(), Arbitraries.integers().between(0, 3))
        .as(Product::new).list().ofMinSize(1).ofMaxSize(12);
    Arbitrary<List<Customer>> customers = customer().list().ofMaxSize(25);
    Arbitrary<Presence> presence = Arbitraries.of(Presence.class);
    return Combinators.combine(runDate, offset, span, products, customers, presence, presence, presence)
        .flatAs((d, o, s, p, c, op, ct, cs) -> Combinators.combine(Arbitraries.of(Deals.class),
            Arbitraries.of(false, true)).as((deals, expired) -> new Data(d, o, s, p, c, op, ct, cs, deals, expired)));
  }

  static Arbitrary<Customer> customer() {
    Arbitrary<Line> line = Combinators.combine(Arbitraries.integers().between(0, 11),
        Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(1)), Tuple.of(1, Arbitraries.integers().between(1, 1000))),
        cents().injectNull(0.5)).as(Line::new);
    Arbitrary<Order> order = Combinators.combine(
        Arbitraries.frequencyOf(Tuple.of(30, Arbitraries.integers().between(0, 7300)),
            Tuple.of(1, Arbitraries.integers().between(-30, -1))),
        Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("COMPLETED")),
            Tuple.of(1, Arbitraries.of("PENDING", "CANCELLED", "RETURNED"))),
        line.list().ofMinSize(1).ofMaxSize(4)).as(Order::new);
    // Most customers order a few times; some never, some thousands of times.
    Arbitrary<List<Order>> orders = Arbitraries.frequencyOf(
        Tuple.of(10, order.list().ofMaxSize(6)),
        Tuple.of(2, order.list().ofMaxSize(40)),
        Tuple.of(1, order.list().ofMinSize(300).ofMaxSize(2500)));
    Arbitrary<Opportunity> opportunity = Combinators.combine(Arbitraries.integers().between(0, 11),
        Arbitraries.integers().between(0, 5), cents(),
        Arbitraries.doubles().between(0, 1).injectNull(0.5), Arbitraries.integers().between(0, 1500),
        Arbitraries.integers().between(0, 400).injectNull(0.2), Arbitraries.integers().between(0, 400).injectNull(0.3))
        .as(Opportunity::new);
    Arbitrary<Contract> contract = Combinators.combine(Arbitraries.integers().between(0, 11),
        Arbitraries.integers().between(-200, 2000), Arbitraries.integers().between(0, 1100), cents(),
        Arbitraries.integers().between(0, 2)).as(Contract::new);
    Arbitrary<Case> supportCase = Combinators.combine(Arbitraries.integers().between(0, 11).injectNull(0.3),
        Arbitraries.of(false, true), Arbitraries.integers().between(0, 1000),
        Arbitraries.integers().between(0, 200).injectNull(0.4), Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 5).injectNull(0.5)).as(Case::new);
    return Combinators.combine(Arbitraries.of(false, true),
        Arbitraries.of("CONSUMER", "SMB", "ENTERPRISE").injectNull(0.3),
        Arbitraries.integers().between(0, 8000).injectNull(0.5), orders,
        opportunity.list().ofMaxSize(5), contract.list().ofMaxSize(3), supportCase.list().ofMaxSize(4))
        .as(Customer::new);
  }

  /** Writes the data set as the contract's CSV files under {@code dir}. */
  static void write(Data d, Path dir) {
    try {
      Files.createDirectories(dir);
      LocalDate run = d.runDate();
      int nProducts = d.products().size();
      StringBuilder products = new StringBuilder("product_id,name,category,unit_price\n");
      for (int i = 0; i < nProducts; i++) {
        Product p = d.products().get(i);
        products.append("P").append(i).append(",Product ").append(i).append(",CAT").append(p.category()).append(',')
            .append(money(p.priceCents())).append('\n');
      }
      StringBuilder customers = new StringBuilder("customer_id,name,customer_type,segment,region,created_date\n");
      StringBuilder orders = new StringBuilder("order_id,customer_id,order_date,channel,status,opportunity_id,"
          + "contract_id\n");
      StringBuilder items = new StringBuilder("order_id,product_id,quantity,unit_price\n");
      StringBuilder opps = new StringBuilder("opportunity_id,customer_id,product_id,stage,amount,probability,"
          + "created_date,expected_close_date,closed_date\n");
      StringBuilder contracts = new StringBuilder("contract_id,customer_id,product_id,opportunity_id,start_date,"
          + "end_date,value,status\n");
      StringBuilder cases = new StringBuilder("case_id,customer_id,product_id,order_id,opened_date,closed_date,"
          + "status,priority,category,channel,satisfaction\n");
      for (int c = 0; c < d.customers().size(); c++) {
        Customer cu = d.customers().get(c);
        String id = "C" + c;
        customers.append(id).append(",Person ").append(c).append(',').append(cu.business() ? "BUSINESS" : "INDIVIDUAL")
            .append(',').append(cu.segment() == null ? "" : cu.segment()).append(",NORTH,")
            .append(cu.createdDay() == null ? "" : run.minusDays(cu.createdDay())).append('\n');
        List<String> orderIds = new ArrayList<>();
        for (int o = 0; o < cu.orders().size(); o++) {
          Order or = cu.orders().get(o);
          String oid = "O" + c + "_" + o;
          orderIds.add(oid);
          orders.append(oid).append(',').append(id).append(',').append(run.minusDays(d.orderDay(or.day())))
              .append(",ONLINE,").append(or.status()).append(",,\n");
          for (Line l : or.lines()) {
            items.append(oid).append(",P").append(l.product() % nProducts).append(',').append(l.quantity())
                .append(',').append(l.priceCents() == null ? "" : money(l.priceCents())).append('\n');
          }
        }
        for (int o = 0; o < cu.opportunities().size(); o++) {
          Opportunity op = cu.opportunities().get(o);
          int stage = switch (d.deals()) {
            case MIXED -> op.stage();
            case ALL_OPEN -> op.stage() % 4;
            case ALL_WON -> 4;
            case ALL_LOST -> 5;
          };
          LocalDate created = run.minusDays(op.createdDay());
          boolean closed = stage >= 4;
          LocalDate closedDate = closed && op.closedAfter() != null ? created.plusDays(op.closedAfter()) : null;
          opps.append("OP").append(c).append('_').append(o).append(',').append(id).append(",P")
              .append(op.product() % nProducts).append(',').append(STAGES[stage]).append(',')
              .append(money(op.amountCents())).append(',')
              .append(op.probability() == null ? "" : String.format(Locale.ROOT, "%.4f", op.probability()))
              .append(',').append(created).append(',')
              .append(op.expectedAfter() == null ? "" : created.plusDays(op.expectedAfter())).append(',')
              .append(closedDate == null ? "" : closedDate).append('\n');
        }
        for (int k = 0; k < cu.contracts().size(); k++) {
          Contract ct = cu.contracts().get(k);
          LocalDate start = run.minusDays(ct.startDay());
          LocalDate end = start.plusDays(ct.lengthDays());
          String status = CONTRACT_STATUS[ct.status()];
          if (d.contractsExpired()) {
            // Every contract ended before the run date.
            end = run.minusDays(1 + Math.abs(ct.startDay()) % 400);
            start = end.minusDays(ct.lengthDays());
            status = "EXPIRED";
          }
          contracts.append("CT").append(c).append('_').append(k).append(',').append(id).append(",P")
              .append(ct.product() % nProducts).append(",,").append(start).append(',').append(end).append(',')
              .append(money(ct.valueCents())).append(',').append(status).append('\n');
        }
        for (int k = 0; k < cu.cases().size(); k++) {
          Case cs = cu.cases().get(k);
          LocalDate opened = run.minusDays(cs.openedDay());
          String order = cs.onOrder() && !orderIds.isEmpty() ? orderIds.get(k % orderIds.size()) : "";
          cases.append("CS").append(c).append('_').append(k).append(',').append(id).append(',')
              .append(cs.product() == null ? "" : "P" + cs.product() % nProducts).append(',').append(order)
              .append(',').append(opened).append(',')
              .append(cs.closedAfter() == null ? "" : opened.plusDays(cs.closedAfter())).append(',')
              .append(CASE_STATUS[cs.status()]).append(',').append(PRIORITY[cs.priority()])
              .append(",TECHNICAL,EMAIL,").append(cs.satisfaction() == null ? "" : cs.satisfaction()).append('\n');
        }
      }
      write(dir, "products", products);
      write(dir, "customers", customers);
      write(dir, "orders", orders);
      write(dir, "order_items", items);
      optional(dir, "opportunities", opps, d.opportunities());
      optional(dir, "contracts", contracts, d.contracts());
      optional(dir, "support_cases", cases, d.cases());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void optional(Path dir, String table, StringBuilder csv, Presence presence) throws IOException {
    switch (presence) {
      case ABSENT -> { }
      case HEADER_ONLY -> write(dir, table, new StringBuilder(csv.substring(0, csv.indexOf("\n") + 1)));
      case PRESENT -> write(dir, table, csv);
    }
  }

  private static void write(Path dir, String table, StringBuilder csv) throws IOException {
    Files.writeString(dir.resolve(table + ".csv"), csv, StandardCharsets.UTF_8);
  }

  private static String money(long cents) {
    return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
  }
}
