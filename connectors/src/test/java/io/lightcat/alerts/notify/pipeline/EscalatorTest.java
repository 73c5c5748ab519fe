package io.lightcat.alerts.notify.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.Alerts;
import io.lightcat.alerts.notify.LabelMatcher;
import io.lightcat.alerts.notify.Notification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Escalation timers on a controllable clock, state in a store that outlives the escalator. */
class EscalatorTest {
  static final EscalationPolicy POLICY =
      new EscalationPolicy("lead", Duration.ofMinutes(15), Duration.ofHours(2));
  static final Route ROUTE =
      new Route(
          List.of(),
          "team",
          false,
          List.of(
              new Route(List.of(LabelMatcher.parse("severity=P1")), "pager", false, List.of())));

  final FakeClock clock = new FakeClock(Instant.parse("2026-11-28T12:00:00Z"));
  final MemoryStore store = new MemoryStore();
  final List<Notification> sent = new ArrayList<>();
  Escalator escalator = new Escalator(POLICY, ROUTE, store, clock);

  static final Alert P1 = Alerts.alert().id("e1").fingerprint("fp1").severity("P1").build();
  static final Alert P2 = Alerts.alert().id("e2").fingerprint("fp2").severity("P2").build();

  private List<String> keysSentTo(String receiver) {
    return sent.stream()
        .filter(n -> n.receiver().equals(receiver))
        .map(Notification::idempotencyKey)
        .toList();
  }

  private void advance(Duration d) {
    clock.advance(d);
    escalator.tick(sent::addAll);
  }

  @Test
  void anUnacknowledgedP1GoesToTheEscalationReceiverAndRepeatsEveryInterval() {
    // given
    escalator.onAlert(P1, sent::addAll);

    // then: escalation receiver at once
    assertThat(keysSentTo("lead")).containsExactly("e1:firing:escalation");

    // when: just short of the interval, then past it twice
    advance(Duration.ofMinutes(14));
    assertThat(sent).hasSize(1);
    advance(Duration.ofMinutes(1));
    advance(Duration.ofMinutes(15));

    // then: each repeat to the routed receiver and the escalation receiver, with its own key
    assertThat(keysSentTo("pager")).containsExactly("e1:firing:repeat-1", "e1:firing:repeat-2");
    assertThat(keysSentTo("lead"))
        .containsExactly("e1:firing:escalation", "e1:firing:repeat-1", "e1:firing:repeat-2");
  }

  @Test
  void anAcknowledgedP1StopsRepeating() {
    // given
    escalator.onAlert(P1, sent::addAll);
    advance(Duration.ofMinutes(15));
    assertThat(keysSentTo("pager")).containsExactly("e1:firing:repeat-1");

    // when
    clock.advance(Duration.ofMinutes(1));
    escalator.onAck("fp1", null, clock.instant());
    advance(Duration.ofHours(3));

    // then
    assertThat(keysSentTo("pager")).containsExactly("e1:firing:repeat-1");
    assertThat(store.get("fp1").acked()).isTrue();
  }

  @Test
  void aRedeliveredRecordOfAnAcknowledgedP1DoesNotRestartIt() {
    // given
    escalator.onAlert(P1, sent::addAll);
    escalator.onAck("fp1", "e1", clock.instant());

    // when: the same record again (a crash before its offset was committed)
    escalator.onAlert(P1, sent::addAll);
    advance(Duration.ofHours(1));

    // then
    assertThat(sent).hasSize(1);
  }

  @Test
  void aResolvedP1StopsRepeatingAndIsForgotten() {
    // given
    escalator.onAlert(P1, sent::addAll);

    // when
    escalator.onAlert(
        Alerts.alert().id("e1").fingerprint("fp1").resolved("t").build(), sent::addAll);
    advance(Duration.ofHours(1));

    // then
    assertThat(sent).hasSize(1);
    assertThat(store.get("fp1")).isNull();
  }

  @Test
  void anAckOfAnEarlierEpisodeOrAnotherAlertIdIsIgnored() {
    // given
    Instant before = clock.instant().minusSeconds(1);
    escalator.onAlert(P1, sent::addAll);

    // when
    escalator.onAck("fp1", null, before);
    escalator.onAck("fp1", "other-episode", clock.instant());
    advance(Duration.ofMinutes(15));

    // then
    assertThat(keysSentTo("pager")).containsExactly("e1:firing:repeat-1");
  }

  @Test
  void aP2EscalatesOnceWhenNotAcknowledgedWithinTwoHours() {
    // given
    escalator.onAlert(P2, sent::addAll);

    // when
    advance(Duration.ofMinutes(119));
    assertThat(sent).isEmpty();
    advance(Duration.ofMinutes(1));
    advance(Duration.ofHours(5));

    // then
    assertThat(sent)
        .extracting(Notification::receiver, Notification::idempotencyKey)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("lead", "e2:firing:escalation"));
  }

  @Test
  void anAcknowledgedP2DoesNotEscalate() {
    // given
    escalator.onAlert(P2, sent::addAll);
    clock.advance(Duration.ofMinutes(30));

    // when
    escalator.onAck("fp2", null, clock.instant());
    advance(Duration.ofHours(3));

    // then
    assertThat(sent).isEmpty();
  }

  @Test
  void p3AndP4DoNotEscalate() {
    // when
    escalator.onAlert(
        Alerts.alert().id("e3").fingerprint("fp3").severity("P3").build(), sent::addAll);
    escalator.onAlert(
        Alerts.alert().id("e4").fingerprint("fp4").severity("P4").build(), sent::addAll);
    advance(Duration.ofDays(1));

    // then
    assertThat(sent).isEmpty();
    assertThat(store.states).isEmpty();
  }

  @Test
  void timersSurviveARestartThroughTheStore() {
    // given
    escalator.onAlert(P1, sent::addAll);
    advance(Duration.ofMinutes(15));

    // when: a new escalator on the same store (the notifier restarted)
    escalator = new Escalator(POLICY, ROUTE, store, clock);
    advance(Duration.ofMinutes(10));
    assertThat(keysSentTo("pager")).containsExactly("e1:firing:repeat-1");
    advance(Duration.ofMinutes(5));

    // then: the repeat count and schedule carried on
    assertThat(keysSentTo("pager")).containsExactly("e1:firing:repeat-1", "e1:firing:repeat-2");
  }

  @Test
  void aP2RaisedToP1EscalatesAtOnce() {
    // given
    escalator.onAlert(
        Alerts.alert().id("e5").fingerprint("fp5").severity("P2").build(), sent::addAll);

    // when
    escalator.onAlert(
        Alerts.alert().id("e5").fingerprint("fp5").severity("P1").build(), sent::addAll);
    advance(Duration.ofMinutes(15));

    // then
    assertThat(keysSentTo("lead")).containsExactly("e5:firing:escalation", "e5:firing:repeat-1");
  }

  static final class MemoryStore implements EscalationStore {
    final Map<String, EscalationState> states = new HashMap<>();

    @Override
    public Map<String, EscalationState> loadAll() {
      return Map.copyOf(states);
    }

    @Override
    public void put(String fingerprint, EscalationState state) {
      states.put(fingerprint, state);
    }

    @Override
    public void delete(String fingerprint) {
      states.remove(fingerprint);
    }

    EscalationState get(String fingerprint) {
      return states.get(fingerprint);
    }
  }

  /** A clock the test moves by hand. */
  static final class FakeClock extends Clock {
    private Instant now;

    FakeClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
