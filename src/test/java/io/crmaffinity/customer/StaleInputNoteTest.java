package io.crmaffinity.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmaffinity.SparkTestBase;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaleInputNoteTest extends SparkTestBase {

  @Test
  void aRunDateLongAfterTheLatestOrderOfAnyCustomerIsNoted() {
    LocalDate run = LocalDate.of(2026, 11, 1);
    List<String> notes = new ArrayList<>();
    CustomerScenario.staleInputNote(rows(schema("customer_id STRING, recency_days INT"),
        new Object[] {"C1", 305}, new Object[] {"C2", 400}), run, notes);
    assertEquals(List.of("customer health: the latest counted order of any customer is 305 days before the run date"
        + " 2026-11-01: if the input stopped early, every customer reads as silent since and risk is overstated"), notes);

    notes.clear();
    CustomerScenario.staleInputNote(rows(schema("customer_id STRING, recency_days INT"),
        new Object[] {"C1", 90}, new Object[] {"C2", 400}), run, notes);
    CustomerScenario.staleInputNote(rows(schema("customer_id STRING, recency_days INT")), run, notes);
    assertEquals(List.of(), notes);
  }
}
