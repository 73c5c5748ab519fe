package io.lightcat.alerts.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One record on the alerts topic (CONTRACT section 4): a firing alert, a severity change of a
 * firing alert, or its resolution. Times are ISO-8601 UTC strings in event time.
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
  "evidence"
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
    Map<String, Object> evidence) {

  public static final String FIRING = "firing";
  public static final String RESOLVED = "resolved";

  /** The evaluated window. */
  public record Window(String start, String end) {}

  public boolean firing() {
    return FIRING.equals(status);
  }
}
