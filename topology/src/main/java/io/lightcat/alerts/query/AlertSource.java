package io.lightcat.alerts.query;

import io.lightcat.alerts.lifecycle.Alert;
import java.util.List;

/** Somewhere current alert state can be read from: one instance's stores, or all instances'. */
@FunctionalInterface
public interface AlertSource {
  /** The alerts matching {@code filter}, newest first, or why they cannot be read now. */
  QueryResult<List<Alert>> alerts(AlertFilter filter);
}
