package io.lightcat.alerts.notify.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.AlertmanagerShape;
import io.lightcat.alerts.notify.DeliveryResult;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.notify.Notifier;
import io.lightcat.alerts.notify.Secret;
import io.lightcat.alerts.notify.http.HttpDelivery;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs Alertmanager's webhook payload (version 4) so existing webhook consumers work unchanged.
 * With a secret configured, {@code X-Signature: sha256=<hex HMAC-SHA256 of the body>} lets the
 * receiver verify the sender.
 */
public final class WebhookNotifier implements Notifier {
  public static final String SIGNATURE_HEADER = "X-Signature";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final HttpDelivery http;
  private final Secret hmacSecret;

  /**
   * @param hmacSecret null to send unsigned requests
   */
  public WebhookNotifier(String name, Secret url, Secret hmacSecret, Duration timeout) {
    this.name = Objects.requireNonNull(name, "name");
    this.hmacSecret = hmacSecret;
    this.http =
        hmacSecret == null
            ? new HttpDelivery(url, timeout)
            : new HttpDelivery(url, timeout, hmacSecret);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public DeliveryResult deliver(Notification n) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(payload(n));
    } catch (JsonProcessingException e) {
      return DeliveryResult.permanent("cannot render webhook payload: " + e.getOriginalMessage());
    }
    Map<String, String> headers =
        hmacSecret == null
            ? Map.of()
            : Map.of(SIGNATURE_HEADER, "sha256=" + hmac(hmacSecret, body));
    return http.post(n, body, headers);
  }

  /**
   * Alertmanager's webhook v4 JSON: every alert of the notification in {@code alerts}; a single
   * alert record is its own group (key = fingerprint, group label {@code alertname}).
   */
  static Map<String, Object> payload(Notification n) {
    List<Object> alerts = new ArrayList<>();
    for (Alert a : n.alerts()) {
      Map<String, Object> alert = new LinkedHashMap<>();
      alert.put("status", a.status());
      alert.put("labels", AlertmanagerShape.labels(a));
      alert.put("annotations", AlertmanagerShape.annotations(a));
      alert.put("startsAt", a.startsAt());
      alert.put("endsAt", a.endsAt() == null ? AlertmanagerShape.ZERO_TIME : a.endsAt());
      alert.put("generatorURL", "");
      alert.put("fingerprint", a.fingerprint());
      alerts.add(alert);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", "4");
    body.put("groupKey", n.group() == null ? n.alert().fingerprint() : n.group().key());
    body.put("truncatedAlerts", 0);
    body.put("status", n.status());
    body.put("receiver", n.receiver());
    body.put(
        "groupLabels",
        n.group() == null ? Map.of("alertname", n.alert().rule()) : n.group().sortedLabels());
    body.put("commonLabels", AlertmanagerShape.commonLabels(n.alerts()));
    body.put("commonAnnotations", AlertmanagerShape.commonAnnotations(n.alerts()));
    body.put("externalURL", "");
    body.put("alerts", alerts);
    body.put("idempotencyKey", n.idempotencyKey());
    return body;
  }

  /** Lower-case hex HMAC-SHA256 of {@code body}. */
  public static String hmac(Secret secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookNotifier[" + name + " -> " + http.redactedUrl() + "]";
  }
}
