package io.crmaffinity.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A customer while its block is generated, with what it bought and signed. */
final class Customer {
  final String id;
  String name;
  String type;
  String segment;
  String region;
  LocalDate created;
  /** False for the few customers whose created_date is left empty in the file. */
  boolean showCreated = true;
  /** Relative purchase frequency (log-normal: a few customers buy often, many rarely). */
  double activity;
  /** The day a churner stops buying; null for most customers. */
  LocalDate churnDate;
  final List<Order> orders = new ArrayList<>();
  final List<Opportunity> opportunities = new ArrayList<>();
  final List<Contract> contracts = new ArrayList<>();

  Customer(String id) {
    this.id = id;
  }

  boolean business() {
    return "BUSINESS".equals(type);
  }
}
