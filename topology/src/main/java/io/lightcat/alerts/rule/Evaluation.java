package io.lightcat.alerts.rule;

import java.util.List;

/**
 * One evaluation of a rule for a group at an event time: the measured value, how many events it
 * rests on, the window, and the most urgent severity level that holds (null when none does).
 */
public record Evaluation(
    double value,
    long events,
    long windowStart,
    long windowEnd,
    SeverityLevel level,
    List<String> samples) {

  public boolean holds() {
    return level != null;
  }
}
