package io.lightcat.alerts.notify.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.AlertmanagerShape;
import io.lightcat.alerts.notify.DeliveryResult;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.notify.Notifier;
import io.lightcat.alerts.notify.Secret;
import io.lightcat.alerts.notify.http.HttpDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Posts to a Slack incoming webhook: a Block Kit message with severity, status, summary, value vs
 * threshold and the runbook link, plus a plain {@code text} fallback for notifications.
 */
public final class SlackNotifier implements Notifier {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_LISTED = 20;

  private final String name;
  private final HttpDelivery http;
  private final String runbookBaseUrl;

  /**
   * @param runbookBaseUrl prefixed to relative runbook paths (null: relative paths shown as text)
   */
  public SlackNotifier(String name, Secret webhookUrl, String runbookBaseUrl, Duration timeout) {
    this.name = Objects.requireNonNull(name, "name");
    this.http = new HttpDelivery(webhookUrl, timeout);
    this.runbookBaseUrl = runbookBaseUrl;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public DeliveryResult deliver(Notification n) {
    try {
      return http.post(n, JSON.writeValueAsBytes(payload(n)), Map.of());
    } catch (JsonProcessingException e) {
      return DeliveryResult.permanent("cannot render slack payload: " + e.getOriginalMessage());
    }
  }

  Map<String, Object> payload(Notification n) {
    return n.single() ? single(n.alert()) : group(n);
  }

  /**
   * A group: a headline, one section per alert (at most {@value #MAX_LISTED}), the rest counted.
   */
  private Map<String, Object> group(Notification n) {
    List<Alert> firing = n.firing();
    String headline =
        "["
            + n.topSeverity()
            + "] "
            + n.status().toUpperCase(Locale.ROOT)
            + ": "
            + title(n)
            + " ("
            + firing.size()
            + " firing, "
            + (n.alerts().size() - firing.size())
            + " resolved)";
    List<Object> blocks = new ArrayList<>();
    blocks.add(Map.of("type", "header", "text", text("plain_text", headline)));
    List<Alert> listed = n.alerts().subList(0, Math.min(MAX_LISTED, n.alerts().size()));
    for (Alert a : listed) {
      StringBuilder line =
          new StringBuilder("*[")
              .append(a.severity())
              .append("] ")
              .append(String.valueOf(a.status()).toUpperCase(Locale.ROOT))
              .append("* ")
              .append(a.title())
              .append(" — ")
              .append(a.summary());
      String runbook = runbookLink(a.runbook());
      if (runbook != null) {
        line.append(" · ").append(runbook);
      }
      blocks.add(Map.of("type", "section", "text", text("mrkdwn", line.toString())));
    }
    int more = n.alerts().size() - listed.size();
    String context = n.group() == null ? "" : labelText(n.group().sortedLabels());
    if (more > 0) {
      context += (context.isEmpty() ? "" : " · ") + "and " + more + " more";
    }
    if (!context.isEmpty()) {
      blocks.add(Map.of("type", "context", "elements", List.of(text("mrkdwn", context))));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", headline);
    body.put("blocks", blocks);
    return body;
  }

  private static String title(Notification n) {
    if (n.group() == null) {
      return n.alerts().size() + " alerts";
    }
    return switch (n.group().kind()) {
      case BUSINESS_DAY -> "next business day batch";
      case DIGEST -> "daily digest";
      case GROUP -> n.alerts().size() + " alerts";
    };
  }

  private Map<String, Object> single(Alert a) {
    String status = String.valueOf(a.status()).toUpperCase(Locale.ROOT);
    String headline = "[" + a.severity() + "] " + status + ": " + a.title();
    List<Object> blocks = new ArrayList<>();
    blocks.add(Map.of("type", "header", "text", text("plain_text", headline)));
    blocks.add(Map.of("type", "section", "text", text("mrkdwn", a.summary())));
    List<Object> fields = new ArrayList<>();
    fields.add(text("mrkdwn", "*Severity*\n" + a.severity()));
    fields.add(text("mrkdwn", "*Status*\n" + a.status()));
    if (a.value() != null) {
      fields.add(text("mrkdwn", "*Value*\n" + AlertmanagerShape.number(a.value())));
    }
    if (a.threshold() != null) {
      fields.add(text("mrkdwn", "*Threshold*\n" + AlertmanagerShape.number(a.threshold())));
    }
    blocks.add(Map.of("type", "section", "fields", fields));
    List<Object> context = new ArrayList<>();
    context.add(text("mrkdwn", "rule `" + a.rule() + "` · " + labels(a)));
    String runbook = runbookLink(a.runbook());
    if (runbook != null) {
      context.add(text("mrkdwn", "Runbook: " + runbook));
    }
    blocks.add(Map.of("type", "context", "elements", context));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", headline + " - " + a.summary());
    body.put("blocks", blocks);
    return body;
  }

  private String runbookLink(String runbook) {
    if (runbook == null || runbook.isBlank()) {
      return null;
    }
    if (runbook.startsWith("http://") || runbook.startsWith("https://")) {
      return "<" + runbook + "|runbook>";
    }
    if (runbookBaseUrl != null) {
      String base = runbookBaseUrl.endsWith("/") ? runbookBaseUrl : runbookBaseUrl + "/";
      return "<" + base + runbook + "|runbook>";
    }
    return "`" + runbook + "`";
  }

  private static String labels(Alert a) {
    if (a.labels() == null || a.labels().isEmpty()) {
      return "no labels";
    }
    return labelText(new java.util.TreeMap<>(a.labels()));
  }

  private static String labelText(Map<String, String> sorted) {
    StringBuilder sb = new StringBuilder();
    sorted.forEach(
        (k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return sb.toString();
  }

  private static Map<String, Object> text(String type, String text) {
    return Map.of("type", type, "text", text == null ? "" : text);
  }

  @Override
  public String toString() {
    return "SlackNotifier[" + name + " -> " + http.redactedUrl() + "]";
  }
}
