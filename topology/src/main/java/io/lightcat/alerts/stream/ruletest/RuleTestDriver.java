package io.lightcat.alerts.stream.ruletest;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.EventStream;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RuleSet;
import io.lightcat.alerts.stream.AlertSerde;
import io.lightcat.alerts.stream.EngineTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production topology ({@link EngineTopology#build}) in a {@link TopologyTestDriver}, with
 * exact per-event evaluation (zero flush interval) and a wall clock kept in step with event time:
 * before an event at time t is piped in, and when a test checks its alerts at time t, the wall
 * clock is moved on to t. So the engine's wall-clock punctuation fires absence and resolves silent
 * groups exactly as it would in production with live traffic.
 */
final class RuleTestDriver implements AutoCloseable {
  private final TopologyTestDriver driver;
  private final Map<EventStream, TestInputTopic<String, byte[]>> inputs =
      new EnumMap<>(EventStream.class);
  private final TestOutputTopic<String, Alert> alerts;
  private final Map<String, Alert> latest = new LinkedHashMap<>();
  private Instant wallClock;

  RuleTestDriver(RuleSet rules, Instant start) {
    EngineConfig config =
        EngineConfig.defaults().withFlushInterval(Duration.ZERO).withRedactedFields(rules.redact());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "rule-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    // The topology has no global stores; this only silences a per-driver deprecation warning.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    driver =
        new TopologyTestDriver(
            EngineTopology.build(config, new RuleBook(rules), EngineMetrics.inMemory()),
            props,
            start);
    wallClock = start;
    for (EventStream s : EventStream.values()) {
      inputs.put(
          s,
          driver.createInputTopic(
              s.topic(config.topics()),
              Serdes.String().serializer(),
              Serdes.ByteArray().serializer()));
    }
    alerts =
        driver.createOutputTopic(
            config.topics().alerts(),
            Serdes.String().deserializer(),
            AlertSerde.serde().deserializer());
  }

  /** Moves the wall clock on to {@code ts}, then pipes in the event's JSON. */
  void pipe(EventStream stream, Instant ts, byte[] json) {
    advanceTo(ts);
    inputs.get(stream).pipeInput(null, json, ts);
  }

  /** Moves the wall clock on to {@code t} (never back), letting punctuations run. */
  void advanceTo(Instant t) {
    if (t.isAfter(wallClock)) {
      driver.advanceWallClockTime(Duration.between(wallClock, t));
      wallClock = t;
    }
  }

  /** The alerts firing now: the latest record of each fingerprint, when it is a firing one. */
  List<Alert> firing() {
    for (var kv : alerts.readKeyValuesToList()) {
      latest.put(kv.key, kv.value);
    }
    List<Alert> out = new ArrayList<>();
    for (Alert a : latest.values()) {
      if (a.firing()) {
        out.add(a);
      }
    }
    return out;
  }

  @Override
  public void close() {
    driver.close();
  }
}
