package io.lightcat.alerts.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lightcat.alerts.notify.alertmanager.AlertmanagerNotifier;
import io.lightcat.alerts.notify.pagerduty.PagerDutyNotifier;
import io.lightcat.alerts.notify.slack.SlackNotifier;
import io.lightcat.alerts.notify.webhook.WebhookNotifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exact payloads each HTTP receiver sends, as a stand-in server receives them. */
class ReceiverPayloadTest {
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final Duration TIMEOUT = Duration.ofSeconds(5);

  @BeforeEach
  void up() {
    server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
  }

  @Test
  void slackSendsABlockKitMessage() {
    SlackNotifier slack =
        new SlackNotifier(
            "ops",
            Secret.of(server.baseUrl() + "/services/T/B/x"),
            "https://git.example/runbooks/",
            TIMEOUT);

    assertThat(slack.deliver(Notification.of(Alerts.alert().build(), "ops")))
        .isEqualTo(DeliveryResult.ok());

    server.verify(
        postRequestedFor(urlPathEqualTo("/services/T/B/x"))
            .withRequestBody(
                equalToJson(
                    """
                    {"text": "[P1] FIRING: API error rate high - api error rate 6.2% > 5% over 5m",
                     "blocks": [
                      {"type": "header", "text": {"type": "plain_text",
                        "text": "[P1] FIRING: API error rate high"}},
                      {"type": "section", "text": {"type": "mrkdwn",
                        "text": "api error rate 6.2% > 5% over 5m"}},
                      {"type": "section", "fields": [
                        {"type": "mrkdwn", "text": "*Severity*\\nP1"},
                        {"type": "mrkdwn", "text": "*Status*\\nfiring"},
                        {"type": "mrkdwn", "text": "*Value*\\n0.062"},
                        {"type": "mrkdwn", "text": "*Threshold*\\n0.05"}]},
                      {"type": "context", "elements": [
                        {"type": "mrkdwn", "text": "rule `api-error-rate` · service=api"},
                        {"type": "mrkdwn", "text": "Runbook: <https://git.example/runbooks/alert-rules/playbooks/high-load.md|runbook>"}]}
                     ]}
                    """)));
  }

