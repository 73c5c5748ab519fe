package io.lightcat.alerts.notify.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.Alerts;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.notify.silence.Silence;
import io.lightcat.alerts.notify.silence.Silences;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Grouping, repeats, silences, mute windows, the next-business-day batch and the daily digest on a
 * clock the test moves, with the group state going through JSON into a store that outlives the
 * grouper (as the Kafka topic does).
 */
class AlertGrouperTest {
  // Saturday 2026-11-28, 12:00 UTC (13:00 in Berlin).
  static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

  final EscalatorTest.FakeClock clock = new EscalatorTest.FakeClock(START);
  final JsonStore store = new JsonStore();
  final List<Notification> sent = new ArrayList<>();
  final NotifierMetrics metrics = NotifierMetrics.unregistered();
  NotifierConfig config;
  Silences silences;
  AlertGrouper grouper;

  private void configure(String yaml) {
    configure(yaml, false);
  }

  private void configure(String yaml, boolean escalatesP1) {
    config =
        NotifierConfig.parse(
            "t.yml",
            """
            receivers:
              - {name: team, console: {}}
              - {name: quiet, console: {}, send_resolved: false}
            """
                + yaml);
    silences = new Silences(config.silences());
    grouper =
        new AlertGrouper(
            RoutingPolicy.of(config, silences),
            r -> !r.equals("quiet"),
            escalatesP1,
            store,
            clock,
            metrics);
    grouper.restore();
  }

  /** A new grouper on the same store and configuration: the notifier restarted. */
  private void restart() {
    grouper =
        new AlertGrouper(
            RoutingPolicy.of(config, silences),
            r -> !r.equals("quiet"),
            false,
            store,
            clock,
            metrics);
    grouper.restore();
  }

  private void offer(Alert... alerts) {
    for (Alert a : alerts) {
      grouper.offer(a);
      grouper.flush(sent::addAll);
    }
    grouper.persist();
  }

  private void advance(Duration d) {
    clock.advance(d);
    grouper.flush(sent::addAll);
    grouper.persist();
  }

  private static Alert firing(String id, String service, String severity) {
    return Alerts.alert()
        .id(id)
        .fingerprint("fp-" + id)
        .rule("rule-" + id)
        .severity(severity)
        .label("service", service)
        .build();
  }

  private static Alert resolved(Alert a) {
    return new Alert(
        a.id(),
        a.fingerprint(),
        a.rule(),
        a.ruleVersion(),
        Alert.RESOLVED,
        a.severity(),
        a.title(),
        a.summary(),
        a.labels(),
        a.value(),
        a.threshold(),
        a.window(),
        a.startsAt(),
        "2026-11-28T13:00:00Z",
        a.runbook(),
        a.responseTarget(),
        a.evidence());
  }

  private static List<String> ids(Notification n) {
    return n.alerts().stream().map(a -> a.id() + ":" + a.status()).toList();
  }

  static final String GROUPED =
      """
      route:
        receiver: team
        group_by: [service]
        group_wait: 30s
        group_interval: 5m
      """;

  @Test
  void alertsWithTheSameGroupLabelsGoOutTogetherAfterGroupWait() {
    // given
    configure(GROUPED);

    // when
    offer(firing("a1", "api", "P2"), firing("a2", "api", "P1"), firing("d1", "db", "P2"));
    advance(Duration.ofSeconds(29));

    // then: nothing before group_wait
    assertThat(sent).isEmpty();

    // when
    advance(Duration.ofSeconds(1));

    // then: one notification per group, with all its alerts and its labels
    assertThat(sent).hasSize(2);
    Notification api = sent.get(0);
    assertThat(api.group().labels()).isEqualTo(Map.of("service", "api"));
    assertThat(ids(api)).containsExactly("a1:firing", "a2:firing");
    assertThat(api.topSeverity()).isEqualTo("P1");
    assertThat(ids(sent.get(1))).containsExactly("d1:firing");
    assertThat(api.idempotencyKey()).startsWith("group-");
  }

