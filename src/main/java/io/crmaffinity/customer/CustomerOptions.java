package io.crmaffinity.customer;

import static io.crmaffinity.config.ConfigValues.integer;

import com.typesafe.config.Config;

/**
 * The {@code customer} section: customer value and health.
 *
 * @param caseWindowDays recent support cases are those opened within this many days of the run date
 */
public record CustomerOptions(int caseWindowDays) {

  public static CustomerOptions from(Config c) {
    return new CustomerOptions(integer(c, "customer.case-window-days", 1, 36_500));
  }
}
