package io.lightcat.alerts.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.lightcat.alerts.notify.alertmanager.AlertmanagerNotifier;
import io.lightcat.alerts.notify.http.HttpDelivery;
import io.lightcat.alerts.notify.pagerduty.PagerDutyNotifier;
import io.lightcat.alerts.notify.pipeline.BreakerPolicy;
import io.lightcat.alerts.notify.pipeline.ReliableNotifier;
import io.lightcat.alerts.notify.pipeline.RetryPolicy;
import io.lightcat.alerts.notify.slack.SlackNotifier;
import io.lightcat.alerts.notify.webhook.WebhookNotifier;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every HTTP receiver keeps (like Alertmanager's {@code notify/test}): 2xx ok with the
 * idempotency key sent; 5xx and 429 retryable and retried; other 4xx permanent and not retried;
 * secrets never in reasons, logs or {@code toString}, not even when the server echoes them.
 */
class HttpReceiverContractTest {
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** One receiver under test: how to build it against a base URL, where it posts, its secrets. */
  record Case(String name, Function<String, Notifier> factory, String path, List<String> secrets) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> receivers() {
    return Stream.of(
            new Case(
                "webhook",
                base ->
                    new WebhookNotifier(
                        "hook",
                        Secret.of(base + "/hooks/SECRET-WEBHOOK-PATH"),
                        Secret.of("SECRET-HMAC-KEY"),
                        TIMEOUT),
                "/hooks/SECRET-WEBHOOK-PATH",
                List.of("SECRET-WEBHOOK-PATH", "SECRET-HMAC-KEY")),
            new Case(
                "slack",
                base ->
                    new SlackNotifier(
                        "slack",
                        Secret.of(base + "/services/T0/B0/SECRET-SLACK-TOKEN"),
                        null,
                        TIMEOUT),
                "/services/T0/B0/SECRET-SLACK-TOKEN",
                List.of("SECRET-SLACK-TOKEN")),
            new Case(
                "pagerduty",
                base ->
                    new PagerDutyNotifier(
                        "pd", Secret.of("SECRET-ROUTING-KEY"), base + "/v2/enqueue", TIMEOUT),
                "/v2/enqueue",
                List.of("SECRET-ROUTING-KEY")),
            new Case(
                "alertmanager",
                base ->
                    new AlertmanagerNotifier(
                        "am", Secret.of(base + "/SECRET-AM-PREFIX"), TIMEOUT, Clock.systemUTC()),
                "/SECRET-AM-PREFIX/api/v2/alerts",
                List.of("SECRET-AM-PREFIX")))
        .map(Arguments::of);
  }

  private static Notifier notifier(Case c) {
    return c.factory().apply(server.baseUrl());
  }

  private static Notification notification() {
    return Notification.of(Alerts.alert().build(), "receiver");
  }

  private static void answer(int status, String body) {
    server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(status).withBody(body)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("receivers")
  void okSendsTheIdempotencyKey(Case c) {
    // given
    answer(202, "{}");
    // when
    DeliveryResult result = notifier(c).deliver(notification());
    // then
    assertThat(result).isEqualTo(DeliveryResult.ok());
    server.verify(
        1,
        postRequestedFor(urlPathEqualTo(c.path()))
            .withHeader(HttpDelivery.IDEMPOTENCY_HEADER, equalTo("a-1:firing"))
            .withHeader("Content-Type", equalTo("application/json")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("receivers")
  void serverErrorsAndRateLimitsAreRetryable(Case c) {
    for (int status : new int[] {500, 502, 503, 429}) {
      answer(status, "busy");
      assertThat(notifier(c).deliver(notification()))
          .as("HTTP %d", status)
          .isInstanceOf(DeliveryResult.Retryable.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("receivers")
  void clientErrorsArePermanent(Case c) {
    for (int status : new int[] {400, 401, 403, 404}) {
      answer(status, "no");
      assertThat(notifier(c).deliver(notification()))
          .as("HTTP %d", status)
          .isInstanceOf(DeliveryResult.Permanent.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("receivers")
  void retriesA503UntilTheServerRecovers(Case c) {
    // given: 503, 429, then 200
    server.stubFor(
        post(anyUrl())
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("limited"));
    server.stubFor(
        post(anyUrl())
            .inScenario("flaky")
            .whenScenarioStateIs("limited")
            .willReturn(aResponse().withStatus(429))
            .willSetStateTo("up"));
    server.stubFor(
        post(anyUrl())
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(200)));
    // when
    ReliableNotifier.Outcome outcome = reliable(notifier(c)).deliver(notification());
    // then
    assertThat(outcome.delivered()).isTrue();
    assertThat(outcome.attempts()).isEqualTo(3);
    server.verify(
        3,
        postRequestedFor(urlPathEqualTo(c.path()))
            .withHeader(HttpDelivery.IDEMPOTENCY_HEADER, equalTo("a-1:firing")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("receivers")
  void doesNotRetryA400(Case c) {
    answer(400, "bad request");
    ReliableNotifier.Outcome outcome = reliable(notifier(c)).deliver(notification());
    assertThat(outcome.result()).isInstanceOf(DeliveryResult.Permanent.class);
    assertThat(outcome.attempts()).isEqualTo(1);
    server.verify(1, postRequestedFor(urlPathEqualTo(c.path())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("receivers")
  void leaksNoSecret(Case c) throws IOException {
    String echo = "you sent " + String.join(" and ", c.secrets()) + " to " + c.path();
    try (LogCapture logs = new LogCapture()) {
      StringBuilder seen = new StringBuilder();
      Notifier n = notifier(c);
      seen.append(n).append('\n');
      for (int status : new int[] {400, 503}) {
        answer(status, echo);
        ReliableNotifier.Outcome o = reliable(n).deliver(notification());
        seen.append(o).append('\n');
      }
      // A server that is gone: the I/O error path.
      int closedPort;
      try (ServerSocket s = new ServerSocket(0)) {
        closedPort = s.getLocalPort();
      }
      Notifier unreachable = c.factory().apply("http://127.0.0.1:" + closedPort);
      DeliveryResult io = unreachable.deliver(notification());
      assertThat(io).isInstanceOf(DeliveryResult.Retryable.class);
      seen.append(io).append('\n').append(unreachable).append('\n');
      seen.append(logs.text());

      assertThat(logs.size()).as("failures are logged").isGreaterThan(0);
      for (String secret : c.secrets()) {
        assertThat(seen.toString()).doesNotContain(secret);
      }
      assertThat(seen.toString()).contains("http://127.0.0.1:");
    }
  }

  private static ReliableNotifier reliable(Notifier n) {
    return new ReliableNotifier(
        n,
        true,
        new RetryPolicy(
            4, Duration.ofMillis(5), Duration.ofMillis(20), 2.0, 0.5, Duration.ofSeconds(5)),
        new BreakerPolicy(50, 100, 100, Duration.ofSeconds(30)));
  }
}
