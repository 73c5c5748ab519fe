package io.lightcat.alerts.rule;

import io.lightcat.alerts.event.Event;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A validated rule with its expressions compiled: decides whether an event matches, which group it
 * belongs to, and what it adds to that group's {@link Aggregate}. Thread-safe and immutable.
 */
public final class CompiledRule {
  private final Rule rule;
  private final CompiledExpression filter;
  private final CompiledExpression value;
  private final Pairing pairing;
  private final String version;
  private final String stateSignature;
  private final List<Figure> figures;

  /** A figure's measure and its compiled expression (null for count and rate). */
  record Figure(String name, Measure measure, CompiledExpression value) {}

  /** The compiled parts of a {@link Measure.PairDuration}. */
  record Pairing(CompiledExpression from, CompiledExpression to, String by) {}

  /** The role an event plays in a pair of a {@link Measure.PairDuration} rule. */
  public enum Half {
    START,
    END
  }

  CompiledRule(
      Rule rule,
      CompiledExpression filter,
      CompiledExpression value,
      Pairing pairing,
      String version,
      List<Figure> figures) {
    this.rule = Objects.requireNonNull(rule);
    this.figures = List.copyOf(figures);
    this.filter = filter;
    this.value = value;
    this.pairing = pairing;
    this.version = version;
    this.stateSignature = stateSignature(rule);
    if ((rule.measure() instanceof Measure.PairDuration) != (pairing != null)) {
      throw new IllegalArgumentException(
          "a duration rule needs its pairing, no other rule has one");
    }
  }

  public Rule rule() {
    return rule;
  }

  public String id() {
    return rule.id();
  }

  /** Content hash of the rule definition; alerts record which version produced them. */
  public String version() {
    return version;
  }

  /**
   * A hash of what the rule's per-group state means: source, filter, groupBy, measure, figures,
   * window, resolution and schedule. Two versions of a rule with the same signature can share
   * window buckets and lifecycle state (a threshold, {@code for} or summary change); a different
   * signature means the state built under the old version measures something else and must start
   * afresh.
   */
  public String stateSignature() {
    return stateSignature;
  }

  private static String stateSignature(Rule rule) {
    String canonical =
        String.join(
            "\u0000",
            rule.id(),
            rule.source().name(),
            String.valueOf(rule.filter()),
            rule.groupBy().toString(),
            rule.measure().toString(),
            rule.figures().toString(),
            rule.window().toString(),
            rule.resolution().toString(),
            rule.schedule().name());
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Whether the event passes the rule's filter (no filter: every event of the source). */
  public boolean matches(Event event) {
    return event.stream() == rule.source() && (filter == null || filter.test(event));
  }

  /**
   * The event's group: the values of the rule's {@code groupBy} fields, sorted by name. Empty when
   * the event lacks one of them (it cannot be attributed to a group).
   */
  public Optional<Map<String, String>> groupOf(Event event) {
    if (rule.groupBy().isEmpty()) {
      return Optional.of(Map.of());
    }
    Map<String, String> labels = new TreeMap<>();
    for (String field : rule.groupBy()) {
      Object v = event.get(field);
      if (v == null) {
        return Optional.empty();
      }
      labels.put(field, label(v));
    }
    return Optional.of(labels);
  }

  private static String label(Object v) {
    return v instanceof Double d && d == Math.rint(d)
        ? String.valueOf(d.longValue())
        : String.valueOf(v);
  }

  /** Whether this rule measures durations between pairs of events (it has no per-event partial). */
  public boolean pairsEvents() {
    return pairing != null;
  }

  /**
   * The half of a pair the event is: a start when it matches {@code from} (even when it matches
   * {@code to} too), else an end when it matches {@code to}. Empty when the event does not pass the
   * rule's filter, is neither, or lacks the {@code by} field; always empty for other measures.
   */
  public Optional<Half> pairHalf(Event event) {
    if (pairing == null || !matches(event) || event.get(pairing.by()) == null) {
      return Optional.empty();
    }
    if (pairing.from().test(event)) {
      return Optional.of(Half.START);
    }
    return pairing.to().test(event) ? Optional.of(Half.END) : Optional.empty();
  }

  /** The value of the {@code by} field, as text: what pairs a start with its end. */
  public Optional<String> pairKey(Event event) {
    if (pairing == null) {
      return Optional.empty();
    }
    Object v = event.get(pairing.by());
    return v == null ? Optional.empty() : Optional.of(label(v));
  }

  /**
   * The contribution of one pair to the bucket of its end: one event at {@code endTs} whose value
   * is the pair's duration in seconds. Empty when the end is before the start or the two are
   * further apart than the rule's timeout: such halves do not pair.
   */
  public Optional<Aggregate> pairContribution(long startTs, long endTs, String sample) {
    if (!(rule.measure() instanceof Measure.PairDuration pair)
        || endTs < startTs
        || endTs - startTs > pair.timeout().toMillis()) {
      return Optional.empty();
    }
    double seconds = (endTs - startTs) / 1000.0;
    Aggregate a = new Aggregate().addEvent(endTs, sample).addValue(endTs, seconds);
    if (pair.stat() instanceof Measure.Percentile) {
      a.addQuantileValue(seconds);
    }
    return Optional.of(a);
  }

  /**
   * Adds the event's contribution to {@code aggregate}. Returns false, leaving it unchanged, when
   * the measure's expression reads a field the event lacks.
   */
  public boolean addTo(Aggregate aggregate, Event event) {
    if (!contribute(rule.measure(), value, aggregate, event)) {
      return false;
    }
    for (int i = 0; i < figures.size(); i++) {
      Figure f = figures.get(i);
      // A figure whose expression reads a missing field skips the event; the others still count.
      contribute(f.measure(), f.value(), aggregate.figure(i), event);
    }
    return true;
  }

  private boolean contribute(Measure measure, CompiledExpression value, Aggregate a, Event e) {
    long ts = e.timestampMs();
    String sample = sampleId(e);
    if (measure instanceof Measure.Spike s) {
      return contribute(s.of(), value, a, e);
    }
    if (measure instanceof Measure.PairDuration) {
      return false; // pairs contribute through pairContribution, not per event
    }
    if (measure instanceof Measure.Count
        || measure instanceof Measure.Rate
        || measure instanceof Measure.Absent) {
      a.addEvent(ts, sample);
    } else if (measure instanceof Measure.Ratio) {
      boolean hit = value.test(e);
      a.addEvent(ts, sample);
      if (hit) {
        a.addMatch();
      }
    } else if (measure instanceof Measure.Distinct) {
      Optional<Object> v = value.evaluate(e);
      if (v.isEmpty()) {
        return false;
      }
      a.addEvent(ts, sample).addDistinct(String.valueOf(v.get()));
    } else {
      // Stat, Last, Percentile: a numeric value per event.
      Optional<Double> v = value.number(e);
      if (v.isEmpty()) {
        return false;
      }
      a.addEvent(ts, sample).addValue(ts, v.get());
      if (measure instanceof Measure.Percentile) {
        a.addQuantileValue(v.get());
      }
    }
    return true;
  }

  private static String sampleId(Event e) {
    Object id = e.get("eventId");
    if (id == null) {
      id = e.get("invoiceId");
    }
    if (id == null) {
      id = e.get("sessionId");
    }
    return id == null ? null : String.valueOf(id);
  }

  /** Field names this rule's group labels come from, for documentation and queries. */
  public List<String> labelNames() {
    return new ArrayList<>(rule.groupBy());
  }
}
