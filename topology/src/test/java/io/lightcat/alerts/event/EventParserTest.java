package io.lightcat.alerts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.ParseResult.Invalid;
import io.lightcat.alerts.event.ParseResult.Valid;
import io.lightcat.alerts.testing.Events;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventParserTest {
  private static final long RECORD_TS = 1_700_000_000_000L;
  private static final long DEFAULT_TS = Events.DEFAULT_TIME.toEpochMilli();
  private static final String SECRET = "s3cret";

  private final EventParser parser =
      new EventParser(EngineConfig.defaults().withRedactedFields(Set.of("apiKey", "Password")));

  static Stream<Arguments> everyStreamAndKind() {
    return Stream.of(
        arguments(Events.request()),
        arguments(Events.payment("invoice_created")),
        arguments(Events.payment("payment_confirmed")),
        arguments(Events.payment("payment_failed")),
        arguments(Events.payment("invoice_expired")),
        arguments(Events.payment("invoice_rejected")),
        arguments(Events.payment("consignment_generated")),
        arguments(Events.payment("webhook_delivered")),
        arguments(Events.payment("supply")),
        arguments(Events.game("session_started")),
        arguments(Events.game("session_ended")),
        arguments(Events.game("score")),
        arguments(Events.game("fps")),
        arguments(Events.game("page_load")),
        arguments(Events.infra("host")),
        arguments(Events.infra("db_pool")),
        arguments(Events.infra("health_check")),
        arguments(Events.infra("heartbeat")),
        arguments(Events.infra("db_query")));
  }

  @ParameterizedTest
  @MethodSource("everyStreamAndKind")
  void acceptsValidEventsWithDeclaredFieldsInTheirJavaTypes(Events.Builder builder) {
    // given
    EventSchema schema = EventSchema.of(builder.stream());

    // when
    Event event = valid(parse(builder));

    // then
    assertThat(event.stream()).isEqualTo(builder.stream());
    assertThat(event.timestampMs()).isEqualTo(DEFAULT_TS);
    assertThat(event.key()).isEqualTo(builder.key());
    assertThat(event.fields()).doesNotContainKey("ts").isNotEmpty();
    event
        .fields()
        .forEach(
            (name, value) ->
                assertThat(value)
                    .as(name)
                    .isInstanceOf(schema.fields().get(name).javaType())
                    .isEqualTo(expectedValue(builder.get(name), schema.fields().get(name))));
  }

  static Stream<Arguments> requiredFields() {
    return Stream.of(
        arguments(Events.request(), "service"),
        arguments(Events.request(), "route"),
        arguments(Events.request(), "status"),
        arguments(Events.request(), "latencyMs"),
        arguments(Events.payment("invoice_created"), "kind"),
        arguments(Events.payment("invoice_created"), "invoiceId"),
        arguments(Events.payment("payment_failed"), "invoiceId"),
        arguments(Events.payment("supply"), "kind"),
        arguments(Events.game("score"), "kind"),
        arguments(Events.game("score"), "sessionId"),
        arguments(Events.game("session_started"), "sessionId"),
        arguments(Events.infra("host"), "kind"),
        arguments(Events.infra("host"), "host"),
        arguments(Events.infra("db_pool"), "service"),
        arguments(Events.infra("db_pool"), "active"),
        arguments(Events.infra("db_pool"), "max"),
        arguments(Events.infra("health_check"), "target"),
        arguments(Events.infra("health_check"), "ok"),
        arguments(Events.infra("heartbeat"), "service"),
        arguments(Events.infra("db_query"), "service"),
        arguments(Events.infra("db_query"), "durationMs"));
  }

  @ParameterizedTest
  @MethodSource("requiredFields")
  void rejectsAMissingRequiredField(Events.Builder builder, String field) {
    // given
    builder.without(field);

    // when
    Invalid invalid = invalid(parse(builder));

    // then
    assertThat(invalid.category()).isEqualTo("missing_field");
    assertThat(invalid.reason()).startsWith("missing required field '" + field + "'");
  }

  @ParameterizedTest
  @MethodSource("requiredFields")
  void treatsJsonNullAsAbsent(Events.Builder builder, String field) {
    // given
    builder.with(field, null);

    // when / then
    assertThat(invalid(parse(builder)).category()).isEqualTo("missing_field");
  }

  static Stream<Arguments> optionalFields() {
    return Stream.of(
        arguments(Events.payment("supply"), "invoiceId"),
        arguments(Events.request(), "method"),
        arguments(Events.infra("health_check"), "status"),
        arguments(Events.infra("health_check"), "latencyMs"),
        arguments(Events.game("session_ended"), "completed"));
  }

  @ParameterizedTest
  @MethodSource("optionalFields")
  void acceptsAnAbsentOptionalField(Events.Builder builder, String field) {
    // given
    builder.without(field);

    // when
    Event event = valid(parse(builder));

    // then
    assertThat(event.fields()).doesNotContainKey(field);
  }

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        arguments(Events.request(), "status", "500", "field 'status' must be an integer"),
        arguments(Events.request(), "status", 200.5, "field 'status' must be an integer"),
        arguments(Events.request(), "status", true, "field 'status' must be an integer"),
        arguments(Events.request(), "latencyMs", "fast", "field 'latencyMs' must be a number"),
        arguments(Events.request(), "service", 42, "field 'service' must be a string"),
        arguments(Events.request(), "headers", "x", "field 'headers' must be an object"),
        arguments(Events.request(), "eventId", List.of(), "field 'eventId' must be a string"),
        arguments(Events.payment("supply"), "kind", 7, "field 'kind' must be a string"),
        arguments(Events.payment("supply"), "remainingBatches", 1.5, "must be an integer"),
        arguments(Events.game("session_ended"), "completed", "yes", "must be a boolean"),
        arguments(Events.game("score"), "score", Map.of(), "field 'score' must be a number"),
        arguments(Events.infra("db_pool"), "active", 1.5, "field 'active' must be an integer"),
        arguments(Events.infra("health_check"), "ok", 1, "field 'ok' must be a boolean"));
  }

  @ParameterizedTest
  @MethodSource("wrongTypes")
  void rejectsAWrongType(Events.Builder builder, String field, Object value, String reason) {
    // given
    builder.with(field, value);

    // when
    Invalid invalid = invalid(parse(builder));

    // then
    assertThat(invalid.category()).isEqualTo("wrong_type");
    assertThat(invalid.reason()).contains(reason);
  }

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        arguments(
            Events.request(),
            "status",
            99,
            "field 'status' must be an integer from 100 to 599 (got 99)"),
        arguments(
            Events.request(), "status", 600, "field 'status' must be an integer from 100 to 599"),
        arguments(Events.request(), "latencyMs", -1, "field 'latencyMs' must be a number >= 0"),
        arguments(Events.request(), "dbQueryMs", -0.5, "field 'dbQueryMs' must be a number >= 0"),
        arguments(
            Events.payment("invoice_created"),
            "amountSats",
            -5,
            "'amountSats' must be an integer >= 0"),
        arguments(Events.payment("invoice_created"), "batchCount", -1, "'batchCount'"),
        arguments(
            Events.payment("invoice_created"),
            "tier",
            "platinum",
            "field 'tier' must be one of [bronze, silver, gold] (got platinum)"),
        arguments(Events.payment("webhook_delivered"), "durationMs", -2.0, "'durationMs'"),
        arguments(Events.payment("supply"), "remainingBatches", -1, "'remainingBatches'"),
        arguments(Events.game("fps"), "fps", -1, "field 'fps' must be a number >= 0"),
        arguments(Events.game("page_load"), "loadMs", -1, "'loadMs'"),
        arguments(
            Events.game("session_ended"),
            "tierUnlocked",
            "diamond",
            "'tierUnlocked' must be one of"),
        arguments(
            Events.infra("host"), "cpuPct", 100.5, "field 'cpuPct' must be a number from 0 to 100"),
        arguments(Events.infra("host"), "memPct", -0.1, "'memPct'"),
        arguments(Events.infra("host"), "diskFreePct", 101, "'diskFreePct'"),
        arguments(Events.infra("host"), "netInBytesPerSec", -1, "'netInBytesPerSec'"),
        arguments(Events.infra("db_pool"), "waiting", -1, "'waiting'"),
        arguments(
            Events.infra("health_check"),
            "status",
            700,
            "'status' must be an integer from 100 to 599"),
        arguments(Events.infra("db_query"), "durationMs", -3, "'durationMs'"));
  }

  @ParameterizedTest
  @MethodSource("outOfRange")
  void rejectsAnOutOfRangeValue(Events.Builder builder, String field, Object value, String reason) {
    // given
    builder.with(field, value);

    // when
    Invalid invalid = invalid(parse(builder));

    // then
    assertThat(invalid.category()).isEqualTo("out_of_range");
    assertThat(invalid.reason()).contains(reason);
  }

  static Stream<Arguments> unknownKinds() {
    return Stream.of(
        arguments(Events.payment("refund"), "unknown payment kind 'refund'"),
        arguments(Events.game("cheat"), "unknown game kind 'cheat'"),
        arguments(Events.infra("gpu"), "unknown infra kind 'gpu'"),
        arguments(Events.infra("x".repeat(65)), "unknown infra kind; expected one of"));
  }

  @ParameterizedTest
  @MethodSource("unknownKinds")
  void rejectsAnUnknownKind(Events.Builder builder, String reason) {
    // when
    Invalid invalid = invalid(parse(builder));

    // then
    assertThat(invalid.category()).isEqualTo("unknown_kind");
    assertThat(invalid.reason()).startsWith(reason);
  }

  static Stream<Arguments> malformedRecords() {
    String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
    String longString = "{\"service\":\"" + "x".repeat(64 * 1024 + 1) + "\"}";
    return Stream.of(
        arguments("{\"service\": \"api\",", "json", "not valid JSON at line 1, column"),
        arguments(
            "{\"service\": \"api\" \"route\": 1}", "json", "not valid JSON at line 1, column 19"),
        arguments("{\"latencyMs\": NaN}", "json", "not valid JSON"),
        arguments("{\"latencyMs\": Infinity}", "json", "not valid JSON"),
        arguments(
            "{\"service\": \"a\", \"service\": \"b\"}", "json", "duplicate field name at line 1"),
        arguments(
            "{\"service\": \"a\"} {\"route\": \"/\"}",
            "json",
            "unexpected content after the JSON object"),
        arguments("{\"service\": \"a\"} trailing", "json", "not valid JSON"),
        arguments("[1, 2]", "not_object", "top-level JSON value must be an object, not an array"),
        arguments("\"just text\"", "not_object", "not a string"),
        arguments("42", "not_object", "not a number"),
        arguments("null", "not_object", "not null"),
        arguments("   ", "empty", "record value contains no JSON value"),
        arguments(deep, "too_deep", "JSON nesting is deeper than 32 levels"),
        arguments(longString, "too_large", "a JSON string is longer than 65536 characters"),
        arguments(
            Events.request().with("amountSats", 1).json().replace("}", ",\"x\":1e400}"),
            "out_of_range",
            "field 'x' must be a finite number"),
        arguments(
            Events.request().json().replace("200", "99999999999999999999"),
            "out_of_range",
            "field 'status' must be an integer that fits in 64 bits"),
        arguments(
            Events.request().json().replace("200", "1e19"),
            "out_of_range",
            "field 'status' must be an integer that fits in 64 bits"),
        arguments(
            Events.request().json().replace("42.0", "1e400"),
            "out_of_range",
            "field 'latencyMs' must be a finite number"));
  }

  @ParameterizedTest
  @MethodSource("malformedRecords")
  void rejectsMalformedRecords(String json, String category, String reason) {
    // when
    Invalid invalid = invalid(parsed(EventStream.REQUESTS, null, utf8(json), RECORD_TS));

    // then
    assertThat(invalid.category()).isEqualTo(category);
    assertThat(invalid.reason()).contains(reason);
  }

  @Test
  void acceptsNestingUpToTheLimit() {
    // given: the event object is level 1, headers level 2, then 30 more
    String nested = "{\"a\":".repeat(29) + "1" + "}".repeat(29);
    String json = Events.request().json().replace("}", ",\"headers\":{\"deep\":" + nested + "}}");

    // when / then
    assertThat(parsed(EventStream.REQUESTS, null, utf8(json), RECORD_TS)).isInstanceOf(Valid.class);
  }

  @Test
  void rejectsEmptyAndNullValuesAsTombstones() {
    // when
    Invalid empty = invalid(parsed(EventStream.GAME, null, new byte[0], RECORD_TS));
    Invalid tombstone = invalid(parsed(EventStream.GAME, utf8("s-1"), null, RECORD_TS));

    // then
    assertThat(empty.category()).isEqualTo("empty");
    assertThat(tombstone.category()).isEqualTo("empty");
  }

  @Test
  void rejectsARecordOverTheSizeLimitBeforeParsing() {
    // given: 2,000,000 bytes that are not even JSON
    byte[] value = new byte[2_000_000];

    // when
    Invalid invalid = invalid(parsed(EventStream.INFRA, null, value, RECORD_TS));

    // then
    assertThat(invalid.category()).isEqualTo("too_large");
    assertThat(invalid.reason())
        .isEqualTo("record of 2000000 bytes exceeds the 1048576-byte limit");
  }

  static Stream<Arguments> timestamps() {
    return Stream.of(
        arguments(
            "2026-11-28T12:00:00.123Z", Instant.parse("2026-11-28T12:00:00.123Z").toEpochMilli()),
        arguments(
            "2026-11-28T13:00:00.123+01:00",
            Instant.parse("2026-11-28T12:00:00.123Z").toEpochMilli()),
        arguments(1_764_331_200_123L, 1_764_331_200_123L),
        arguments(0, 0L),
        arguments(null, RECORD_TS));
  }

  @ParameterizedTest
  @MethodSource("timestamps")
  void readsTheEventTime(Object ts, long expectedMs) {
    // given
    Events.Builder builder = Events.request().with("ts", ts);

    // when
    Event event = valid(parse(builder));

    // then
    assertThat(event.timestampMs()).isEqualTo(expectedMs);
  }

  @Test
  void usesTheRecordTimestampWhenTsIsAbsent() {
    // when
    Event event = valid(parse(Events.infra("heartbeat").without("ts")));

    // then
    assertThat(event.timestampMs()).isEqualTo(RECORD_TS);
  }

  static Stream<Arguments> badTimestamps() {
    return Stream.of(
        arguments("yesterday"),
        arguments("2026-11-28T12:00:00"),
        arguments("2026-11-28"),
        arguments("2026-13-28T12:00:00Z"),
        arguments(-5),
        arguments(1.5e12),
        arguments(true),
        arguments(Map.of("epoch", 1)));
  }

  @ParameterizedTest
  @MethodSource("badTimestamps")
  void rejectsAMalformedTimestamp(Object ts) {
    // when
    Invalid invalid = invalid(parse(Events.request().with("ts", ts)));

    // then
    assertThat(invalid.category()).isEqualTo("bad_timestamp");
    assertThat(invalid.reason()).startsWith("field 'ts' must be an ISO-8601 timestamp");
  }

  @Test
  void keepsUnknownFieldsAsPlainJavaValues() {
    // given
    Events.Builder builder =
        Events.request()
            .with("region", "eu")
            .with("retries", 3)
            .with("ratio", 0.5)
            .with("cached", false)
            .with("tags", List.of("a", "b"))
            .with("meta", Map.of("depth", 1))
            .with("gone", null);

    // when
    Event event = valid(parse(builder));

    // then
    assertThat(event.get("region")).isEqualTo("eu");
    assertThat(event.get("retries")).isEqualTo(3L);
    assertThat(event.get("ratio")).isEqualTo(0.5);
    assertThat(event.get("cached")).isEqualTo(false);
    assertThat(event.get("tags")).isEqualTo(List.of("a", "b"));
    assertThat(event.get("meta")).isEqualTo(Map.of("depth", 1L));
    assertThat(event.fields()).doesNotContainKey("gone");
  }

  static Stream<Arguments> normalization() {
    return Stream.of(
        arguments(Events.request(), "status", 200.0, 200L),
        arguments(Events.request(), "status", 404, 404L),
        arguments(Events.request(), "latencyMs", 3, 3.0),
        arguments(Events.infra("db_pool"), "max", 20.0, 20L),
        arguments(Events.game("score"), "score", -10, -10.0),
        arguments(Events.infra("host"), "cpuPct", 100, 100.0),
        arguments(Events.payment("invoice_created"), "amountSats", Long.MAX_VALUE, Long.MAX_VALUE));
  }

  @ParameterizedTest
  @MethodSource("normalization")
  void normalizesNumbersToTheDeclaredType(
      Events.Builder builder, String field, Object given, Object expected) {
    // given
    builder.with(field, given);

    // when
    Event event = valid(parse(builder));

    // then
    assertThat(event.get(field)).isEqualTo(expected);
  }

  @Test
  void eventFieldsAreUnmodifiable() {
    // given
    Event event = valid(parse(Events.request().with("headers", Map.of("x-id", "1"))));

    // when / then
    assertThat(event.fields()).isUnmodifiable();
    assertThat((Map<?, ?>) event.get("headers")).isUnmodifiable();
  }

  @Test
  void removesSecretsBeforeTheEventExists() {
    // given
    Events.Builder builder =
        Events.request()
            .with(
                "headers", Map.of("Authorization", "Bearer sup3r-" + SECRET, "x-request-id", "r-1"))
            .with("rgbInvoice", "rgb:invoice-" + SECRET)
            .with("APIKEY", "key-" + SECRET)
            .with("nested", Map.of("list", List.of(Map.of("password", "pw-" + SECRET, "ok", 1))));

    // when
    Event event = valid(parse(builder));

    // then
    assertThat(event.toString()).doesNotContain(SECRET);
    assertThat(event.fields()).doesNotContainKeys("rgbInvoice", "APIKEY");
    assertThat(event.get("headers")).isEqualTo(Map.of("x-request-id", "r-1"));
    assertThat(event.get("nested")).isEqualTo(Map.of("list", List.of(Map.of("ok", 1L))));
  }

  static Stream<Arguments> invalidRecordsCarryingSecrets() {
    return Stream.of(
        arguments(EventStream.REQUESTS, "{\"headers\": {\"authorization\": \"Bearer " + SECRET),
        arguments(EventStream.REQUESTS, "{\"authorization\": Bearer-" + SECRET + "}"),
        arguments(EventStream.REQUESTS, "{\"" + SECRET + "\": 1, \"" + SECRET + "\": 2}"),
        arguments(EventStream.REQUESTS, "[\"" + SECRET + "\"]"),
        arguments(
            EventStream.REQUESTS, Events.request().with("apiKey", SECRET).without("route").json()),
        arguments(EventStream.PAYMENTS, Events.payment("refund").with("rgbInvoice", SECRET).json()),
        arguments(
            EventStream.PAYMENTS,
            Events.payment("supply")
                .with("rgbInvoice", 5)
                .json()
                .replace("\"supply\"", "\"supply\", \"amountSats\": -1")),
        arguments(
            EventStream.PAYMENTS,
            Events.payment("supply")
                .with("rgbinvoice", Map.of("x", SECRET))
                .with("remainingBatches", "many")
                .json()),
        arguments(
            EventStream.GAME,
            Events.game("score").with("ts", "noon").with("rgbInvoice", SECRET).json()),
        arguments(
            EventStream.GAME,
            Events.game("score").with("password", "INF").json().replace("\"INF\"", "1e400")));
  }

  @ParameterizedTest
  @MethodSource("invalidRecordsCarryingSecrets")
  void neverPutsASecretOrRawInputIntoAReason(EventStream stream, String json) {
    // when
    ParseResult result = parsed(stream, null, utf8(json), RECORD_TS);

    // then: either valid (the secret was redacted first) or a reason without the secret
    if (result instanceof Invalid invalid) {
      assertThat(invalid.reason()).doesNotContain(SECRET).doesNotContain("Bearer");
    } else {
      assertThat(((Valid) result).event().toString()).doesNotContain(SECRET);
    }
  }

  @Test
  void redactsASecretWhoseValueWouldOtherwiseBeRejected() {
    // given: a secret of the wrong type must not cause a rejection quoting it
    Events.Builder builder = Events.payment("invoice_created").with("rgbInvoice", 12345);

    // when
    Event event = valid(parse(builder));

    // then
    assertThat(event.fields()).doesNotContainKey("rgbInvoice");
  }

  @Test
  void keyIsTheUtf8RecordKeyOrNull() {
    // when
    Event keyed =
        valid(parsed(EventStream.REQUESTS, utf8("api-é"), Events.request().bytes(), RECORD_TS));
    Event unkeyed = valid(parsed(EventStream.REQUESTS, null, Events.request().bytes(), RECORD_TS));

    // then
    assertThat(keyed.key()).isEqualTo("api-é");
    assertThat(unkeyed.key()).isNull();
  }

  /**
   * Parses as the engine does, and checks that the streamed parse agrees with the reference tree
   * parse on this record: the same result, fields in the same order.
   */
  private ParseResult parsed(EventStream stream, byte[] key, byte[] value, long recordTs) {
    ParseResult result = parser.parse(stream, key, value, recordTs);
    if (value == null
        || value.length == 0
        || value.length > EngineConfig.defaults().maxRecordBytes()) {
      return result; // refused before either parse
    }
    ParseResult reference = parser.viaTree(stream, key, value, recordTs);
    assertThat(result).isEqualTo(reference);
    if (result instanceof Valid v) {
      assertThat(v.event().fields().keySet())
          .containsExactlyElementsOf(((Valid) reference).event().fields().keySet());
    }
    return result;
  }

  static Stream<Arguments> recordsOfEveryShape() {
    return Stream.of(
            "{\"ts\":1790000000000,\"service\":\"api\",\"route\":\"/a\",\"status\":200,"
                + "\"latencyMs\":12.5}",
            "{\"ts\":\"2026-01-01T00:00:00Z\",\"service\":\"api\",\"route\":\"/a\","
                + "\"status\":503,\"latencyMs\":3,\"headers\":{\"Authorization\":\"Bearer x\","
                + "\"accept\":\"*/*\"},\"extra\":[1,2.5,\"s\",null,{\"apiKey\":\"k\"}]}",
            "{\"ts\":\"2026-01-01T01:00:00+02:00\",\"service\":\"api\",\"route\":\"/a\","
                + "\"status\":200.0,\"latencyMs\":1}",
            "{\"service\":\"api\",\"route\":\"/a\",\"status\":200,\"latencyMs\":1,"
                + "\"Headers\":{\"AUTHORIZATION\":\"x\"},\"rgbInvoice\":{\"a\":1},"
                + "\"RGBINVOICE\":\"y\",\"apikey\":\"z\",\"nested\":{\"deep\":{\"password\":1}}}",
            "{\"service\":\"api\",\"route\":\"/a\",\"status\":200,\"latencyMs\":1,"
                + "\"big\":123456789012345678901234567890,\"f\":1e308,\"t\":true,\"n\":null}",
            "{\"service\":\"api\",\"route\":\"/a\",\"status\":99999999999999999999,"
                + "\"latencyMs\":1}",
            "{\"service\":\"api\",\"route\":\"/a\",\"status\":\"200\",\"latencyMs\":1}",
            "{\"service\":\"api\",\"route\":\"/a\",\"status\":200,\"latencyMs\":-1}",
            "{\"service\":\"api\",\"route\":\"/a\",\"status\":200,\"latencyMs\":1," + "\"ts\":-5}",
            "{\"service\":\"api\",\"route\":\"/a\",\"status\":200,\"latencyMs\":1,"
                + "\"ts\":{\"at\":1}}",
            "{\"service\":\"api\",\"route\":\"/a\",\"status\":200,\"latencyMs\":1,"
                + "\"ts\":null,\"headers\":null}",
            "{\"service\":\"api\",\"route\":\"/a\",\"status\":200,\"latencyMs\":1,"
                + "\"headers\":\"flat\"}",
            "{\"service\":\"api\",\"route\":\"/a\",\"status\":200,\"latencyMs\":1,"
                + "\"headers\":[1]}",
            "{\"service\":\"api\",\"\\u0072oute\":\"/\\u00e9\",\"status\":200,"
                + "\"latencyMs\":1}",
            "{\"service\":\"api\",\"service\":\"web\",\"route\":\"/a\",\"status\":200,"
                + "\"latencyMs\":1}",
            "{\"service\":\"api\",\"route\":\"/a\",\"status\":200,\"latencyMs\":1} {}",
            "{\"service\":\"api\",\"route\":\"/a\",\"status\":200,\"latencyMs\":1",
            "[{\"service\":\"api\"}]",
            "{\"route\":\"/a\",\"status\":200,\"latencyMs\":1}",
            "{\"service\":\"api\",\"route\":\"/a\",\"status\":200,\"latencyMs\":1,"
                + "\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}")
        .map(json -> arguments(EventStream.REQUESTS, json));
  }

  @ParameterizedTest
  @MethodSource("recordsOfEveryShape")
  void theStreamedParseAgreesWithTheTreeParse(EventStream stream, String json) {
    // when / then (parsed() compares the two)
    parsed(stream, utf8("k"), utf8(json), RECORD_TS);
  }

  @Test
  void ordinaryRecordsNeedNoTree() {
    // given a request, one with headers and a nested secret, a payment and a game event
    List<Events.Builder> ordinary =
        List.of(
            Events.request(),
            Events.request().with("headers", Map.of("authorization", "Bearer t", "accept", "*/*")),
            Events.payment("invoice_created").with("rgbInvoice", "rgb:secret"),
            Events.game("score"));
    for (Events.Builder b : ordinary) {
      // when
      var streamed = parser.streamed(b.stream(), null, b.bytes(), RECORD_TS);
      // then the streamed parse vouched for it
      assertThat(streamed).as(b.json()).containsInstanceOf(Valid.class);
    }
  }

  private ParseResult parse(Events.Builder builder) {
    String key = builder.key();
    return parsed(builder.stream(), key == null ? null : utf8(key), builder.bytes(), RECORD_TS);
  }

  private static Event valid(ParseResult result) {
    assertThat(result).isInstanceOf(Valid.class);
    return ((Valid) result).event();
  }

  private static Invalid invalid(ParseResult result) {
    assertThat(result).isInstanceOf(Invalid.class);
    return (Invalid) result;
  }

  private static Object expectedValue(Object given, FieldType type) {
    return switch (type) {
      case INT -> ((Number) given).longValue();
      case DOUBLE -> ((Number) given).doubleValue();
      default -> given;
    };
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
