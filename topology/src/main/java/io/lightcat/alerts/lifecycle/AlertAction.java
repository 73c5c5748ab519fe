package io.lightcat.alerts.lifecycle;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Objects;

/**
 * One record on the {@code alert-actions} topic (key = fingerprint): someone acted on an alert
 * through the REST API. Times are ISO-8601 UTC.
 *
 * @param action {@code ack} (more kinds, such as silences, may follow)
 * @param by who acted, as they said (the API token proves the right to act, not an identity)
 */
@JsonPropertyOrder({"action", "fingerprint", "by", "at"})
public record AlertAction(String action, String fingerprint, String by, String at) {
  public static final String ACK = "ack";

  public AlertAction {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }

  public static AlertAction ack(String fingerprint, String by, Instant at) {
    return new AlertAction(ACK, fingerprint, by, at.toString());
  }
}
