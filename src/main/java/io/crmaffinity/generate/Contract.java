package io.crmaffinity.generate;

import java.time.LocalDate;

/** A contract: after a won deal, from the installed base, or a renewal of another one. */
final class Contract {
  String id;
  Customer customer;
  Product product;
  Opportunity opportunity;
  LocalDate start;
  LocalDate end;
  int termMonths;
  long valueCents;
  String status;
  Contract renewalOf;
  boolean renewed;
  /** How many orders reference this contract. */
  int linkedOrders;
}
