package io.lightcat.alerts.rule;

import java.time.Duration;

/** Computes a rule's value over a group's window and picks the severity that holds. */
public final class WindowEvaluator {
  private WindowEvaluator() {}

  /**
   * Evaluates {@code rule} over {@code window} at event time {@code now}.
   *
   * @param current the severity the group's alert currently fires at, or null; a level at this
   *     severity keeps holding until its recovery condition is met
   */
  public static Evaluation evaluate(Rule rule, GroupWindow window, long now, Severity current) {
    Duration length = rule.window();
    long start = now - length.toMillis();
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
    boolean enough = m instanceof Measure.Absent || merged.count() >= Math.max(1, rule.minEvents());
    SeverityLevel held = null;
    if (enough && !Double.isNaN(value)) {
      for (SeverityLevel level : rule.levels()) {
        if (level.holds(value, level.severity() == current)) {
          held = level;
          break;
        }
      }
    }
    return new Evaluation(value, merged.count(), start, now, held, merged.samples());
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
