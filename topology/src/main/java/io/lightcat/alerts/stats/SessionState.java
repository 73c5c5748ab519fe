package io.lightcat.alerts.stats;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One game session as the session statistics know it: the earliest start and end seen.
 *
 * @param startTs event time of {@code session_started}, or {@link Long#MIN_VALUE}
 * @param endTs event time of {@code session_ended}, or {@link Long#MIN_VALUE}
 */
public record SessionState(long startTs, long endTs) {
  public static final SessionState NEW = new SessionState(Long.MIN_VALUE, Long.MIN_VALUE);

  /** This state with {@code fact} applied: the earliest start and the earliest end win. */
  public SessionState with(SessionFact fact) {
    if (fact.started()) {
      return new SessionState(earliest(startTs, fact.ts()), endTs);
    }
    return new SessionState(startTs, earliest(endTs, fact.ts()));
  }

  private static long earliest(long held, long ts) {
    return held == Long.MIN_VALUE ? ts : Math.min(held, ts);
  }

  /**
   * Whether the session is running at {@code at}: started after {@code since} and at or before
   * {@code at}, and not ended by then.
   */
  public boolean activeAt(long since, long at) {
    return startTs != Long.MIN_VALUE
        && startTs > since
        && startTs <= at
        && (endTs == Long.MIN_VALUE || endTs > at);
  }

  /** The newest event time this state holds. */
  public long lastTs() {
    return Math.max(startTs, endTs);
  }

  public static Serde<SessionState> serde() {
    Serializer<SessionState> ser =
        (topic, s) ->
            s == null ? null : ByteBuffer.allocate(16).putLong(s.startTs).putLong(s.endTs).array();
    Deserializer<SessionState> de =
        (topic, b) -> {
          if (b == null) {
            return null;
          }
          ByteBuffer buf = ByteBuffer.wrap(b);
          return new SessionState(buf.getLong(), buf.getLong());
        };
    return Serdes.serdeFrom(ser, de);
  }
}
