package io.crmaffinity.forecast;

import java.time.LocalDate;

/**
 * One opportunity row as the forecast reads it.
 *
 * @param category the product's category
 * @param stage the row's stage; null when the stage on the run date is unknown (the row closed after it)
 * @param probability the row's own probability, or null
 */
public record Opportunity(String id, String category, String stage, double amount, Double probability,
    LocalDate created, LocalDate expectedClose, LocalDate closed) {

  public boolean won() {
    return "CLOSED_WON".equals(stage);
  }

  public boolean isClosedStage() {
    return stage != null && stage.startsWith("CLOSED_");
  }
}
