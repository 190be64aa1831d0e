package io.crmaffinity.generate;

import java.time.LocalDate;

/** A deal in the sales pipeline, as it stands on {@link Dates#AS_OF}. */
final class Opportunity {
  String id;
  Customer customer;
  Product product;
  String stage;
  long amountCents;
  /** The sales team's number for the stage; null when left empty. */
  Double probability;
  LocalDate created;
  LocalDate expectedClose;
  LocalDate closed;
}
