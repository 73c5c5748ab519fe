package io.lightcat.alerts.rule;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One evaluation of a rule for a group at an event time: the measured value, how many events it
 * rests on, the window, and the most urgent severity level that holds (null when none does).
 *
 * @param window the length of the window {@code value} is over: the held level's, else the rule's
 * @param confirmValue the value over the held level's confirm window; NaN when it has none
 * @param confirmWindow the held level's confirm window, or null
 * @param figures the rule's figures over the same window as {@code value}, by name
 */
public record Evaluation(
    double value,
    long events,
    long windowStart,
    long windowEnd,
    SeverityLevel level,
    List<String> samples,
    Duration window,
    double confirmValue,
    Duration confirmWindow,
    Map<String, Double> figures) {

  public Evaluation {
    figures = figures == null ? Map.of() : java.util.Collections.unmodifiableMap(figures);
  }

  /** An evaluation over the rule's window ({@code window}) with no confirm window. */
  public Evaluation(
      double value,
      long events,
      long windowStart,
      long windowEnd,
      SeverityLevel level,
      List<String> samples) {
    this(
        value,
        events,
        windowStart,
        windowEnd,
        level,
        samples,
        Duration.ofMillis(windowEnd - windowStart),
        Double.NaN,
        null,
        Map.of());
  }

  public boolean holds() {
    return level != null;
  }
}