  @Test
  void updatesGoOutAtMostEveryGroupIntervalAndResolvedAlertsLeaveTheGroup() {
    // given: the api group notified once
    configure(GROUPED);
    Alert a1 = firing("a1", "api", "P2");
    offer(a1);
    advance(Duration.ofSeconds(30));
    assertThat(sent).hasSize(1);

    // when: a second alert a minute later, then a1 resolves
    advance(Duration.ofMinutes(1));
    offer(firing("a2", "api", "P2"));
    advance(Duration.ofMinutes(1));
    offer(resolved(a1));
    advance(Duration.ofMinutes(2));

    // then: not before group_interval since the last notification
    assertThat(sent).hasSize(1);
    advance(Duration.ofSeconds(60)); // 5m after the first notification
    assertThat(sent).hasSize(2);
    assertThat(ids(sent.get(1))).containsExactly("a2:firing", "a1:resolved");
    assertThat(sent.get(1).status()).isEqualTo("firing");

    // and: a1 is done; nothing changed, nothing more
    advance(Duration.ofHours(2));
    assertThat(sent).hasSize(2);
    assertThat(grouper.groups()).singleElement().satisfies(g -> assertThat(g.alerts()).hasSize(1));
  }

  @Test
  void aReceiverWithoutSendResolvedIsNotToldOfResolutions() {
    // given
    configure(
        """
        route:
          receiver: quiet
          group_by: [service]
          group_wait: 10s
          group_interval: 1m
        """);
    Alert a1 = firing("a1", "api", "P2");
    offer(a1);
    advance(Duration.ofSeconds(10));

    // when
    offer(resolved(a1));
    advance(Duration.ofMinutes(5));

    // then
    assertThat(sent).hasSize(1);
    assertThat(grouper.groups()).isEmpty();
  }

  @Test
  void aGroupStillFiringRepeatsEveryRepeatIntervalWithItsOwnKey() {
    // given
    configure(
        """
        route:
          receiver: team
          group_by: [service]
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 1h
        """);
    offer(firing("a1", "api", "P2"));
    advance(Duration.ofSeconds(30));

    // when
    advance(Duration.ofMinutes(59));
    assertThat(sent).hasSize(1);
    advance(Duration.ofMinutes(1));
    advance(Duration.ofHours(1));

    // then
    assertThat(sent).hasSize(3);
    String key = sent.get(0).idempotencyKey();
    assertThat(sent)
        .extracting(Notification::idempotencyKey)
        .containsExactly(key, key + ":repeat-1", key + ":repeat-2");
  }

  @Test
  void p1AlertsAreLeftToTheEscalationsRepeats() {
    // given: escalation repeats P1 itself
    configure(
        """
        route:
          receiver: team
          group_by: [service]
          group_wait: 0s
          repeat_interval: 1h
        """,
        true);

    // when
    offer(firing("p1", "api", "P1"), firing("p2", "db", "P2"));
    advance(Duration.ofHours(1));

    // then: both notified once, only the P2 group repeats
    assertThat(sent)
        .extracting(n -> ids(n).get(0))
        .containsExactly("p1:firing", "p2:firing", "p2:firing");
  }

  @Test
  void withoutGroupByEveryRecordIsSentAtOnceUnderItsOwnKey() {
    // given: no grouping configured
    configure("route: {receiver: team}\n");
    Alert a = firing("a1", "api", "P2");

    // when
    offer(a, resolved(a));

    // then: as before grouping existed
    assertThat(sent)
        .extracting(Notification::idempotencyKey)
        .containsExactly("a1:firing", "a1:resolved");
    assertThat(sent).allSatisfy(n -> assertThat(n.single()).isTrue());
    assertThat(grouper.groups()).isEmpty();
  }

