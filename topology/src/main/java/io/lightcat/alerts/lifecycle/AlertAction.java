package io.lightcat.alerts.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * One record on the {@code alert-actions} topic (key = fingerprint): someone acted on an alert
 * through the REST API. Times are ISO-8601 UTC.
 *
 * @param action {@code ack} (silences share the topic under keys {@code silence:<id>}, in their own
 *     format)
 * @param alertId the episode acted on ({@link Alert#id()}): an acknowledgement holds for that
 *     episode only, never for the next firing of the same fingerprint; null in actions written
 *     before episodes were named, which then hold for the episode current at {@code at}
 * @param by who acted, as they said (the API token proves the right to act, not an identity)
 */
@JsonPropertyOrder({"action", "fingerprint", "alertId", "by", "at"})
public record AlertAction(
    String action,
    String fingerprint,
    @JsonInclude(JsonInclude.Include.NON_NULL) String alertId,
    String by,
    String at) {
  public static final String ACK = "ack";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public AlertAction {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }

  /** An acknowledgement of the episode {@code alert} by {@code by} at {@code at}. */
  public static AlertAction ack(Alert alert, String by, Instant at) {
    return new AlertAction(ACK, alert.fingerprint(), alert.id(), by, at.toString());
  }

  /**
   * Reads an action as written to the topic.
   *
   * @return empty when {@code json} is not an action (a silence, a tombstone, garbage)
   */
  public static Optional<AlertAction> parse(String json) {
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(JSON.readValue(json, AlertAction.class));
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      // records of other kinds (silences) and malformed ones are not acknowledgements
      return Optional.empty();
    }
  }

  /**
   * Whether this action acknowledges {@code alert}: it is an {@code ack} of the alert's fingerprint
   * and of its episode (or, for an action without an episode, made no earlier than the episode
   * started).
   */
  public boolean acknowledges(Alert alert) {
    if (!ACK.equals(action) || !fingerprint.equals(alert.fingerprint())) {
      return false;
    }
    if (alertId != null) {
      return alertId.equals(alert.id());
    }
    try {
      return alert.startsAt() != null
          && !Instant.parse(at).isBefore(Instant.parse(alert.startsAt()));
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
