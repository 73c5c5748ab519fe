package io.lightcat.alerts.stream;

import io.lightcat.alerts.event.DeadLetterRecord;
import io.lightcat.alerts.event.Event;
import java.util.Objects;

/** What the validation step emits per input record: an event for the next stage, or a DLQ copy. */
sealed interface Ingested permits Ingested.Accepted, Ingested.Rejected {

  /** A valid event, on its way to the rule stages. */
  record Accepted(Event event) implements Ingested {
    public Accepted {
      Objects.requireNonNull(event, "event");
    }
  }

  /** A rejected record, on its way to the dead-letter topic. */
  record Rejected(DeadLetterRecord deadLetter) implements Ingested {
    public Rejected {
      Objects.requireNonNull(deadLetter, "deadLetter");
    }
  }
}
