package io.lightcat.alerts.benchmarks;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.event.EventParser;
import io.lightcat.alerts.event.EventStream;
import io.lightcat.alerts.event.ParseResult;
import io.lightcat.alerts.rule.Aggregate;
import io.lightcat.alerts.rule.CompiledRule;
import io.lightcat.alerts.rule.Evaluation;
import io.lightcat.alerts.rule.GroupWindow;
import io.lightcat.alerts.rule.RuleLoader;
import io.lightcat.alerts.rule.WindowEvaluator;
import io.lightcat.alerts.stream.GroupKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's per-event hot path for one rule, the pack's {@code high-error-rate} (ratio of 5xx
 * per service, 10-second buckets over a sliding 5-minute window), piece by piece:
 *
 * <ul>
 *   <li>{@link #parse}: one request record's JSON → validated, redacted {@link Event} ({@link
 *       EventParser}, the ingest stage);
 *   <li>{@link #matchAndMeasure}: filter ({@link CompiledRule#matches}), group ({@link
 *       CompiledRule#groupOf}, {@link GroupKey#encode}) and measure update ({@link
 *       CompiledRule#addTo} an {@link Aggregate}) — rule stage 1, per event and rule;
 *   <li>{@link #windowAndCondition}: the measure merged into its bucket of a full 5-minute {@link
 *       GroupWindow} and the condition checked over the window ({@link WindowEvaluator}) — rule
 *       stage 2, which the engine runs per partial (a group's events of one flush interval), and
 *       Flink's job per event;
 *   <li>{@link #perEvent}: all of it for one event, as if every event were evaluated on its own.
 * </ul>
 *
 * <p>The events are 256 different requests (three services, routes, ~1% 5xx) cycled through, so no
 * branch is trivially predicted. Kafka, serdes and state stores are outside: this is the rule
 * engine's own cost per event, the floor under the drains of {@code alert-engine bench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class HotPathBenchmark {
  private static final int EVENTS = 256;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String[] SERVICES = {"api", "website", "game"};
  private static final String[] ROUTES = {"/api/tokens", "/api/invoices", "/", "/game.html"};

  private EventParser parser;
  private CompiledRule rule;
  private byte[][] records;
  private byte[] recordKey;
  private Event[] events;
  private Aggregate[] contributions;
  private GroupWindow window;
  private long now;
  private int next;

  @Setup
  public void setUp() {
    parser = new EventParser(EngineConfig.defaults());
    rule = highErrorRate();
    recordKey = "api".getBytes(StandardCharsets.UTF_8);
    SplittableRandom random = new SplittableRandom(42);
    records = new byte[EVENTS][];
    events = new Event[EVENTS];
    contributions = new Aggregate[EVENTS];
    // Events spread evenly over 5 minutes: the last one ends the window all of them fill.
    Duration step = Duration.ofMillis(300_000 / EVENTS);
    for (int i = 0; i < EVENTS; i++) {
      records[i] = request(T0.plus(step.multipliedBy(i)), random, i);
      events[i] = parsed(parser.parse(EventStream.REQUESTS, recordKey, records[i], 0));
      contributions[i] = new Aggregate();
      rule.addTo(contributions[i], events[i]);
    }
    window = new GroupWindow();
    for (Event e : events) {
      window.add(
          GroupWindow.bucketStart(e.timestampMs(), rule.rule().resolution()), contribution(e));
    }
    now = events[EVENTS - 1].timestampMs();
  }

  /** JSON bytes → validated, redacted event. */
  @Benchmark
  public ParseResult parse() {
    return parser.parse(EventStream.REQUESTS, recordKey, records[advance()], 0);
  }

  /** Filter, group key and measure update of one parsed event. */
  @Benchmark
  public Object matchAndMeasure() {
    return matchAndMeasure(events[advance()]);
  }

  /** One event's measure into its bucket of a full window, then the condition over the window. */
  @Benchmark
  public Evaluation windowAndCondition() {
    int i = advance();
    return addAndEvaluate(events[i], contributions[i]);
  }

  /** Parse, filter, group, measure, window, condition: the whole path for one event. */
  @Benchmark
  public Evaluation perEvent() {
    Event event = parsed(parser.parse(EventStream.REQUESTS, recordKey, records[advance()], 0));
    Matched p = matchAndMeasure(event);
    return p == null ? null : addAndEvaluate(event, p.aggregate());
  }

  /** What stage 1 makes of an event: its group key and its contribution. */
  record Matched(String key, Aggregate aggregate) {}

  private Matched matchAndMeasure(Event event) {
    if (!rule.matches(event)) {
      return null;
    }
    Optional<Map<String, String>> group = rule.groupOf(event);
    if (group.isEmpty()) {
      return null;
    }
    Aggregate contribution = new Aggregate();
    if (!rule.addTo(contribution, event)) {
      return null;
    }
    return new Matched(new GroupKey(rule.id(), group.get()).encode(), contribution);
  }

  private Evaluation addAndEvaluate(Event event, Aggregate contribution) {
    // Into the window's newest bucket, so the window stays full and its time stays put.
    window.add(GroupWindow.bucketStart(now, rule.rule().resolution()), copy(contribution));
    return WindowEvaluator.evaluate(rule.rule(), window, now, null);
  }

  private int advance() {
    int i = next;
    next = (next + 1) % EVENTS;
    return i;
  }

  private Aggregate contribution(Event e) {
    Aggregate a = new Aggregate();
    rule.addTo(a, e);
    return a;
  }

  /** A fresh copy: merging into a bucket keeps the partial, which must not be shared. */
  private static Aggregate copy(Aggregate a) {
    return new Aggregate().merge(a);
  }

  private static Event parsed(ParseResult result) {
    if (result instanceof ParseResult.Valid valid) {
      return valid.event();
    }
    throw new IllegalStateException("a benchmark event is invalid: " + result);
  }

  private static byte[] request(Instant at, SplittableRandom random, int i) {
    String service = SERVICES[random.nextInt(SERVICES.length)];
    int status = random.nextInt(100) == 0 ? 503 : 200;
    String json =
        String.format(
            java.util.Locale.ROOT,
            "{\"ts\":\"%s\",\"eventId\":\"req-%08x\",\"service\":\"%s\",\"method\":\"GET\","
                + "\"route\":\"%s\",\"status\":%d,\"latencyMs\":%.1f,\"clientIp\":\"203.0.113.%d\","
                + "\"userId\":\"user-%d\"}",
            at,
            i,
            service,
            ROUTES[random.nextInt(ROUTES.length)],
            status,
            20 + random.nextDouble() * 200,
            1 + random.nextInt(200),
            random.nextInt(500));
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** The pack's high-error-rate rule, copied into this jar from alert-rules/lightcat at build. */
  static CompiledRule highErrorRate() {
    String file = "high-error-rate.yaml";
    try (InputStream in = HotPathBenchmark.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException(file + " is not on the classpath");
      }
      RuleLoader.Result loaded =
          new RuleLoader()
              .validate(Map.of(file, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      if (!loaded.ok()) {
        throw new IllegalStateException(file + " is invalid: " + loaded.problems());
      }
      return loaded.rules().get("high-error-rate").orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
