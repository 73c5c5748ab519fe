package io.lightcat.alerts.rule;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Computes a rule's value over a group's window and picks the severity that holds. */
public final class WindowEvaluator {
  private WindowEvaluator() {}

  /** The value of a rule over one window length: already scaled, with its event count. */
  private record Measured(double value, long events, Aggregate merged) {}

  /**
   * Evaluates {@code rule} over {@code window} at event time {@code now}.
   *
   * <p>A level with its own {@code window} is judged on the value over that window; with a {@code
   * confirmWindow} it holds only when its condition holds over both windows, each with at least
   * {@code minEvents} (and at least one) events.
   *
   * @param current the severity the group's alert currently fires at, or null; a level at this
   *     severity keeps holding until its recovery condition is met
   */
  public static Evaluation evaluate(Rule rule, GroupWindow window, long now, Severity current) {
    Map<Duration, Measured> byLength = new HashMap<>();
    Measured main = measure(rule, window, now, rule.window(), byLength);
    SeverityLevel held = null;
    Measured heldOver = main;
    Measured confirmedOver = null;
    for (SeverityLevel level : rule.levels()) {
      boolean atThisLevel = level.severity() == current;
      Measured over =
          level.window() == null ? main : measure(rule, window, now, level.window(), byLength);
      if (!holds(rule, level, over, atThisLevel)) {
        continue;
      }
      Measured confirm =
          level.confirmWindow() == null
              ? null
              : measure(rule, window, now, level.confirmWindow(), byLength);
      if (confirm != null && !holds(rule, level, confirm, atThisLevel)) {
        continue;
      }
      held = level;
      heldOver = over;
      confirmedOver = confirm;
      break;
    }
    Duration length = held == null || held.window() == null ? rule.window() : held.window();
    return new Evaluation(
        heldOver.value(),
        heldOver.events(),
        now - length.toMillis(),
        now,
        held,
        heldOver.merged().samples(),
        length,
        confirmedOver == null ? Double.NaN : confirmedOver.value(),
        confirmedOver == null ? null : held.confirmWindow(),
        figures(rule, heldOver.merged(), length));
  }

  /**
   * Evaluates a daily rule over the UTC day that ends at {@code dayEnd} (exclusive): a tumbling
   * window of whole buckets, whatever the group's time is now.
   */
  public static Evaluation evaluateDay(Rule rule, GroupWindow window, long dayEnd) {
    long dayStart = dayEnd - Rule.DAY.toMillis();
    Aggregate merged = window.mergedRange(dayStart, dayEnd);
    Measured m =
        new Measured(rule.measure().value(merged, Rule.DAY) * rule.scale(), merged.count(), merged);
    SeverityLevel held = null;
    for (SeverityLevel level : rule.levels()) {
      if (holds(rule, level, m, false)) {
        held = level;
        break;
      }
    }
    return new Evaluation(
        m.value(),
        m.events(),
        dayStart,
        dayEnd,
        held,
        merged.samples(),
        Rule.DAY,
        Double.NaN,
        null,
        figures(rule, merged, Rule.DAY));
  }

  private static Map<String, Double> figures(Rule rule, Aggregate merged, Duration length) {
    if (rule.figures().isEmpty()) {
      return Map.of();
    }
    Map<String, Double> out = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, Measure> f : rule.figures().entrySet()) {
      out.put(f.getKey(), f.getValue().value(merged.figure(i++), length));
    }
    return out;
  }

  private static boolean holds(Rule rule, SeverityLevel level, Measured m, boolean atThisLevel) {
    boolean enough =
        rule.measure() instanceof Measure.Absent || m.events() >= Math.max(1, rule.minEvents());
    return enough && !Double.isNaN(m.value()) && level.holds(m.value(), atThisLevel);
  }

  private static Measured measure(
      Rule rule, GroupWindow window, long now, Duration length, Map<Duration, Measured> cache) {
    Measured cached = cache.get(length);
    if (cached != null) {
      return cached;
    }
    Aggregate merged = window.merged(now, length, rule.resolution());
    double value;
    Measure m = rule.measure();
    if (m instanceof Measure.Absent) {
      value =
          window.lastEventTs() == Long.MIN_VALUE
              ? Double.NaN
              : Math.max(0, now - window.lastEventTs()) / 1000.0;
    } else if (m instanceof Measure.Spike spike) {
      value = spike(spike, window, now, rule, merged);
    } else {
      value = m.value(merged, length);
    }
    Measured out = new Measured(value * rule.scale(), merged.count(), merged);
    cache.put(length, out);
    return out;
  }

  private static double spike(
      Measure.Spike spike, GroupWindow window, long now, Rule rule, Aggregate current) {
    Duration length = rule.window();
    double total = 0;
    int counted = 0;
    for (int i = 1; i <= spike.baselineWindows(); i++) {
      long end = now - i * length.toMillis();
      double v = spike.of().value(window.merged(end, length, rule.resolution()), length);
      if (!Double.isNaN(v)) {
        total += v;
        counted++;
      }
    }
    if (counted == 0) {
      return Double.NaN;
    }
    double baseline = total / counted;
    if (baseline <= 0 || baseline < spike.minBaseline()) {
      return Double.NaN;
    }
    double now0 = spike.of().value(current, length);
    return Double.isNaN(now0) ? Double.NaN : now0 / baseline;
  }
}
