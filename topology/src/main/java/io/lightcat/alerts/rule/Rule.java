package io.lightcat.alerts.rule;

import io.lightcat.alerts.event.EventStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alerting rule: which events it watches ({@code source}, {@code filter}), how it groups them
 * ({@code groupBy}), what it measures over a sliding {@code window}, and at which values it raises
 * which severity, after how long ({@code for}) and for how long it keeps firing once the condition
 * stops holding ({@code keepFiringFor}). Plain data: see {@link CompiledRule} for evaluation.
 *
 * @param resolution bucket size of the sliding window: the window slides in steps of this size
 * @param levels severity levels, most urgent first
 * @param lines line of each field in its rule file, for validation messages
 * @param publicId the id alerts carry: the rule's own id, or for a variant of an {@code anyOf}
 *     rule, the id of that rule (the variant's {@code id} is {@code <publicId>/<index>})
 * @param scale a factor the measured value is multiplied by before conditions see it (a burn rate:
 *     the error ratio divided by the error budget); 1 by default
 * @param figures extra named measures over the same events, reported in the alert's evidence
 * @param schedule when the rule is evaluated
 */
public record Rule(
    String id,
    String title,
    String description,
    EventStream source,
    String filter,
    List<String> groupBy,
    Duration window,
    Duration resolution,
    Measure measure,
    long minEvents,
    List<SeverityLevel> levels,
    Duration forDuration,
    Duration keepFiringFor,
    String runbook,
    String summary,
    Map<String, String> labels,
    String file,
    int line,
    Map<String, Integer> lines,
    String publicId,
    double scale,
    Map<String, Measure> figures,
    Schedule schedule) {

  /** When a rule is evaluated. */
  public enum Schedule {
    /** At every event and on the wall clock, over a sliding window (the default). */
    SLIDING,
    /** Once per UTC day, at the day boundary, over the day just ended: a daily digest. */
    DAILY
  }

  /** The length of a {@link Schedule#DAILY} rule's window. */
  public static final Duration DAY = Duration.ofDays(1);

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(measure, "measure");
    groupBy = List.copyOf(groupBy);
    levels = List.copyOf(levels);
    labels = Map.copyOf(labels);
    lines = Map.copyOf(lines);
    publicId = publicId == null ? id : publicId;
    figures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
    schedule = schedule == null ? Schedule.SLIDING : schedule;
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be a number > 0");
    }
    title = title == null ? publicId : title;
    description = description == null ? "" : description;
    forDuration = forDuration == null ? Duration.ZERO : forDuration;
    keepFiringFor = keepFiringFor == null ? Duration.ZERO : keepFiringFor;
  }

  /** The public id of an internal rule id: {@code server-down/1} → {@code server-down}. */
  public static String publicIdOf(String id) {
    int slash = id.indexOf('/');
    return slash < 0 ? id : id.substring(0, slash);
  }

  /** Whether this rule is a daily digest. */
  public boolean daily() {
    return schedule == Schedule.DAILY;
  }

  /** Whether this rule is one variant of an {@code anyOf} rule. */
  public boolean isVariant() {
    return !publicId.equals(id);
  }

  /** The default resolution: a thirtieth of the window, at least a second. */
  public static Duration defaultResolution(Duration window) {
    long ms = Math.max(1000, window.toMillis() / 30);
    return Duration.ofMillis(ms);
  }

  /** Line of {@code field} in the rule file, or the rule's own line. */
  public int lineOf(String field) {
    return lines.getOrDefault(field, line);
  }

  /** How much history the rule needs per group: the window, plus the baseline of a spike. */
  public Duration retention() {
    if (measure instanceof Measure.Spike spike) {
      return window.multipliedBy(spike.baselineWindows() + 1L);
    }
    return longestWindow();
  }

  /** The longest window any level measures over: the rule's, or a level's own. */
  public Duration longestWindow() {
    Duration longest = window;
    for (SeverityLevel l : levels) {
      for (Duration d : new Duration[] {l.window(), l.confirmWindow()}) {
        if (d != null && d.compareTo(longest) > 0) {
          longest = d;
        }
      }
    }
    return longest;
  }

  /** The first level of {@code severity}, for records of alerts no longer held. */
  public SeverityLevel level(Severity severity) {
    for (SeverityLevel l : levels) {
      if (l.severity() == severity) {
        return l;
      }
    }
    throw new IllegalArgumentException("rule " + id + " has no level " + severity);
  }
}
