package io.lightcat.alerts.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One record on the alerts topic (CONTRACT section 4): a firing alert, a severity change of a
 * firing alert, or its resolution. Times are ISO-8601 UTC strings in event time.
 *
 * <p>{@code acknowledged} is not part of the records on the topic (the rule stages never set it,
 * and a null is left out of the JSON): queries add it from the {@code alert-actions} topic when
 * someone acknowledged the alert's episode.
 */
@JsonPropertyOrder({
  "id",
  "fingerprint",
  "rule",
  "ruleVersion",
  "status",
  "severity",
  "title",
  "summary",
  "labels",
  "value",
  "threshold",
  "window",
  "startsAt",
  "endsAt",
  "runbook",
  "responseTarget",
  "evidence",
  "acknowledged"
})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Alert(
    String id,
    String fingerprint,
    String rule,
    String ruleVersion,
    String status,
    String severity,
    String title,
    String summary,
    Map<String, String> labels,
    Double value,
    Double threshold,
    Window window,
    String startsAt,
    String endsAt,
    String runbook,
    String responseTarget,
    Map<String, Object> evidence,
    @JsonInclude(JsonInclude.Include.NON_NULL) Acknowledgement acknowledged) {

  public static final String FIRING = "firing";
  public static final String RESOLVED = "resolved";

  /** The evaluated window. */
  public record Window(String start, String end) {}

  /** An alert nobody has acknowledged: what the rule stages publish. */
  public Alert(
      String id,
      String fingerprint,
      String rule,
      String ruleVersion,
      String status,
      String severity,
      String title,
      String summary,
      Map<String, String> labels,
      Double value,
      Double threshold,
      Window window,
      String startsAt,
      String endsAt,
      String runbook,
      String responseTarget,
      Map<String, Object> evidence) {
    this(
        id,
        fingerprint,
        rule,
        ruleVersion,
        status,
        severity,
        title,
        summary,
        labels,
        value,
        threshold,
        window,
        startsAt,
        endsAt,
        runbook,
        responseTarget,
        evidence,
        null);
  }

  /** This alert, acknowledged as {@code ack} says. */
  public Alert withAcknowledgement(Acknowledgement ack) {
    return new Alert(
        id,
        fingerprint,
        rule,
        ruleVersion,
        status,
        severity,
        title,
        summary,
        labels,
        value,
        threshold,
        window,
        startsAt,
        endsAt,
        runbook,
        responseTarget,
        evidence,
        ack);
  }

  public boolean firing() {
    return FIRING.equals(status);
  }
}
