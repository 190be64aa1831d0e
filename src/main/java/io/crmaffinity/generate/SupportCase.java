package io.crmaffinity.generate;

import java.time.LocalDate;

/** A support case of a customer, about an order or a product or neither. */
final class SupportCase {
  String id;
  String status;
  String priority;
  String category;
  String channel;
  Customer customer;
  Product product;
  Order order;
  LocalDate opened;
  LocalDate closed;
  Integer satisfaction;
}
