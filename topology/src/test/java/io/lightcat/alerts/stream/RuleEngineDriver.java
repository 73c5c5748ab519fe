package io.lightcat.alerts.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.query.Acknowledgements;
import io.lightcat.alerts.query.AlertFilter;
import io.lightcat.alerts.query.AlertQueries;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RuleLoader;
import io.lightcat.alerts.rule.RuleSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The production topology in a TopologyTestDriver, fed JSON events, reading alerts. */
final class RuleEngineDriver implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  final EngineMetrics metrics = EngineMetrics.inMemory();
  final RuleBook rules;
  private final TopologyTestDriver driver;
  private final EngineConfig config;
  private final TestOutputTopic<String, Alert> alerts;
  private final List<Alert> seen = new ArrayList<>();

  RuleEngineDriver(String rulesYaml) {
    this(rulesYaml, EngineConfig.defaults().withFlushInterval(Duration.ZERO));
  }

  RuleEngineDriver(String rulesYaml, EngineConfig config) {
    this(rulesYaml, config, Backlog.none());
  }

  RuleEngineDriver(String rulesYaml, EngineConfig config, Backlog backlog) {
    this.config = config;
    RuleLoader.Result loaded = new RuleLoader().validate(Map.of("test.yaml", rulesYaml));
    if (!loaded.ok()) {
      throw new IllegalArgumentException(loaded.problems().toString());
    }
    RuleSet set = loaded.rules();
    this.rules = new RuleBook(set);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "rule-engine-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    driver =
        new TopologyTestDriver(EngineTopology.build(config, rules, metrics, backlog), props, T0);
    alerts =
        driver.createOutputTopic(
            config.topics().alerts(),
            Serdes.String().deserializer(),
            AlertSerde.serde().deserializer());
  }

  /** Sends a request event at {@code T0 + offset}. */
  void request(Duration offset, Map<String, Object> fields) {
    send(config.topics().requests(), offset, fields);
  }

  void payment(Duration offset, Map<String, Object> fields) {
    send(config.topics().payments(), offset, fields);
  }

  /** Keys of the pairing stage's pending store: halves waiting for their partner, and pairs. */
  List<String> pendingPairKeys() {
    List<String> keys = new ArrayList<>();
    try (var it =
        driver.<String, PendingPair>getKeyValueStore(RulePairingProcessor.PENDING_STORE).all()) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }

  /** The alert-state store: the latest published alert per group key. */
  Map<String, Alert> alertState() {
    Map<String, Alert> state = new java.util.LinkedHashMap<>();
    try (var it = driver.<String, Alert>getKeyValueStore(EngineTopology.ALERT_STATE_STORE).all()) {
      it.forEachRemaining(kv -> state.put(kv.key, kv.value));
    }
    return state;
  }

  /** What {@code GET /api/alerts} answers from this driver's stores: acknowledgements applied. */
  List<Alert> queriedAlerts() {
    KeyValueStore<String, ValueAndTimestamp<String>> actions =
        driver.getTimestampedKeyValueStore(EngineTopology.ALERT_ACTIONS_STORE);
    return AlertQueries.read(
        driver.getKeyValueStore(EngineTopology.ALERT_STATE_STORE),
        new Acknowledgements(key -> ValueAndTimestamp.getValueOrNull(actions.get(key))),
        AlertFilter.ALL);
  }

  /** Writes {@code json} to the alert-actions topic under {@code key}, as the REST API does. */
  void action(String key, String json) {
    driver
        .createInputTopic(
            config.topics().actions(), Serdes.String().serializer(), Serdes.String().serializer())
        .pipeInput(key, json);
  }

  void infra(Duration offset, Map<String, Object> fields) {
    send(config.topics().infra(), offset, fields);
  }

  void send(String topic, Duration offset, Map<String, Object> fields) {
    try {
      Map<String, Object> withTs = new java.util.LinkedHashMap<>(fields);
      withTs.put("ts", T0.plus(offset).toString());
      TestInputTopic<String, byte[]> in =
          driver.createInputTopic(
              topic, Serdes.String().serializer(), Serdes.ByteArray().serializer());
      in.pipeInput(
          null, JSON.writeValueAsString(withTs).getBytes(StandardCharsets.UTF_8), T0.plus(offset));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> req(String service, int status, double latencyMs) {
    return Map.of("service", service, "route", "/api/x", "status", status, "latencyMs", latencyMs);
  }

  /** How many (rule, group) states stage 2 holds. */
  long groupsInState() {
    long n = 0;
    try (var it =
        driver.<String, GroupState>getKeyValueStore(RuleWindowProcessor.WINDOW_STORE).all()) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  void advanceWallClock(Duration d) {
    driver.advanceWallClockTime(d);
  }

  /** Every alert record published so far, in order. */
  List<Alert> alerts() {
    seen.addAll(alerts.readValuesToList());
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    driver.close();
  }
}
