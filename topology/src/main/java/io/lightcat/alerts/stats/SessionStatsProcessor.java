package io.lightcat.alerts.stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Which game sessions are running, on partitions keyed by session id ({@code stats-sessions}): per
 * session, {@value #SESSIONS_STORE} keeps the earliest start and end seen. A session counts as
 * active from its start until its end, or for {@link #SESSION_TIMEOUT} when its end never comes;
 * queries count the active ones. A session is forgotten once its newest event is older than the
 * timeout (plus a margin for late ends) in this task's event time.
 */
final class SessionStatsProcessor implements Processor<String, SessionFact, Void, Void> {
  static final String SESSIONS_STORE = "stats-sessions";

  /** A session without an end stops counting as active this long after its start. */
  public static final Duration SESSION_TIMEOUT = Duration.ofHours(1);

  private static final Duration LATE_MARGIN = Duration.ofMinutes(5);

  private final StreamTime time = new StreamTime();
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, SessionState> sessions;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.sessions = context.getStateStore(SESSIONS_STORE);
    context.schedule(
        EventStatsProcessor.EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> expire());
  }

  @Override
  public void process(Record<String, SessionFact> record) {
    SessionFact fact = record.value();
    if (record.key() == null || !time.admit(fact.ts(), context.currentSystemTimeMs())) {
      return;
    }
    SessionState held = sessions.get(record.key());
    sessions.put(record.key(), (held == null ? SessionState.NEW : held).with(fact));
  }

  private void expire() {
    if (time.newest() == Long.MIN_VALUE) {
      return;
    }
    long cutoff = time.newest() - SESSION_TIMEOUT.plus(LATE_MARGIN).toMillis();
    List<String> gone = new ArrayList<>();
    try (KeyValueIterator<String, SessionState> it = sessions.all()) {
      it.forEachRemaining(
          kv -> {
            if (kv.value.lastTs() < cutoff) {
              gone.add(kv.key);
            }
          });
    }
    gone.forEach(sessions::delete);
  }
}
