package io.lightcat.alerts.query;

import io.lightcat.alerts.lifecycle.Acknowledgement;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.lifecycle.AlertAction;
import io.lightcat.alerts.stream.EngineTopology;
import java.util.Objects;
import java.util.function.Function;

/**
 * Marks alerts as acknowledged from the latest action on each fingerprint, as the {@code
 * alert-actions} table ({@link EngineTopology#ALERT_ACTIONS_STORE}) holds it. An acknowledgement
 * marks only the episode it was made for: when the same fingerprint fires again, the new episode is
 * unacknowledged.
 */
public final class Acknowledgements {
  private final Function<String, String> latestAction;

  /**
   * @param latestAction the latest action written under a key (a fingerprint), as JSON, or null
   */
  public Acknowledgements(Function<String, String> latestAction) {
    this.latestAction = Objects.requireNonNull(latestAction, "latestAction");
  }

  /** {@code alert}, with who acknowledged it and when if someone did. */
  public Alert apply(Alert alert) {
    if (alert.fingerprint() == null) {
      return alert;
    }
    return AlertAction.parse(latestAction.apply(alert.fingerprint()))
        .filter(action -> action.acknowledges(alert))
        .map(action -> alert.withAcknowledgement(Acknowledgement.of(action)))
        .orElse(alert);
  }
}
