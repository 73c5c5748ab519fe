package io.lightcat.alerts.stream.backtest;

import io.lightcat.alerts.lifecycle.Alert;
import java.time.Instant;
import java.util.List;

/**
 * What a backtest produced.
 *
 * @param records how many input records were replayed
 * @param transitions every alert record the rules published, in order: firing, severity changes,
 *     resolutions
 */
public record BacktestResult(Instant from, Instant to, long records, List<Alert> transitions) {
  public BacktestResult {
    transitions = List.copyOf(transitions);
  }
}
