package io.lightcat.alerts.stats;

import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.event.EventStream;
import io.lightcat.alerts.stats.StatsKey.Figure;
import io.lightcat.alerts.stats.StatsKey.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The statistics of requests, game activity and infrastructure, on the input partitions (no
 * repartition: every figure here is a per-partition partial that queries merge).
 *
 * <ul>
 *   <li>{@value #BUCKETS_STORE}: per minute, {@link RequestTally} per service, {@link GameTally},
 *       {@link HealthTally} per target, and the distinct users and players ({@link DistinctTally});
 *       per UTC day, the game figures of the day and the health checks per target.
 *   <li>{@value #LATEST_STORE}: the newest {@link InfraReading} of every host, database pool,
 *       health-check target and heartbeat.
 * </ul>
 *
 * <p>Buckets and readings are expired on a wall-clock schedule by this task's event time ({@link
 * StreamTime}); game scores also feed {@code lightcat_game_scores}.
 */
final class EventStatsProcessor implements Processor<String, Event, Void, Void> {
  static final String BUCKETS_STORE = "stats-buckets";
  static final String LATEST_STORE = "stats-latest";

  /** How often expired buckets are looked for. */
  static final Duration EXPIRY_INTERVAL = Duration.ofSeconds(30);

  /** A reading not renewed for this long (event time) is dropped: its subject is gone. */
  static final Duration READING_KEPT = Duration.ofDays(1);

  /** Game kinds the day's figures need; frame rates and page loads are only kept per minute. */
  private static final Set<String> DAILY_GAME_KINDS =
      Set.of("session_started", "session_ended", "score");

  private final LightcatMetrics metrics;

  /**
   * Each stream's own event time: a task reads its topics independently (it does not idle for one
   * while another is fetched), so one read far ahead in a backlog must not expire, or refuse, the
   * buckets of another.
   */
  private final Map<EventStream, StreamTime> times = new EnumMap<>(EventStream.class);

  private ProcessorContext<Void, Void> context;
  private TallyBuffer buckets;
  private KeyValueStore<String, InfraReading> latest;

  EventStatsProcessor(LightcatMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.buckets = new TallyBuffer(context.getStateStore(BUCKETS_STORE));
    this.latest = context.getStateStore(LATEST_STORE);
    context.schedule(EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> expire());
  }

  @Override
  public void process(Record<String, Event> record) {
    Event event = record.value();
    long ts = event.timestampMs();
    if (!time(event.stream()).admit(ts, context.currentSystemTimeMs())) {
      return;
    }
    switch (event.stream()) {
      case REQUESTS -> request(event, ts);
      case GAME -> game(event, ts);
      case INFRA -> infra(event, ts);
      case PAYMENTS -> {} // PaymentStatsProcessor's, by invoice
    }
  }

  private void request(Event e, long ts) {
    String service = (String) e.get("service");
    int status = ((Number) e.get("status")).intValue();
    double latencyMs = ((Number) e.get("latencyMs")).doubleValue();
    String route = (String) e.get("route");
    update(
        Span.MINUTE,
        ts,
        Figure.REQUESTS,
        service,
        RequestTally::new,
        t -> t.add(status, latencyMs, route));
    if (e.get("userId") instanceof String user) {
      update(Span.MINUTE, ts, Figure.ACTIVE_USERS, "", DistinctTally::new, t -> t.add(user));
    }
  }

  private void game(Event e, long ts) {
    String kind = (String) e.get("kind");
    boolean daily = DAILY_GAME_KINDS.contains(kind) || e.get("tierUnlocked") != null;
    update(Span.MINUTE, ts, Figure.GAME, "", GameTally::new, t -> count(e, kind, t));
    if (daily) {
      update(Span.DAY, ts, Figure.GAME, "", GameTally::new, t -> count(e, kind, t));
    }
    if (kind.equals("score") && e.get("score") instanceof Number score) {
      metrics.gameScore(score.doubleValue());
    }
    if (e.get("playerId") instanceof String player) {
      update(Span.MINUTE, ts, Figure.ACTIVE_PLAYERS, "", DistinctTally::new, t -> t.add(player));
    }
  }

  private static void count(Event e, String kind, GameTally t) {
    switch (kind) {
      case "session_started" -> t.sessionStarted();
      case "session_ended" -> t.sessionEnded(Boolean.TRUE.equals(e.get("completed")));
      case "fps" -> {
        if (e.get("fps") instanceof Number n) {
          t.fps(n.doubleValue());
        }
      }
      case "page_load" -> {
        if (e.get("loadMs") instanceof Number n) {
          t.pageLoad(n.doubleValue());
        }
      }
      case "score" -> {
        if (e.get("score") instanceof Number n) {
          t.score(n.doubleValue());
        }
      }
      default -> {}
    }
    if (e.get("tierUnlocked") instanceof String tier) {
      t.tierUnlocked(tier);
    }
  }

  private void infra(Event e, long ts) {
    String kind = (String) e.get("kind");
    String subject =
        switch (kind) {
          case "host" -> (String) e.get("host");
          case "db_pool", "heartbeat" -> (String) e.get("service");
          case "health_check" -> (String) e.get("target");
          default -> null; // db_query: a rule's business, not a dashboard tile
        };
    if (subject == null) {
      return;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (String field : InfraReading.FIELDS.get(kind)) {
      Object v = e.get(field);
      if (v != null) {
        values.put(field, v);
      }
    }
    InfraReading reading = new InfraReading(kind, subject, ts, values);
    latest.put(reading.key(), reading.newer(latest.get(reading.key())));
    if (kind.equals("health_check")) {
      boolean ok = Boolean.TRUE.equals(e.get("ok"));
      update(Span.MINUTE, ts, Figure.HEALTH, subject, HealthTally::new, t -> t.add(ok));
      update(Span.DAY, ts, Figure.HEALTH, subject, HealthTally::new, t -> t.add(ok));
    }
  }

  private <T extends Tally> void update(
      Span span, long ts, Figure figure, String dimension, Supplier<T> empty, Consumer<T> change) {
    StatsKey key = StatsKey.of(span, ts, figure, dimension);
    if (time(streamOf(figure)).keeps(key)) {
      buckets.update(key, empty, change);
    }
  }

  private StreamTime time(EventStream stream) {
    return times.computeIfAbsent(stream, s -> new StreamTime());
  }

  /** The stream whose events a figure counts. */
  private static EventStream streamOf(Figure figure) {
    return switch (figure) {
      case REQUESTS, ACTIVE_USERS -> EventStream.REQUESTS;
      case GAME, ACTIVE_PLAYERS -> EventStream.GAME;
      case HEALTH -> EventStream.INFRA;
      case PAYMENTS -> EventStream.PAYMENTS;
    };
  }

  private void expire() {
    buckets.expire(key -> time(streamOf(key.figure())).keeps(key));
    StreamTime infra = time(EventStream.INFRA);
    if (infra.newest() == Long.MIN_VALUE) {
      return;
    }
    long cutoff = infra.newest() - READING_KEPT.toMillis();
    List<String> gone = new ArrayList<>();
    try (var it = latest.all()) {
      it.forEachRemaining(
          kv -> {
            if (kv.value.ts() < cutoff) {
              gone.add(kv.key);
            }
          });
    }
    gone.forEach(latest::delete);
  }
}
