package io.lightcat.alerts.rule;

import io.lightcat.alerts.event.Event;
import java.util.ArrayList;
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
  private final String version;

  CompiledRule(Rule rule, CompiledExpression filter, CompiledExpression value, String version) {
    this.rule = Objects.requireNonNull(rule);
    this.filter = filter;
    this.value = value;
    this.version = version;
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
      labels.put(
          field,
          v instanceof Double d && d == Math.rint(d)
              ? String.valueOf(d.longValue())
              : String.valueOf(v));
    }
    return Optional.of(labels);
  }

  /**
   * Adds the event's contribution to {@code aggregate}. Returns false, leaving it unchanged, when
   * the measure's expression reads a field the event lacks.
   */
  public boolean addTo(Aggregate aggregate, Event event) {
    return contribute(rule.measure(), aggregate, event);
  }

  private boolean contribute(Measure measure, Aggregate a, Event e) {
    long ts = e.timestampMs();
    String sample = sampleId(e);
    if (measure instanceof Measure.Spike s) {
      return contribute(s.of(), a, e);
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