  @Test
  void aSilencedAlertIsHeldWhileTheSilenceLastsAndCounted() {
    // given: a silence from the configuration, 12:00 to 13:00
    configure(
        """
        route: {receiver: team}
        silences:
          - id: maintenance
            matchers: ['service="api"']
            starts_at: 2026-11-28T12:00:00Z
            ends_at: 2026-11-28T13:00:00Z
            comment: db migration
        """);

    // when
    offer(firing("a1", "api", "P2"), firing("d1", "db", "P2"));
    advance(Duration.ofMinutes(30));

    // then: only the unsilenced one, the other counted as suppressed once
    assertThat(sent).extracting(n -> n.alert().id()).containsExactly("d1");
    assertThat(
            metrics
                .registry()
                .find("notifier.alerts.suppressed")
                .tag("reason", "silence")
                .counter()
                .count())
        .isEqualTo(1);

    // when: the silence ends
    advance(Duration.ofMinutes(31));

    // then
    assertThat(sent).extracting(n -> n.alert().id()).containsExactly("d1", "a1");
  }

  @Test
  void aSilenceAddedLaterStopsRepeatsOfAnAlreadyNotifiedGroup() {
    // given
    configure(
        """
        route: {receiver: team, group_by: [service], group_wait: 0s, repeat_interval: 10m}
        """);
    offer(firing("a1", "api", "P2"));
    assertThat(sent).hasSize(1);

    // when: silenced through the API for an hour
    silences.put(
        new Silence(
            "s1",
            List.of(io.lightcat.alerts.notify.LabelMatcher.parse("service=api")),
            clock.instant(),
            clock.instant().plus(Duration.ofHours(1)),
            "alice",
            ""));
    advance(Duration.ofMinutes(30));

    // then: no repeats while silenced, repeats again after
    assertThat(sent).hasSize(1);
    advance(Duration.ofMinutes(40));
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).idempotencyKey()).endsWith(":repeat-1");
  }

  @Test
  void aMutedRouteHoldsAlertsUntilTheWindowEnds() {
    // given: nights on weekdays in Berlin; Monday 2026-11-30 22:30 Berlin = 21:30 UTC
    clock.advance(Duration.between(START, Instant.parse("2026-11-30T21:30:00Z")));
    configure(
        """
        time_intervals:
          - name: weeknights
            time_intervals:
              - weekdays: ['monday:friday']
                times: [{start_time: '22:00', end_time: '24:00'}, {start_time: '00:00', end_time: '07:00'}]
                location: Europe/Berlin
        route:
          receiver: team
          routes:
            - matchers: ['severity=~"P2|P3"']
              mute_time_intervals: [weeknights]
        """);

    // when: a P2 (muted route) and a P1 (root, not muted)
    offer(firing("p2", "api", "P2"), firing("p1", "api", "P1"));
    advance(Duration.ofHours(8)); // Tuesday 06:30 Berlin

    // then
    assertThat(sent).extracting(n -> n.alert().id()).containsExactly("p1");
    assertThat(
            metrics
                .registry()
                .find("notifier.alerts.suppressed")
                .tag("reason", "mute")
                .counter()
                .count())
        .isEqualTo(1);

    // when: 07:00 Berlin has passed
    advance(Duration.ofMinutes(31));

    // then
    assertThat(sent).extracting(n -> n.alert().id()).containsExactly("p1", "p2");
  }

  static final String BATCHING =
      """
      route: {receiver: team}
      batching:
        timezone: Europe/Berlin
        business_hours: {weekdays: ['monday:friday'], start: '09:00', end: '17:00'}
        digest_at: '08:00'
      """;

  @Test
  void p3OutsideBusinessHoursWaitsForTheNextBusinessDayAsOneBatch() {
    // given: Saturday 13:00 Berlin
    configure(BATCHING);

    // when: three P3 over the weekend, one resolved before Monday
    Alert gone = firing("c", "db", "P3");
    offer(firing("a", "api", "P3"), firing("b", "web", "P3"), gone);
    advance(Duration.ofHours(20));
    offer(resolved(gone));
    advance(Duration.ofHours(30)); // Monday 15:00 Berlin: the batch went at 09:00

    // then: at Monday 09:00 Berlin, one notification listing what still fires
    assertThat(sent).hasSize(1);
    Notification batch = sent.get(0);
    assertThat(batch.group().kind()).isEqualTo(Notification.Kind.BUSINESS_DAY);
    assertThat(ids(batch)).containsExactly("a:firing", "b:firing");
  }

  @Test
  void p3InsideBusinessHoursIsNotifiedAtOnce() {
    // given: Monday 10:00 Berlin
    clock.advance(Duration.between(START, Instant.parse("2026-11-30T09:00:00Z")));
    configure(BATCHING);

    // when
    offer(firing("a", "api", "P3"));

    // then
    assertThat(sent).singleElement().satisfies(n -> assertThat(n.single()).isTrue());
  }

  @Test
  void p4GoesIntoTheDailyDigestOnceADay() {
    // given
    configure(BATCHING);

    // when: P4s during Saturday afternoon, one resolved in the evening
    Alert short1 = firing("x", "api", "P4");
    offer(firing("w", "web", "P4"), short1);
    advance(Duration.ofHours(5));
    offer(resolved(short1));
    advance(Duration.ofHours(13)); // Sunday 07:00 Berlin

    // then: nothing yet
    assertThat(sent).isEmpty();

    // when: 08:00 Berlin
    advance(Duration.ofHours(1));

    // then: one digest with both, x as resolved
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).group().kind()).isEqualTo(Notification.Kind.DIGEST);
    assertThat(ids(sent.get(0))).containsExactly("w:firing", "x:resolved");

    // and: the next day's digest lists what still fires, under a new key
    advance(Duration.ofDays(1));
    assertThat(sent).hasSize(2);
    assertThat(ids(sent.get(1))).containsExactly("w:firing");
    assertThat(sent.get(1).idempotencyKey()).isNotEqualTo(sent.get(0).idempotencyKey());
  }

  @Test
  void aRestartMidGroupLosesNothingAndARedeliveredRecordIsNoDuplicate() {
    // given: two alerts held in their group_wait
    configure(GROUPED);
    Alert a1 = firing("a1", "api", "P2");
    offer(a1, firing("a2", "api", "P2"));
    advance(Duration.ofSeconds(10));

    // when: the notifier restarts, and the last record comes again (its offset was not committed)
    restart();
    offer(firing("a2", "api", "P2"));
    advance(Duration.ofSeconds(20));

    // then: the group goes out once, with both, on the original schedule
    assertThat(sent).hasSize(1);
    assertThat(ids(sent.get(0))).containsExactly("a1:firing", "a2:firing");

    // when: restarted again after the notification, the same records replayed
    restart();
    offer(a1, firing("a2", "api", "P2"));
    advance(Duration.ofMinutes(10));

    // then: no duplicate
    assertThat(sent).hasSize(1);
  }

  /** Groups kept as JSON, as in the state topic, so a restart reads back what was written. */
  static final class JsonStore implements GroupStore {
    static final ObjectMapper JSON =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    final Map<String, byte[]> values = new LinkedHashMap<>();

    @Override
    public Map<String, AlertGroup> loadAll() {
      Map<String, AlertGroup> out = new LinkedHashMap<>();
      values.forEach(
          (k, v) -> {
            try {
              out.put(k, JSON.readValue(v, AlertGroup.class));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      return out;
    }

    @Override
    public void write(Collection<AlertGroup> changed, Collection<String> deleted) {
      for (AlertGroup g : changed) {
        try {
          values.put(g.key(), JSON.writeValueAsBytes(g));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      deleted.forEach(values::remove);
    }
  }
}
