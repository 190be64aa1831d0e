package io.crmaffinity.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** An order and its lines. */
final class Order {
  String id;
  Customer customer;
  LocalDate date;
  String channel;
  String status;
  Opportunity opportunity;
  Contract contract;
  final List<Item> items = new ArrayList<>();
  /** Already chosen for a planted bad row or a planted duplicate line: never chosen twice, never moved. */
  boolean reserved;

  /** A completed order that references no opportunity or contract. */
  boolean plain() {
    return opportunity == null && contract == null && status.equals("COMPLETED");
  }

  boolean holds(String productId) {
    for (Item it : items) {
      if (it.product().id().equals(productId)) {
        return true;
      }
    }
    return false;
  }
}
