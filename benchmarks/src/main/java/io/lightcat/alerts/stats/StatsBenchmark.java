package io.lightcat.alerts.stats;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.event.EventParser;
import io.lightcat.alerts.event.EventStream;
import io.lightcat.alerts.event.ParseResult;
import io.lightcat.alerts.store.WriteBehindStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The statistics stage's cost per request event, without Kafka: {@link EventStatsProcessor} — the
 * production processor, in this package because it is package-private — fed parsed request events
 * and writing to its two stores, each the production {@link WriteBehindStore} (without a changelog)
 * whose cache is flushed — changed buckets encoded and written to the in-memory store underneath —
 * every {@value #EVENTS_PER_COMMIT} events, as a commit does every 100 ms in a drain. So what it
 * measures is the processor's work per event: the bucket tallies, the store, and each event's share
 * of the encoding at commits.
 *
 * <p>The events are 65,536 requests (three services, eight routes, 2,000 users, ~1% 5xx, log-normal
 * latencies) 2.5 ms apart in event time — about 24,000 to a minute bucket, a task's share of a
 * minute in {@code alert-engine bench}'s drains — cycled through; the buckets grow as in a drain (a
 * minute's latency sketch and distinct-user sketch fill up).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class StatsBenchmark {
  private static final int EVENTS = 65_536;
  private static final int EVENTS_PER_COMMIT = 2_048;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String[] SERVICES = {"api", "website", "game"};
  private static final String[] ROUTES = {
    "/api/tokens", "/api/invoices", "/", "/game.html", "/api/auth/login", "/api/scores", "/a", "/b"
  };

  private EventStatsProcessor processor;
  private Record<String, Event>[] records;
  private WriteBehindStore<Tally> buckets;
  private WriteBehindStore<InfraReading> latest;
  private int next;

  @Setup
  @SuppressWarnings("unchecked")
  public void setUp() {
    EventParser parser = new EventParser(EngineConfig.defaults());
    byte[] key = "k".getBytes(StandardCharsets.UTF_8);
    SplittableRandom random = new SplittableRandom(42);
    records = new Record[EVENTS];
    for (int i = 0; i < EVENTS; i++) {
      Instant at = T0.plusNanos(2_500_000L * i);
      ParseResult r = parser.parse(EventStream.REQUESTS, key, request(at, random, i), 0);
      if (!(r instanceof ParseResult.Valid valid)) {
        throw new IllegalStateException("a benchmark event is invalid: " + r);
      }
      records[i] = new Record<>(null, valid.event(), at.toEpochMilli());
    }
    MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    context.setCurrentSystemTimeMs(T0.plusSeconds(3600).toEpochMilli());
    buckets = store(context, EventStatsProcessor.BUCKETS_STORE, TallySerde.serde());
    latest = store(context, EventStatsProcessor.LATEST_STORE, InfraReading.serde());
    processor = new EventStatsProcessor(new LightcatMetrics(new SimpleMeterRegistry()));
    processor.init(context);
  }

  @TearDown
  public void tearDown() {
    buckets.close();
    latest.close();
  }

  /** One request event through the statistics stage: its minute's service and user tallies. */
  @Benchmark
  public void request() {
    processor.process(records[next]);
    next = (next + 1) % EVENTS;
    if (next % EVENTS_PER_COMMIT == 0) {
      buckets.flushCache();
      latest.flushCache();
    }
  }

  private static <V> WriteBehindStore<V> store(
      MockProcessorContext<Void, Void> context, String name, Serde<V> serde) {
    WriteBehindStore<V> s = WriteBehindStore.builder(name, serde).withLoggingDisabled().build();
    s.init(context.getStateStoreContext(), s);
    context.addStateStore(s);
    return s;
  }

  private static byte[] request(Instant at, SplittableRandom random, int i) {
    int roll = random.nextInt(100);
    int status = roll == 0 ? 503 : roll == 1 ? 404 : roll == 2 ? 429 : 200;
    double latency = Math.exp(4 + 0.6 * random.nextGaussian());
    String json =
        String.format(
            Locale.ROOT,
            "{\"ts\":\"%s\",\"eventId\":\"req-%08x\",\"service\":\"%s\",\"method\":\"GET\","
                + "\"route\":\"%s\",\"status\":%d,\"latencyMs\":%.1f,\"clientIp\":\"203.0.113.%d\","
                + "\"userId\":\"user-%d\"}",
            at,
            i,
            SERVICES[random.nextInt(SERVICES.length)],
            ROUTES[random.nextInt(ROUTES.length)],
            status,
            latency,
            1 + random.nextInt(200),
            random.nextInt(2000));
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
