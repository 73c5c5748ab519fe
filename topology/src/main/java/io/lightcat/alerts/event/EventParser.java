package io.lightcat.alerts.event;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.ParseResult.Invalid;
import io.lightcat.alerts.event.ParseResult.Valid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns one raw input record into a validated, redacted {@link Event} or a rejection reason
 * (CONTRACT section 3).
 *
 * <p>Checks, in order: empty value (tombstone), size limit ({@link EngineConfig#maxRecordBytes()},
 * before parsing), JSON syntax with hardened limits (nesting depth 32, strings up to 64 KiB,
 * duplicate keys, trailing tokens, NaN/Infinity all rejected), top level is an object; then secrets
 * are removed, declared fields are normalized to their {@link FieldType} (an {@code INT} given as
 * {@code 200.0} becomes {@code 200L}, {@code 200.5} is rejected; a {@code DOUBLE} given as {@code
 * 3} becomes {@code 3.0}; non-finite numbers are rejected everywhere), {@code ts} is read, and the
 * {@link EventSchema} rules apply. JSON {@code null} in an object means "absent".
 *
 * <p>Rejection reasons never contain raw input or parser messages (which quote input); they quote a
 * value only when it is short, printable and scalar, and only after redaction.
 *
 * <p>Thread-safe.
 */
public final class EventParser {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private static final double TWO_POW_63 = 0x1p63;

  private final int maxRecordBytes;
  private final Redactor redactor;
  private final ObjectMapper mapper;

  /** Reads one nested value of a record being streamed: more fields follow it. */
  private final ObjectReader nestedValue;

  public EventParser(EngineConfig config) {
    Objects.requireNonNull(config, "config");
    this.maxRecordBytes = config.maxRecordBytes();
    this.redactor = new Redactor(config.redactedFields());
    this.mapper = JsonLimits.newMapper();
    this.nestedValue = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** The redactor this parser applies, for dead-letter copies of rejected records. */
  public Redactor redactor() {
    return redactor;
  }

  /**
   * Parses one record of {@code stream}.
   *
   * @param key the record key (UTF-8) or {@code null}
   * @param value the record value; {@code null} or empty is rejected as {@code empty}
   * @param recordTimestampMs the record timestamp, used when the event has no {@code ts}
   */
  public ParseResult parse(EventStream stream, byte[] key, byte[] value, long recordTimestampMs) {
    Objects.requireNonNull(stream, "stream");
    if (value == null || value.length == 0) {
      return new Invalid("record value is empty (tombstone)", Invalid.EMPTY);
    }
    if (value.length > maxRecordBytes) {
      return new Invalid(
          "record of " + value.length + " bytes exceeds the " + maxRecordBytes + "-byte limit",
          Invalid.TOO_LARGE);
    }
    Optional<ParseResult> streamed = streamed(stream, key, value, recordTimestampMs);
    if (streamed.isPresent()) {
      return streamed.get();
    }
    return viaTree(stream, key, value, recordTimestampMs);
  }

  /**
   * The reference parse: the whole record as a JSON tree, redacted, then converted. Every record
   * the streamed parse does not vouch for — every rejection among them — is parsed this way.
   */
  ParseResult viaTree(EventStream stream, byte[] key, byte[] value, long recordTimestampMs) {
    try {
      JsonNode root = readTree(value);
      if (root == null) {
        return new Invalid("record value contains no JSON value", Invalid.EMPTY);
      }
      if (!(root instanceof ObjectNode object)) {
        return new Invalid(
            "top-level JSON value must be an object, not " + nodeKind(root), Invalid.NOT_OBJECT);
      }
      redactor.redact(object);
      return toEvent(stream, key, object, recordTimestampMs);
    } catch (Rejection r) {
      return r.invalid;
    }
  }

  /**
   * The fast parse of an ordinary record, straight from the token stream into the field map without
   * building a tree of the whole record (which, with the redaction walk and the conversion, was
   * most of an engine's per-event cost): scalars are converted as they are read, nested objects and
   * arrays are read as trees, each redacted as the one-field object it is part of (redaction rules
   * look at each top-level field alone). It gives the same event as {@link #viaTree}, or nothing:
   * anything it does not vouch for — a malformed record, a value of the wrong type, a number that
   * is not a plain 64-bit integer where one is declared, any other rejection — is left to {@link
   * #viaTree}, so every rejection and its reason come from one place. {@code EventParserTest}
   * checks the two agree on every record it parses.
   */
  Optional<ParseResult> streamed(
      EventStream stream, byte[] key, byte[] value, long recordTimestampMs) {
    EventSchema schema = EventSchema.of(stream);
    long timestampMs = recordTimestampMs;
    Map<String, Object> fields = new LinkedHashMap<>();
    try (JsonParser parser = mapper.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken valueToken = parser.nextToken();
        if (valueToken == JsonToken.START_OBJECT || valueToken == JsonToken.START_ARRAY) {
          ObjectNode holder = mapper.createObjectNode();
          holder.set(name, nestedValue.readTree(parser));
          redactor.redact(holder);
          JsonNode kept = holder.get(name);
          if (kept == null) {
            continue; // a secret
          }
          FieldType type = schema.fields().get(name);
          if (name.equals("ts") || (type != null && !(type == FieldType.MAP && kept.isObject()))) {
            return Optional.empty();
          }
          fields.put(name, anyValue(name, kept));
          continue;
        }
        if (redactor.removesField(name) || valueToken == JsonToken.VALUE_NULL) {
          continue;
        }
        if (name.equals("ts")) {
          OptionalLong ts = streamedTimestamp(parser, valueToken);
          if (ts.isEmpty()) {
            return Optional.empty();
          }
          timestampMs = ts.getAsLong();
          continue;
        }
        FieldType type = schema.fields().get(name);
        Object scalar =
            type == null ? streamedScalar(parser, valueToken) : streamed(parser, valueToken, type);
        if (scalar == null) {
          return Optional.empty();
        }
        fields.put(name, scalar);
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return Optional.empty();
      }
    } catch (IOException | Rejection | RuntimeException e) {
      return Optional.empty(); // the tree parse says what is wrong
    }
    Optional<Invalid> violation = schema.check(fields);
    if (violation.isPresent()) {
      return Optional.of(violation.get());
    }
    String keyString = key == null ? null : new String(key, StandardCharsets.UTF_8);
    return Optional.of(new Valid(new Event(stream, timestampMs, keyString, fields)));
  }

  /** A declared field's scalar, converted as {@link #typed} converts it; null: not vouched for. */
  private static Object streamed(JsonParser parser, JsonToken token, FieldType type)
      throws IOException {
    return switch (type) {
      case STRING -> token == JsonToken.VALUE_STRING ? parser.getText() : null;
      case BOOL ->
          token == JsonToken.VALUE_TRUE
              ? Boolean.TRUE
              : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
      case DOUBLE -> token.isNumeric() ? finiteOrNull(parser.getDoubleValue()) : null;
      case INT -> plainLong(parser, token);
      case MAP -> null;
    };
  }

  /** An undeclared field's scalar, as {@link #anyValue} converts it; null: not vouched for. */
  private static Object streamedScalar(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NUMBER_INT -> plainLong(parser, token);
      case VALUE_NUMBER_FLOAT -> finiteOrNull(parser.getDoubleValue());
      default -> null;
    };
  }

  private static OptionalLong streamedTimestamp(JsonParser parser, JsonToken token)
      throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      return UtcTimestamps.parseMillis(parser.getText());
    }
    Object millis = plainLong(parser, token);
    return millis instanceof Long l && l >= 0 ? OptionalLong.of(l) : OptionalLong.empty();
  }

  /** An integer token that fits in 64 bits, as a Long; null for anything else. */
  private static Object plainLong(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.VALUE_NUMBER_INT) {
      return null;
    }
    JsonParser.NumberType type = parser.getNumberType();
    return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
        ? parser.getLongValue()
        : null;
  }

  private static Object finiteOrNull(double d) {
    return Double.isFinite(d) ? d : null;
  }

  private JsonNode readTree(byte[] value) throws Rejection {
    try (JsonParser parser = mapper.createParser(value)) {
      JsonNode root = mapper.readTree(parser);
      if (root != null && parser.nextToken() != null) {
        throw new Rejection(
            "unexpected content after the JSON object" + at(parser.currentLocation()),
            Invalid.JSON);
      }
      return root;
    } catch (StreamConstraintsException e) {
      throw constraintViolated(e);
    } catch (JacksonException e) {
      if (e.getCause() instanceof StreamConstraintsException c) {
        throw constraintViolated(c);
      }
      // Parser messages quote the input, which may be a secret: report only the location.
      String message = e.getOriginalMessage();
      String what =
          message.startsWith("Duplicate field")
              ? "duplicate field name"
              : message.startsWith("Trailing token")
                  ? "unexpected content after the JSON object"
                  : "not valid JSON";
      throw new Rejection(what + at(e.getLocation()), Invalid.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException("reading an in-memory byte array failed", e);
    }
  }

  private static Rejection constraintViolated(StreamConstraintsException e) {
    String message = e.getOriginalMessage();
    if (message.contains("nesting depth")) {
      return new Rejection(
          "JSON nesting is deeper than " + JsonLimits.MAX_NESTING_DEPTH + " levels",
          Invalid.TOO_DEEP);
    }
    if (message.startsWith("String value length")) {
      return new Rejection(
          "a JSON string is longer than " + JsonLimits.MAX_STRING_CHARS + " characters",
          Invalid.TOO_LARGE);
    }
    return new Rejection(
        "a JSON name or number exceeds the parser's size limits", Invalid.TOO_LARGE);
  }

  private ParseResult toEvent(
      EventStream stream, byte[] key, ObjectNode object, long recordTimestampMs) throws Rejection {
    EventSchema schema = EventSchema.of(stream);
    long timestampMs = recordTimestampMs;
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      String name = e.getKey();
      JsonNode node = e.getValue();
      if (node.isNull()) {
        continue;
      }
      if (name.equals("ts")) {
        timestampMs = timestamp(node);
        continue;
      }
      FieldType type = schema.fields().get(name);
      fields.put(name, type == null ? anyValue(name, node) : typed(name, type, node));
    }
    Optional<Invalid> violation = schema.check(fields);
    if (violation.isPresent()) {
      return violation.get();
    }
    String keyString = key == null ? null : new String(key, StandardCharsets.UTF_8);
    return new Valid(new Event(stream, timestampMs, keyString, fields));
  }

  private static long timestamp(JsonNode node) throws Rejection {
    String rule = "field 'ts' must be an ISO-8601 timestamp with offset or epoch milliseconds";
    if (node.isTextual()) {
      OptionalLong fast = UtcTimestamps.parseMillis(node.textValue());
      if (fast.isPresent()) {
        return fast.getAsLong();
      }
      try {
        return OffsetDateTime.parse(node.textValue(), ISO).toInstant().toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new Rejection(rule + Echo.got(node.textValue()), Invalid.BAD_TIMESTAMP);
      }
    }
    if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
      return node.longValue();
    }
    throw new Rejection(rule, Invalid.BAD_TIMESTAMP);
  }

  private static Object typed(String name, FieldType type, JsonNode node) throws Rejection {
    return switch (type) {
      case STRING -> {
        if (!node.isTextual()) {
          throw new Rejection("field '" + name + "' must be a string", Invalid.WRONG_TYPE);
        }
        yield node.textValue();
      }
      case BOOL -> {
        if (!node.isBoolean()) {
          throw new Rejection("field '" + name + "' must be a boolean", Invalid.WRONG_TYPE);
        }
        yield node.booleanValue();
      }
      case MAP -> {
        if (!node.isObject()) {
          throw new Rejection("field '" + name + "' must be an object", Invalid.WRONG_TYPE);
        }
        yield anyValue(name, node);
      }
      case DOUBLE -> {
        if (!node.isNumber()) {
          throw new Rejection("field '" + name + "' must be a number", Invalid.WRONG_TYPE);
        }
        yield finite(name, node.doubleValue());
      }
      case INT -> integer(name, node);
    };
  }

  private static long integer(String name, JsonNode node) throws Rejection {
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw new Rejection(
            "field '" + name + "' must be an integer that fits in 64 bits", Invalid.OUT_OF_RANGE);
      }
      return node.longValue();
    }
    if (!node.isNumber()) {
      throw new Rejection("field '" + name + "' must be an integer", Invalid.WRONG_TYPE);
    }
    double d = finite(name, node.doubleValue());
    if (d != Math.rint(d)) {
      throw new Rejection(
          "field '" + name + "' must be an integer" + Echo.got(d), Invalid.WRONG_TYPE);
    }
    if (d < -TWO_POW_63 || d >= TWO_POW_63) {
      throw new Rejection(
          "field '" + name + "' must be an integer that fits in 64 bits", Invalid.OUT_OF_RANGE);
    }
    return (long) d;
  }

  private static double finite(String name, double d) throws Rejection {
    if (!Double.isFinite(d)) {
      throw new Rejection(Echo.field(name) + " must be a finite number", Invalid.OUT_OF_RANGE);
    }
    return d;
  }

  /** Unknown fields and the contents of objects: plain Java values, unmodifiable. */
  private static Object anyValue(String path, JsonNode node) throws Rejection {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return finite(path, node.doubleValue());
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!e.getValue().isNull()) {
          map.put(e.getKey(), anyValue(path + "." + e.getKey(), e.getValue()));
        }
      }
      return Collections.unmodifiableMap(map);
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      int i = 0;
      for (JsonNode element : node) {
        list.add(element.isNull() ? null : anyValue(path + "[" + i + "]", element));
        i++;
      }
      return Collections.unmodifiableList(list);
    }
    // Binary, POJO or missing nodes cannot come out of a JSON text.
    throw new Rejection(Echo.field(path) + " has an unsupported value", Invalid.WRONG_TYPE);
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String nodeKind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  /** Internal control flow: a rejection found deep inside the conversion. */
  private static final class Rejection extends Exception {
    private final transient Invalid invalid;

    Rejection(String reason, String category) {
      super(reason, null, false, false);
      this.invalid = new Invalid(reason, category);
    }
  }
}
