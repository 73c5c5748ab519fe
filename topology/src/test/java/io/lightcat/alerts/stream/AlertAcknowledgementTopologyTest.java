package io.lightcat.alerts.stream;

import static io.lightcat.alerts.stream.RuleEngineDriver.req;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.lifecycle.Acknowledgement;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.lifecycle.AlertAction;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Acknowledgements written to {@code alert-actions} show on the queried alerts: for the episode
 * they were made for only, whatever else the topic holds.
 */
class AlertAcknowledgementTopologyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ERROR_RATE =
      """
      - id: high-error-rate
        title: High API error rate
        source: requests
        groupBy: [service]
        window: 5m
        resolution: 10s
        measure: { ratio: status >= 500 }
        minEvents: 10
        severity: { P1: "> 0.05" }
      """;
  private static final Instant ACKED_AT = Instant.parse("2026-11-28T12:01:00Z");

  private static void failing(RuleEngineDriver d, String service, int fromSecond) {
    for (int i = 0; i < 20; i++) {
      d.request(Duration.ofSeconds(fromSecond + i), req(service, 500, 50));
    }
  }

  private static void healthy(RuleEngineDriver d, String service, int fromSecond) {
    for (int i = 0; i < 40; i++) {
      d.request(Duration.ofSeconds(fromSecond + i * 10L), req(service, 200, 50));
    }
  }

  private static void ack(RuleEngineDriver d, AlertAction action) throws Exception {
    d.action(action.fingerprint(), JSON.writeValueAsString(action));
  }

  private static Alert queried(RuleEngineDriver d, String service) {
    return d.queriedAlerts().stream()
        .filter(a -> service.equals(a.labels().get("service")))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anAckOfTheFiringEpisodeShowsWhoAndWhen() throws Exception {
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_RATE)) {
      // given two firing alerts
      failing(d, "api", 0);
      failing(d, "auth", 0);
      Alert api = queried(d, "api");
      assertThat(api.acknowledged()).isNull();

      // when the api one is acknowledged
      ack(d, AlertAction.ack(api, "alice", ACKED_AT));

      // then that one shows it, the other does not
      assertThat(queried(d, "api").acknowledged())
          .isEqualTo(new Acknowledgement("alice", ACKED_AT.toString()));
      assertThat(queried(d, "api").withAcknowledgement(null)).isEqualTo(api);
      assertThat(queried(d, "auth").acknowledged()).isNull();
    }
  }

  @Test
  void theAckStaysWithItsEpisodeAfterResolutionButNotWithTheNextFiring() throws Exception {
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_RATE)) {
      // given an acknowledged episode that resolved
      failing(d, "api", 0);
      Alert first = queried(d, "api");
      ack(d, AlertAction.ack(first, "alice", ACKED_AT));
      healthy(d, "api", 30);
      Alert resolved = queried(d, "api");
      assertThat(resolved.status()).isEqualTo("resolved");
      assertThat(resolved.acknowledged()).isNotNull();

      // when the same fingerprint fires again
      failing(d, "api", 500);

      // then the new episode is not acknowledged
      Alert second = queried(d, "api");
      assertThat(second.status()).isEqualTo("firing");
      assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
      assertThat(second.id()).isNotEqualTo(first.id());
      assertThat(second.acknowledged()).isNull();
    }
  }

  @Test
  void anAckWithoutEpisodeHoldsForTheEpisodeCurrentWhenItWasMade() throws Exception {
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_RATE)) {
      // given a firing alert
      failing(d, "api", 0);
      Alert api = queried(d, "api");
      Instant startsAt = Instant.parse(api.startsAt());

      // when an ack written without alertId predates the episode
      ack(
          d,
          new AlertAction("ack", api.fingerprint(), null, "bob", startsAt.minusSeconds(60) + ""));

      // then it does not hold; one made after the start does
      assertThat(queried(d, "api").acknowledged()).isNull();
      ack(d, new AlertAction("ack", api.fingerprint(), null, "bob", startsAt.plusSeconds(1) + ""));
      assertThat(queried(d, "api").acknowledged().by()).isEqualTo("bob");
    }
  }

  @Test
  void silencesAndMalformedActionsAreIgnoredAndTheEngineGoesOn() {
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_RATE)) {
      // given silences and garbage on the actions topic, one under the alert's fingerprint
      failing(d, "api", 0);
      String fingerprint = queried(d, "api").fingerprint();
      d.action("silence:abc", "{\"action\":\"silence\",\"id\":\"abc\",\"matchers\":[]}");
      d.action(fingerprint, "not json {");

      // when more events arrive
      failing(d, "auth", 10);

      // then nothing is acknowledged and the engine kept evaluating
      assertThat(d.queriedAlerts())
          .hasSize(2)
          .allSatisfy(a -> assertThat(a.acknowledged()).isNull());
    }
  }

  @Test
  void alertRecordsOnTheTopicCarryNoAcknowledgedField() throws Exception {
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_RATE)) {
      // when an alert fires and is acknowledged
      failing(d, "api", 0);
      ack(d, AlertAction.ack(queried(d, "api"), "alice", ACKED_AT));
      healthy(d, "api", 30);

      // then its records on the alerts topic are unchanged: no acknowledged field
      assertThat(d.alerts()).hasSize(2);
      for (Alert a : d.alerts()) {
        assertThat(JSON.valueToTree(a).has("acknowledged")).isFalse();
      }
      // and the queried one round-trips through JSON, as peers read it
      Alert acked = queried(d, "api");
      assertThat(JSON.readValue(JSON.writeValueAsString(acked), Alert.class)).isEqualTo(acked);
    }
  }
}
