package io.crmaffinity.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Contract renewals. A contract is renewed when a contract of the same customer and product starts from the
 * day after its end to {@code graceDays} later. The rate is learned from the known contracts whose renewal
 * window had fully passed on the run date: renewed / such contracts. Contracts known on the run date that
 * end from the run date to the horizon's end and are not yet renewed are expected to renew at that rate,
 * for the same term length and value, starting the day after they end.
 */
public final class Renewals {
  private final int graceDays;
  private final int eligible;
  private final int renewed;

  public Renewals(List<Contract> known, LocalDate runDate, int graceDays) {
    this.graceDays = graceDays;
    Map<String, List<Contract>> byKey = byKey(known);
    int e = 0;
    int r = 0;
    for (Contract k : known) {
      if (k.end().plusDays(1 + graceDays).isAfter(runDate)) {
        continue;
      }
      e++;
      if (isRenewed(k, byKey)) {
        r++;
      }
    }
    eligible = e;
    renewed = r;
  }

  static Map<String, List<Contract>> byKey(List<Contract> contracts) {
    Map<String, List<Contract>> m = new HashMap<>();
    for (Contract k : contracts) {
      m.computeIfAbsent(k.customerId() + "\u0000" + k.productId(), x -> new ArrayList<>()).add(k);
    }
    return m;
  }

  boolean isRenewed(Contract k, Map<String, List<Contract>> byKey) {
    for (Contract n : byKey.getOrDefault(k.customerId() + "\u0000" + k.productId(), List.of())) {
      if (k.renewedBy(n, graceDays)) {
        return true;
      }
    }
    return false;
  }

  /** Learned renewal rate; 0 when no contract's renewal window has passed yet. */
  public double rate() {
    return eligible == 0 ? 0 : renewed / (double) eligible;
  }

  public int eligible() {
    return eligible;
  }

  public int renewed() {
    return renewed;
  }

  /** The renewal a contract would get: same term length and value, from the day after its end. */
  public static Contract renewalOf(Contract k) {
    LocalDate start = k.end().plusDays(1);
    return new Contract(k.id() + "-renewal", k.customerId(), k.productId(), null, start,
        start.plusDays(k.termDays() - 1), k.value());
  }

  /** Known, not yet renewed contracts ending from the run date up to {@code lastDay}. */
  public List<Contract> ending(List<Contract> known, LocalDate runDate, LocalDate lastDay) {
    Map<String, List<Contract>> byKey = byKey(known);
    List<Contract> out = new ArrayList<>();
    for (Contract k : known) {
      if (!k.end().isBefore(runDate) && k.end().isBefore(lastDay) && !isRenewed(k, byKey)) {
        out.add(k);
      }
    }
    return out;
  }
}
