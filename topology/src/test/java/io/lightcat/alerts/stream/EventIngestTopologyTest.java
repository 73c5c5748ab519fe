package io.lightcat.alerts.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.event.EventStream;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.testing.Events;
import io.lightcat.alerts.testing.IngestTestTopology;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventIngestTopologyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "sup3r-s3cret";
  private static final Instant RECORD_TIME = Instant.parse("2026-11-28T11:00:00Z");
  private static final TopicNames TOPICS = TopicNames.withPrefix("t.");
  private static final String OUTPUT = "t." + IngestTestTopology.OUTPUT;

  private final EngineMetrics metrics = EngineMetrics.inMemory();
  private final EngineConfig config =
      EngineConfig.defaults().withTopics(TOPICS).withRedactedFields(Set.of("apiKey"));
  private TopologyTestDriver driver;
  private final Map<EventStream, TestInputTopic<byte[], byte[]>> inputs =
      new EnumMap<>(EventStream.class);
  private TestOutputTopic<String, String> output;
  private TestOutputTopic<byte[], byte[]> dlq;

  @BeforeEach
  void startDriver() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ingest-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(IngestTestTopology.build(config, metrics, OUTPUT), props);
    for (EventStream stream : EventStream.values()) {
      inputs.put(
          stream,
          driver.createInputTopic(
              stream.topic(TOPICS), new ByteArraySerializer(), new ByteArraySerializer()));
    }
    output = driver.createOutputTopic(OUTPUT, new StringDeserializer(), new StringDeserializer());
    dlq =
        driver.createOutputTopic(
            TOPICS.dlq(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  static Stream<Arguments> validEvents() {
    return Stream.of(
        arguments(Events.request().status(503)),
        arguments(Events.payment("payment_confirmed")),
        arguments(Events.game("fps")),
        arguments(Events.infra("host")),
        arguments(Events.request().atMillis(1_764_331_200_123L)));
  }

  @ParameterizedTest
  @MethodSource("validEvents")
  void forwardsValidEventsWithTheirEventTimeAndKey(Events.Builder event) throws Exception {
    // when
    pipe(event);

    // then
    TestRecord<String, String> out = output.readRecord();
    JsonNode json = JSON.readTree(out.value());
    long expectedTs = eventTime(event);
    assertThat(out.key()).isEqualTo(event.key()).isNotNull();
    assertThat(out.timestamp()).isEqualTo(expectedTs);
    assertThat(json.get("stream").asText()).isEqualTo(event.stream().ruleName());
    assertThat(json.get("timestampMs").asLong()).isEqualTo(expectedTs);
    assertThat(json.path("fields").has("ts")).isFalse();
    ObjectNode expectedFields = (ObjectNode) JSON.readTree(event.json());
    expectedFields.remove("ts");
    assertThat(json.get("fields")).isEqualTo(expectedFields);
    assertThat(dlq.isEmpty()).isTrue();
    assertThat(metrics.count("events.in", "stream", event.stream().ruleName())).isEqualTo(1.0);
  }

  @Test
  void usesTheRecordTimestampWhenTheEventHasNoTs() {
    // when
    pipe(Events.infra("heartbeat").without("ts"));

    // then
    assertThat(output.readRecord().timestamp()).isEqualTo(RECORD_TIME.toEpochMilli());
  }

  static Stream<Arguments> invalidRecords() {
    return Stream.of(
        arguments(EventStream.REQUESTS, "{\"service\": ", "json", "not valid JSON at line 1"),
        arguments(EventStream.REQUESTS, "[1]", "not_object", "must be an object"),
        arguments(
            EventStream.REQUESTS,
            Events.request().without("route").json(),
            "missing_field",
            "missing required field 'route'"),
        arguments(
            EventStream.INFRA,
            Events.infra("db_pool").with("active", "x").json(),
            "wrong_type",
            "field 'active' must be an integer"),
        arguments(
            EventStream.REQUESTS,
            Events.request().status(700).json(),
            "out_of_range",
            "field 'status' must be an integer from 100 to 599"),
        arguments(
            EventStream.PAYMENTS,
            Events.payment("refund").json(),
            "unknown_kind",
            "unknown payment kind 'refund'"),
        arguments(
            EventStream.GAME, "{\"a\":".repeat(33) + "1" + "}".repeat(33), "too_deep", "nesting"),
        arguments(
            EventStream.GAME,
            Events.game("score").with("ts", "noon").json(),
            "bad_timestamp",
            "field 'ts'"),
        arguments(
            EventStream.GAME,
            "{\"kind\": \"score\", \"kind\": \"fps\"}",
            "json",
            "duplicate field name"));
  }

  @ParameterizedTest
  @MethodSource("invalidRecords")
  void sendsEachInvalidRecordToTheDeadLetterTopic(
      EventStream stream, String value, String category, String reason) {
    // given
    byte[] key = {(byte) 0xff, 'k'};
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    inputs.get(stream).pipeInput(key, bytes, RECORD_TIME);

    // when
    TestRecord<byte[], byte[]> dead = dlq.readRecord();

    // then
    assertThat(output.isEmpty()).isTrue();
    assertThat(dead.key()).isEqualTo(key);
    assertThat(dead.value()).isEqualTo(bytes);
    assertThat(header(dead.headers(), "error.reason")).contains(reason);
    assertThat(header(dead.headers(), "error.topic")).isEqualTo(stream.topic(TOPICS));
    assertThat(header(dead.headers(), "error.partition")).isEqualTo("0");
    assertThat(header(dead.headers(), "error.offset")).isEqualTo("0");
    assertThat(dead.headers().lastHeader("error.truncated")).isNull();
    assertThat(metrics.count("events.invalid", "stream", stream.ruleName(), "reason", category))
        .isEqualTo(1.0);
  }

  @Test
  void deadLettersATombstoneWithANullValue() {
    // when
    inputs.get(EventStream.PAYMENTS).pipeInput(utf8("inv-1"), null, RECORD_TIME);

    // then
    TestRecord<byte[], byte[]> dead = dlq.readRecord();
    assertThat(dead.value()).isNull();
    assertThat(dead.key()).isEqualTo(utf8("inv-1"));
    assertThat(header(dead.headers(), "error.reason")).contains("empty");
    assertThat(metrics.count("events.invalid", "stream", "payments", "reason", "empty"))
        .isEqualTo(1.0);
  }

  @Test
  void truncatesAnOversizedRecordToItsFirst64KiBAndScrubsIt() {
    // given: 2 MB of JSON-looking text with a secret near the start
    String head = "{\"headers\": {\"authorization\": \"Bearer " + SECRET + "\"}, \"pad\": \"";
    byte[] big = new byte[2_000_000];
    Arrays.fill(big, (byte) 'x');
    System.arraycopy(utf8(head), 0, big, 0, head.length());

    // when
    inputs.get(EventStream.REQUESTS).pipeInput(null, big, RECORD_TIME);

    // then
    TestRecord<byte[], byte[]> dead = dlq.readRecord();
    String value = new String(dead.value(), StandardCharsets.UTF_8);
    assertThat(header(dead.headers(), "error.truncated")).isEqualTo("true");
    assertThat(header(dead.headers(), "error.reason"))
        .isEqualTo("record of 2000000 bytes exceeds the 1048576-byte limit");
    assertThat(value).doesNotContain(SECRET).startsWith("{\"headers\": {\"authorization\": \"");
    assertThat(dead.value().length).isBetween(64 * 1024 - 64, 64 * 1024);
    assertThat(metrics.count("events.invalid", "stream", "requests", "reason", "too_large"))
        .isEqualTo(1.0);
  }

  @Test
  void noSecretReachesTheOutputTheDeadLetterValuesOrHeaders() {
    // given
    Headers recordHeaders = new RecordHeaders().add("Authorization", utf8("Bearer " + SECRET));
    Events.Builder valid =
        Events.request()
            .with("headers", Map.of("authorization", "Bearer " + SECRET))
            .with("apiKey", SECRET);
    Events.Builder invalid = Events.payment("refund").with("rgbInvoice", "rgb:" + SECRET);
    String malformed = "{\"headers\": {\"Authorization\": \"Bearer " + SECRET + "\"";
    String badType =
        Events.payment("supply")
            .with("rgbInvoice", 7)
            .with("apiKey", SECRET)
            .with("amountSats", "lots")
            .json();

    // when
    pipe(valid, recordHeaders);
    pipe(invalid, recordHeaders);
    inputs
        .get(EventStream.REQUESTS)
        .pipeInput(new TestRecord<>(null, utf8(malformed), recordHeaders, RECORD_TIME));
    inputs
        .get(EventStream.PAYMENTS)
        .pipeInput(new TestRecord<>(null, utf8(badType), recordHeaders, RECORD_TIME));

    // then
    List<TestRecord<String, String>> out = output.readRecordsToList();
    List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
    assertThat(out).hasSize(1);
    assertThat(dead).hasSize(3);
    assertThat(out.get(0).value()).doesNotContain(SECRET).doesNotContain("apiKey");
    assertThat(out.get(0).headers().toArray()).isEmpty();
    for (TestRecord<byte[], byte[]> record : dead) {
      assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
      for (Header h : record.headers()) {
        assertThat(h.key()).startsWith("error.");
        assertThat(new String(h.value(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
      }
    }
  }

  @Test
  void keepsProcessingAfterBadRecordsAndCountsEveryRecord() {
    // when
    inputs.get(EventStream.GAME).pipeInput(null, utf8("garbage"), RECORD_TIME);
    pipe(Events.game("score"));
    inputs.get(EventStream.GAME).pipeInput(null, utf8("{}"), RECORD_TIME);
    pipe(Events.game("page_load"));

    // then
    assertThat(output.readValuesToList()).hasSize(2);
    List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
    assertThat(dead).extracting(r -> header(r.headers(), "error.offset")).containsExactly("0", "2");
    assertThat(metrics.count("events.in", "stream", "game")).isEqualTo(4.0);
    assertThat(metrics.count("events.invalid", "stream", "game", "reason", "json")).isEqualTo(1.0);
    assertThat(metrics.count("events.invalid", "stream", "game", "reason", "missing_field"))
        .isEqualTo(1.0);
  }

  @Test
  void engineTopologyNamesEveryOperator() {
    // when
    String description =
        EngineTopology.build(
                config,
                new io.lightcat.alerts.rule.RuleBook(io.lightcat.alerts.rule.RuleSet.empty()),
                EngineMetrics.inMemory())
            .describe()
            .toString();

    // then
    assertThat(description)
        .contains(
            "events-source",
            "validate-events",
            "ingest-valid",
            "ingest-dead-letter",
            "dead-letter-record",
            "dead-letter-sink",
            "valid-events",
            "rule-match",
            "rule-pair-match",
            "rule-pairs",
            "rule-pairing",
            "rule-pairs-pending",
            "rule-partials-merge",
            "rule-partials",
            "rule-evaluate",
            "alert-state",
            "alerts-sink")
        .contains(TOPICS.dlq())
        .doesNotContain("KSTREAM-");
  }

  private void pipe(Events.Builder event) {
    pipe(event, new RecordHeaders());
  }

  private void pipe(Events.Builder event, Headers headers) {
    String key = event.key();
    inputs
        .get(event.stream())
        .pipeInput(
            new TestRecord<>(key == null ? null : utf8(key), event.bytes(), headers, RECORD_TIME));
  }

  private static long eventTime(Events.Builder event) {
    Object ts = event.get("ts");
    return ts instanceof Number n ? n.longValue() : Instant.parse((String) ts).toEpochMilli();
  }

  private static String header(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
