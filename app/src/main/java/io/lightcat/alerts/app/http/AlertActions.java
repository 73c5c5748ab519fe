package io.lightcat.alerts.app.http;

import io.lightcat.alerts.lifecycle.AlertAction;

/** Where the REST API writes actions on alerts: the {@code alert-actions} topic in production. */
@FunctionalInterface
public interface AlertActions {
  /**
   * Writes {@code action} durably before returning.
   *
   * @throws NotReadyException when it cannot be written now
   */
  void publish(AlertAction action);
}
