package io.crmaffinity.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tables said on the run date. The tables hold today's rows, so: an opportunity created after the
 * run date did not exist; one closed after it was open on the run date, at a stage nobody recorded (its stage,
 * probability and expected close date now describe the outcome, so they are dropped); a closed row without a
 * closed_date cannot be placed in time and is left out. A contract is known once it has started.
 *
 * @param open opportunities open on the run date (stage null = unknown)
 * @param closed opportunities closed on or before the run date
 * @param contracts contracts started on or before the run date
 * @param undated closed rows without closed_date, left out
 */
public record AsOf(LocalDate runDate, List<Opportunity> open, List<Opportunity> closed, List<Contract> contracts,
    int undated) {

  public static AsOf of(List<Opportunity> opportunities, List<Contract> contracts, LocalDate runDate) {
    List<Opportunity> open = new ArrayList<>();
    List<Opportunity> closed = new ArrayList<>();
    int undated = 0;
    for (Opportunity o : opportunities) {
      if (o.created().isAfter(runDate)) {
        continue;
      }
      if (!o.isClosedStage()) {
        open.add(new Opportunity(o.id(), o.category(), o.stage(), o.amount(), o.probability(), o.created(),
            o.expectedClose(), null));
      } else if (o.closed() == null) {
        undated++;
      } else if (!o.closed().isAfter(runDate)) {
        closed.add(o);
      } else {
        open.add(new Opportunity(o.id(), o.category(), null, o.amount(), null, o.created(), null, null));
      }
    }
    List<Contract> known = new ArrayList<>();
    for (Contract k : contracts) {
      if (!k.start().isAfter(runDate)) {
        known.add(k);
      }
    }
    return new AsOf(runDate, open, closed, known, undated);
  }
}