  @Test
  void pagerDutyTriggersAndResolvesWithTheFingerprintAsDedupKey() {
    PagerDutyNotifier pd =
        new PagerDutyNotifier(
            "pd", Secret.of("R0UTING"), server.baseUrl() + "/v2/enqueue", TIMEOUT);

    pd.deliver(Notification.of(Alerts.alert().severity("P3").build(), "pd"));
    pd.deliver(
        Notification.of(
            Alerts.alert().severity("P3").resolved("2026-11-28T12:10:00Z").build(), "pd"));

    List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo("/v2/enqueue")));
    assertThat(requests).hasSize(2);
    assertThat(
            equalToJson(
                    """
                {"routing_key": "R0UTING", "event_action": "trigger",
                 "dedup_key": "api-error-rate|service=api",
                 "payload": {"summary": "[P3] api error rate 6.2% > 5% over 5m", "source": "api",
                   "severity": "warning", "component": "api-error-rate",
                   "custom_details": {"alert_id": "a-1", "rule": "api-error-rate",
                     "title": "API error rate high", "labels": {"service": "api"},
                     "value": 0.062, "threshold": 0.05, "starts_at": "2026-11-28T12:00:00Z",
                     "runbook": "alert-rules/playbooks/high-load.md",
                     "idempotency_key": "a-1:firing"}}}
                """)
                .match(requests.get(0).getBodyAsString())
                .isExactMatch())
        .isTrue();
    assertThat(
            equalToJson(
                    """
                {"routing_key": "R0UTING", "event_action": "resolve",
                 "dedup_key": "api-error-rate|service=api"}
                """)
                .match(requests.get(1).getBodyAsString())
                .isExactMatch())
        .isTrue();
  }

  @Test
  void pagerDutySeverityFromP1ToP4() {
    assertThat(List.of("P1", "P2", "P3", "P4", "P9").stream().map(PagerDutyNotifier::severity))
        .containsExactly("critical", "error", "warning", "info", "error");
  }

  @Test
  void webhookSendsAlertmanagerV4JsonSignedWithHmacSha256() {
    WebhookNotifier hook =
        new WebhookNotifier(
            "hook", Secret.of(server.baseUrl() + "/hook"), Secret.of("k3y"), TIMEOUT);

    hook.deliver(Notification.of(Alerts.alert().build(), "hook"));

    LoggedRequest request = server.findAll(postRequestedFor(urlPathEqualTo("/hook"))).get(0);
    String expectedSignature =
        "sha256=" + WebhookNotifier.hmac(Secret.of("k3y"), request.getBody());
    assertThat(request.getHeader(WebhookNotifier.SIGNATURE_HEADER)).isEqualTo(expectedSignature);
    // Independent check of the HMAC with a known vector (RFC 4231-style, computed by openssl).
    assertThat(
            WebhookNotifier.hmac(
                Secret.of("key"),
                "The quick brown fox jumps over the lazy dog"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    assertThat(
            equalToJson(
                    """
                {"version": "4", "groupKey": "api-error-rate|service=api", "truncatedAlerts": 0,
                 "status": "firing", "receiver": "hook",
                 "groupLabels": {"alertname": "api-error-rate"},
                 "commonLabels": {"alertname": "api-error-rate", "service": "api", "severity": "P1"},
                 "commonAnnotations": {"runbook_url": "alert-rules/playbooks/high-load.md",
                   "summary": "api error rate 6.2% > 5% over 5m", "threshold": "0.05",
                   "title": "API error rate high", "value": "0.062"},
                 "externalURL": "",
                 "alerts": [{"status": "firing",
                   "labels": {"alertname": "api-error-rate", "service": "api", "severity": "P1"},
                   "annotations": {"runbook_url": "alert-rules/playbooks/high-load.md",
                     "summary": "api error rate 6.2% > 5% over 5m", "threshold": "0.05",
                     "title": "API error rate high", "value": "0.062"},
                   "startsAt": "2026-11-28T12:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
                   "generatorURL": "", "fingerprint": "api-error-rate|service=api"}],
                 "idempotencyKey": "a-1:firing"}
                """)
                .match(request.getBodyAsString())
                .isExactMatch())
        .isTrue();
  }

  @Test
  void alertmanagerPostsV2AlertsAndEndsAtOnResolve() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:30:00Z"), ZoneOffset.UTC);
    AlertmanagerNotifier am =
        new AlertmanagerNotifier("am", Secret.of(server.baseUrl()), TIMEOUT, clock);

    am.deliver(Notification.of(Alerts.alert().build(), "am"));
    am.deliver(Notification.of(Alerts.alert().resolved(null).build(), "am"));

    server.verify(
        postRequestedFor(urlPathEqualTo("/api/v2/alerts"))
            .withHeader("Idempotency-Key", equalTo("a-1:firing"))
            .withRequestBody(
                equalToJson(
                    """
                    [{"labels": {"alertname": "api-error-rate", "service": "api", "severity": "P1"},
                      "annotations": {"runbook_url": "alert-rules/playbooks/high-load.md",
                        "summary": "api error rate 6.2% > 5% over 5m", "threshold": "0.05",
                        "title": "API error rate high", "value": "0.062"},
                      "startsAt": "2026-11-28T12:00:00Z"}]
                    """)));
    server.verify(
        postRequestedFor(urlPathEqualTo("/api/v2/alerts"))
            .withHeader("Idempotency-Key", equalTo("a-1:resolved"))
            .withRequestBody(
                equalToJson(
                    """
                    [{"labels": {"alertname": "api-error-rate", "service": "api", "severity": "P1"},
                      "annotations": {"runbook_url": "alert-rules/playbooks/high-load.md",
                        "summary": "api error rate 6.2% > 5% over 5m", "threshold": "0.05",
                        "title": "API error rate high", "value": "0.062"},
                      "startsAt": "2026-11-28T12:00:00Z", "endsAt": "2026-11-28T12:30:00Z"}]
                    """)));
  }
}
