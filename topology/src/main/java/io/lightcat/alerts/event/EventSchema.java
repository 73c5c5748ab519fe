package io.lightcat.alerts.event;

import io.lightcat.alerts.event.ParseResult.Invalid;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The declared fields of one {@link EventStream} and the validation rules of CONTRACT section 3.
 *
 * <p>{@link #fields()} lists every declared field with its type, including {@code eventId} and,
 * where the stream has one, {@code kind}; never {@code ts}, which becomes {@link
 * Event#timestampMs()}. {@code rgbInvoice} is declared (it is part of the payment event) but is
 * always redacted, so it never reaches an {@link Event}.
 *
 * <p>Required fields: requests need {@code service}, {@code route}, {@code status}, {@code
 * latencyMs}; payments need {@code kind} and {@code invoiceId} (except for kind {@code supply});
 * game events need {@code kind} and {@code sessionId}; infra events need {@code kind} plus, per
 * kind, the fields without which the event says nothing: {@code host} → {@code host}; {@code
 * db_pool} → {@code service}, {@code active}, {@code max}; {@code health_check} → {@code target},
 * {@code ok} (a failed probe may have no {@code status} or {@code latencyMs}); {@code heartbeat} →
 * {@code service}; {@code db_query} → {@code service}, {@code durationMs}.
 *
 * <p>Ranges: HTTP {@code status} 100–599; percentages 0–100; durations, latencies, counts, amounts,
 * {@code fps}, {@code loadMs} and byte rates {@code >= 0}. {@code score} may be any finite number
 * (some games score below zero). Enumerations: {@code kind} per stream ({@code unknown_kind}), and
 * {@code tier} / {@code tierUnlocked} in {@code bronze|silver|gold} ({@code out_of_range}).
 *
 * <p>Immutable and thread-safe; one instance per stream.
 */
public final class EventSchema {
  private static final Set<String> TIERS = ordered("bronze", "silver", "gold");
  private static final Map<EventStream, EventSchema> SCHEMAS = buildAll();

  private final EventStream stream;
  private final String noun;
  private final Map<String, FieldSpec> specs;
  private final Map<String, FieldType> fields;
  private final Set<String> required;
  private final Map<String, Set<String>> requiredByKind;

  private EventSchema(
      EventStream stream,
      String noun,
      Map<String, FieldSpec> specs,
      Set<String> required,
      Map<String, Set<String>> requiredByKind) {
    this.stream = stream;
    this.noun = noun;
    this.specs = Collections.unmodifiableMap(new LinkedHashMap<>(specs));
    Map<String, FieldType> types = new LinkedHashMap<>();
    specs.forEach((name, spec) -> types.put(name, spec.type()));
    this.fields = Collections.unmodifiableMap(types);
    this.required = Collections.unmodifiableSet(new LinkedHashSet<>(required));
    this.requiredByKind = Collections.unmodifiableMap(new LinkedHashMap<>(requiredByKind));
  }

  /** The schema of {@code stream}. */
  public static EventSchema of(EventStream stream) {
    return SCHEMAS.get(Objects.requireNonNull(stream, "stream"));
  }

  public EventStream stream() {
    return stream;
  }

  /** Every declared field with its type, in declaration order; excludes {@code ts}. */
  public Map<String, FieldType> fields() {
    return fields;
  }

  /** The allowed values of {@code kind}; empty for streams without kinds (requests). */
  public Set<String> kinds() {
    return requiredByKind.keySet();
  }

  /**
   * The fields an event of {@code kind} must have ({@code kind} itself included); for streams
   * without kinds pass {@code null}.
   */
  public Set<String> requiredFields(String kind) {
    Set<String> all = new LinkedHashSet<>(required);
    all.addAll(requiredByKind.getOrDefault(kind, Set.of()));
    return Collections.unmodifiableSet(all);
  }

  /**
   * Checks kind, required fields, ranges and enumerations of already type-normalized fields
   * (declared fields hold their {@link FieldType}'s Java type). Returns the first violation.
   */
  Optional<Invalid> check(Map<String, Object> normalized) {
    String kind = null;
    if (!kinds().isEmpty()) {
      Object k = normalized.get("kind");
      if (k == null) {
        return Optional.of(new Invalid("missing required field 'kind'", Invalid.MISSING_FIELD));
      }
      kind = (String) k;
      if (!kinds().contains(kind)) {
        return Optional.of(
            new Invalid(
                "unknown " + noun + " kind" + Echo.quoted(kind) + "; expected one of " + kinds(),
                Invalid.UNKNOWN_KIND));
      }
    }
    for (String name : requiredFields(kind)) {
      if (!normalized.containsKey(name)) {
        String suffix = kind == null ? "" : " in a " + noun + " '" + kind + "' event";
        return Optional.of(
            new Invalid("missing required field '" + name + "'" + suffix, Invalid.MISSING_FIELD));
      }
    }
    for (Map.Entry<String, FieldSpec> e : specs.entrySet()) {
      Object value = normalized.get(e.getKey());
      if (value != null) {
        Optional<Invalid> bad = e.getValue().check(e.getKey(), value);
        if (bad.isPresent()) {
          return bad;
        }
      }
    }
    return Optional.empty();
  }

  /** Type and allowed values of one declared field. */
  private record FieldSpec(FieldType type, Double min, Double max, Set<String> allowed) {
    static FieldSpec of(FieldType type) {
      return new FieldSpec(type, null, null, Set.of());
    }

    static FieldSpec atLeastZero(FieldType type) {
      return new FieldSpec(type, 0.0, null, Set.of());
    }

    static FieldSpec between(FieldType type, double min, double max) {
      return new FieldSpec(type, min, max, Set.of());
    }

    static FieldSpec oneOf(Set<String> allowed) {
      return new FieldSpec(FieldType.STRING, null, null, allowed);
    }

    Optional<Invalid> check(String name, Object value) {
      if (!allowed.isEmpty() && !name.equals("kind") && !allowed.contains((String) value)) {
        return Optional.of(
            new Invalid(
                "field '" + name + "' must be one of " + allowed + Echo.got(value),
                Invalid.OUT_OF_RANGE));
      }
      if (value instanceof Number n && !inRange(n.doubleValue())) {
        return Optional.of(
            new Invalid(rangeSentence(name) + Echo.got(value), Invalid.OUT_OF_RANGE));
      }
      return Optional.empty();
    }

    private boolean inRange(double v) {
      return (min == null || v >= min) && (max == null || v <= max);
    }

    private String rangeSentence(String name) {
      String what = type == FieldType.INT ? "an integer" : "a number";
      if (min != null && max != null) {
        return "field '" + name + "' must be " + what + " from " + fmt(min) + " to " + fmt(max);
      }
      return "field '" + name + "' must be " + what + " >= " + fmt(min);
    }

    private static String fmt(double d) {
      return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
  }

  private static Map<EventStream, EventSchema> buildAll() {
    Map<EventStream, EventSchema> all = new EnumMap<>(EventStream.class);
    all.put(EventStream.REQUESTS, requests());
    all.put(EventStream.PAYMENTS, payments());
    all.put(EventStream.GAME, game());
    all.put(EventStream.INFRA, infra());
    return Collections.unmodifiableMap(all);
  }

  private static EventSchema requests() {
    Map<String, FieldSpec> f = new LinkedHashMap<>();
    f.put("eventId", FieldSpec.of(FieldType.STRING));
    f.put("service", FieldSpec.of(FieldType.STRING));
    f.put("method", FieldSpec.of(FieldType.STRING));
    f.put("route", FieldSpec.of(FieldType.STRING));
    f.put("status", FieldSpec.between(FieldType.INT, 100, 599));
    f.put("latencyMs", FieldSpec.atLeastZero(FieldType.DOUBLE));
    f.put("clientIp", FieldSpec.of(FieldType.STRING));
    f.put("userId", FieldSpec.of(FieldType.STRING));
    f.put("dbQueryMs", FieldSpec.atLeastZero(FieldType.DOUBLE));
    f.put("headers", FieldSpec.of(FieldType.MAP));
    return new EventSchema(
        EventStream.REQUESTS,
        "request",
        f,
        ordered("service", "route", "status", "latencyMs"),
        Map.of());
  }

  private static EventSchema payments() {
    List<String> kinds =
        List.of(
            "invoice_created",
            "payment_confirmed",
            "payment_failed",
            "invoice_expired",
            "invoice_rejected",
            "consignment_generated",
            "webhook_delivered",
            "supply");
    Map<String, FieldSpec> f = new LinkedHashMap<>();
    f.put("eventId", FieldSpec.of(FieldType.STRING));
    f.put("kind", FieldSpec.oneOf(new LinkedHashSet<>(kinds)));
    f.put("invoiceId", FieldSpec.of(FieldType.STRING));
    f.put("tier", FieldSpec.oneOf(TIERS));
    f.put("batchCount", FieldSpec.atLeastZero(FieldType.INT));
    f.put("amountSats", FieldSpec.atLeastZero(FieldType.INT));
    f.put("reason", FieldSpec.of(FieldType.STRING));
    f.put("durationMs", FieldSpec.atLeastZero(FieldType.DOUBLE));
    f.put("remainingBatches", FieldSpec.atLeastZero(FieldType.INT));
    f.put("rgbInvoice", FieldSpec.of(FieldType.STRING));
    Map<String, Set<String>> byKind = new LinkedHashMap<>();
    for (String kind : kinds) {
      byKind.put(kind, kind.equals("supply") ? Set.of() : Set.of("invoiceId"));
    }
    return new EventSchema(EventStream.PAYMENTS, "payment", f, Set.of("kind"), byKind);
  }

  private static EventSchema game() {
    Map<String, FieldSpec> f = new LinkedHashMap<>();
    Set<String> kinds = ordered("session_started", "session_ended", "score", "fps", "page_load");
    f.put("eventId", FieldSpec.of(FieldType.STRING));
    f.put("kind", FieldSpec.oneOf(kinds));
    f.put("sessionId", FieldSpec.of(FieldType.STRING));
    f.put("playerId", FieldSpec.of(FieldType.STRING));
    f.put("score", FieldSpec.of(FieldType.DOUBLE));
    f.put("fps", FieldSpec.atLeastZero(FieldType.DOUBLE));
    f.put("loadMs", FieldSpec.atLeastZero(FieldType.DOUBLE));
    f.put("tierUnlocked", FieldSpec.oneOf(TIERS));
    f.put("completed", FieldSpec.of(FieldType.BOOL));
    Map<String, Set<String>> byKind = new LinkedHashMap<>();
    kinds.forEach(k -> byKind.put(k, Set.of()));
    return new EventSchema(EventStream.GAME, "game", f, ordered("kind", "sessionId"), byKind);
  }

  private static EventSchema infra() {
    Map<String, Set<String>> byKind = new LinkedHashMap<>();
    byKind.put("host", ordered("host"));
    byKind.put("db_pool", ordered("service", "active", "max"));
    byKind.put("health_check", ordered("target", "ok"));
    byKind.put("heartbeat", ordered("service"));
    byKind.put("db_query", ordered("service", "durationMs"));
    Map<String, FieldSpec> f = new LinkedHashMap<>();
    f.put("eventId", FieldSpec.of(FieldType.STRING));
    f.put("kind", FieldSpec.oneOf(byKind.keySet()));
    f.put("host", FieldSpec.of(FieldType.STRING));
    f.put("cpuPct", FieldSpec.between(FieldType.DOUBLE, 0, 100));
    f.put("memPct", FieldSpec.between(FieldType.DOUBLE, 0, 100));
    f.put("diskFreePct", FieldSpec.between(FieldType.DOUBLE, 0, 100));
    f.put("netInBytesPerSec", FieldSpec.atLeastZero(FieldType.DOUBLE));
    f.put("netOutBytesPerSec", FieldSpec.atLeastZero(FieldType.DOUBLE));
    f.put("service", FieldSpec.of(FieldType.STRING));
    f.put("active", FieldSpec.atLeastZero(FieldType.INT));
    f.put("max", FieldSpec.atLeastZero(FieldType.INT));
    f.put("waiting", FieldSpec.atLeastZero(FieldType.INT));
    f.put("connected", FieldSpec.of(FieldType.BOOL));
    f.put("target", FieldSpec.of(FieldType.STRING));
    f.put("url", FieldSpec.of(FieldType.STRING));
    f.put("ok", FieldSpec.of(FieldType.BOOL));
    f.put("status", FieldSpec.between(FieldType.INT, 100, 599));
    f.put("latencyMs", FieldSpec.atLeastZero(FieldType.DOUBLE));
    f.put("durationMs", FieldSpec.atLeastZero(FieldType.DOUBLE));
    f.put("fingerprint", FieldSpec.of(FieldType.STRING));
    return new EventSchema(EventStream.INFRA, "infra", f, Set.of("kind"), byKind);
  }

  private static Set<String> ordered(String... values) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
  }
}
