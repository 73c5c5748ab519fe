package io.lightcat.alerts.stats;

import io.lightcat.alerts.event.Event;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A game session's start or end, shipped through the {@code stats-sessions} repartition topic keyed
 * by session id, so both ends of a session meet on one task however producers key their records.
 *
 * @param started true for {@code session_started}, false for {@code session_ended}
 * @param ts event time in epoch milliseconds
 */
public record SessionFact(boolean started, long ts) {

  /** The fact of a session start or end; empty for other game events. */
  public static Optional<SessionFact> of(Event event) {
    Object kind = event.get("kind");
    if ("session_started".equals(kind)) {
      return Optional.of(new SessionFact(true, event.timestampMs()));
    }
    if ("session_ended".equals(kind)) {
      return Optional.of(new SessionFact(false, event.timestampMs()));
    }
    return Optional.empty();
  }

  public static Serde<SessionFact> serde() {
    Serializer<SessionFact> ser =
        (topic, f) ->
            f == null
                ? null
                : ByteBuffer.allocate(9).put((byte) (f.started ? 1 : 0)).putLong(f.ts).array();
    Deserializer<SessionFact> de =
        (topic, b) -> {
          if (b == null) {
            return null;
          }
          ByteBuffer buf = ByteBuffer.wrap(b);
          return new SessionFact(buf.get() == 1, buf.getLong());
        };
    return Serdes.serdeFrom(ser, de);
  }
}
