package io.lightcat.alerts.notify.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading the notifier configuration: golden fixtures and file:line errors. */
class NotifierConfigTest {
  static final Map<String, String> ENV =
      Map.of(
          "SLACK_WEBHOOK_URL", "https://hooks.slack.example/services/T/B/tok",
          "PD_ROUTING_KEY", "rk",
          "HOOK_SECRET", "hs",
          "SMTP_PASSWORD", "pw");

  @Test
  void loadsTheFullFixture() {
    NotifierConfig config = NotifierConfig.load(Path.of("src/test/resources/config/full.yml"));

    assertThat(config.receivers())
        .extracting(NotifierConfig.ReceiverConfig::name, NotifierConfig.ReceiverConfig::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("stdout", "console"),
            org.assertj.core.groups.Tuple.tuple("ops-slack", "slack"),
            org.assertj.core.groups.Tuple.tuple("pager", "pagerduty"),
            org.assertj.core.groups.Tuple.tuple("payments-hook", "webhook"),
            org.assertj.core.groups.Tuple.tuple("mail", "email"),
            org.assertj.core.groups.Tuple.tuple("am", "alertmanager"));
    NotifierConfig.ReceiverConfig pager = config.receivers().get(2);
    assertThat(pager.retry().maxAttempts()).isEqualTo(8);
    assertThat(pager.retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.receivers().get(4).sendResolved()).isFalse();
    assertThat(config.circuitBreaker().openFor()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.escalation())
        .isEqualTo(new EscalationPolicy("pager", Duration.ofMinutes(15), Duration.ofHours(2)));

    Map<String, ReliableNotifier> built =
        new ReceiverFactory(
                ENV::get, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream()))
            .build(config);
    assertThat(built)
        .containsOnlyKeys("stdout", "ops-slack", "pager", "payments-hook", "mail", "am");
    assertThat(built.get("ops-slack").toString()).doesNotContain("tok");
  }

  @Test
  void loadsGroupingTimeIntervalsSilencesAndBatching() {
    NotifierConfig config = NotifierConfig.load(Path.of("src/test/resources/config/grouping.yml"));

    Route root = config.route();
    assertThat(root.grouping())
        .isEqualTo(
            new Grouping(
                List.of("alertname", "service"),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofHours(4)));
    Route pager = root.routes().get(0);
    assertThat(pager.grouping().groupBy()).isNull();
    assertThat(pager.grouping().repeatInterval()).isEqualTo(Duration.ofHours(4));
    Route slack = root.routes().get(1);
    assertThat(slack.grouping().groupWait()).isEqualTo(Duration.ofMinutes(1));
    assertThat(slack.grouping().groupBy()).containsExactly("alertname", "service");
    assertThat(slack.muteTimeIntervals()).containsExactly("weeknights");
    assertThat(slack.key()).isEqualTo("{}/{severity=~\"P2|P3\"}:ops-slack");
    assertThat(config.timeIntervals().get("weeknights")).hasSize(2);
    assertThat(
            config
                .timeIntervals()
                .get("weeknights")
                .get(0)
                .contains(java.time.Instant.parse("2026-12-01T22:30:00Z")))
        .as("Tuesday 23:30 in Berlin")
        .isTrue();
    assertThat(config.silences())
        .singleElement()
        .satisfies(s -> assertThat(s.id()).isEqualTo("batch-maintenance"));
    assertThat(config.batching().zone()).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
    assertThat(config.batching().start()).isEqualTo(java.time.LocalTime.of(8, 30));
    assertThat(config.batching().digestAt()).isEqualTo(java.time.LocalTime.of(9, 0));
    assertThat(config.batching().businessDays())
        .containsExactlyInAnyOrder(
            java.time.DayOfWeek.MONDAY,
            java.time.DayOfWeek.TUESDAY,
            java.time.DayOfWeek.WEDNESDAY,
            java.time.DayOfWeek.THURSDAY,
            java.time.DayOfWeek.FRIDAY);
  }

  @Test
  void loadsTheMinimalFixtureWithDefaults() {
    NotifierConfig config = NotifierConfig.load(Path.of("src/test/resources/config/minimal.yml"));
    assertThat(config.retry()).isEqualTo(RetryPolicy.defaults());
    assertThat(config.receivers().get(0).sendResolved()).isTrue();
    assertThat(config.escalation()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown key | receivers: [{name: a, console: {}}]\\nroute: {receiver: a, recevier: b} | f.yml:2: route.recevier: Unrecognized field",
        "bad matcher | receivers: [{name: a, console: {}}]\\nroute:\\n  receiver: a\\n  matchers: ['sev~P1'] | f.yml:4: route.matchers[0]: bad matcher 'sev~P1'",
        "bad regex | receivers: [{name: a, console: {}}]\\nroute:\\n  receiver: a\\n  matchers: ['sev=~\"(\"'] | f.yml:4: route.matchers[0]: bad regex",
        // Values checked by a creator are reported where Jackson ends the block (the next line).
        "bad duration | receivers: [{name: a, console: {}}]\\nretry:\\n  initial_backoff: soon\\nroute: {receiver: a} | f.yml:4: retry: bad duration 'soon'",
        "unknown receiver | receivers: [{name: a, console: {}}]\\nroute:\\n  receiver: a\\n  routes: [{receiver: b}] | f.yml: route.routes[0]: unknown receiver 'b'",
        "two kinds | receivers: [{name: a, console: {}, slack: {url: x}}]\\nroute: {receiver: a} | f.yml: receivers[0] (a): needs exactly one of",
        "duplicate key | receivers: [{name: a, console: {}}]\\nroute: {receiver: a}\\nroute: {receiver: a} | f.yml:3: not valid YAML: Duplicate field 'route'",
        "unknown time interval | receivers: [{name: a, console: {}}]\\nroute: {receiver: a, mute_time_intervals: [nights]} | f.yml: route: unknown time interval 'nights'",
        "bad weekday | receivers: [{name: a, console: {}}]\\ntime_intervals:\\n  - {name: n, time_intervals: [{weekdays: [funday]}]}\\nroute: {receiver: a} | f.yml:3: time_intervals[0].time_intervals[0]: unknown weekday 'funday'",
        "bad time range | receivers: [{name: a, console: {}}]\\ntime_intervals:\\n  - {name: n, time_intervals: [{times: [{start_time: '22:00', end_time: '07:00'}]}]}\\nroute: {receiver: a} | f.yml:3: time_intervals[0].time_intervals[0]: time range 22:00-07:00: start_time must be before end_time",
        "bad repeat | receivers: [{name: a, console: {}}]\\nroute: {receiver: a, group_by: [service], repeat_interval: 0s} | f.yml:2: route: repeat_interval must be > 0",
        "bad silence time | receivers: [{name: a, console: {}}]\\nroute: {receiver: a}\\nsilences: [{matchers: ['a=b'], starts_at: soon, ends_at: '2026-01-01T00:00:00Z'}] | f.yml:3: silences[0]: starts_at must be an ISO-8601 instant",
        "silence ends first | receivers: [{name: a, console: {}}]\\nroute: {receiver: a}\\nsilences: [{matchers: ['a=b'], starts_at: '2026-01-02T00:00:00Z', ends_at: '2026-01-01T00:00:00Z'}] | f.yml:3: silences[0]: endsAt must be after startsAt",
        "bad time zone | receivers: [{name: a, console: {}}]\\nroute: {receiver: a}\\nbatching: {timezone: Mars/Olympus} | f.yml:3: batching: unknown time zone 'Mars/Olympus'",
        "escalation to unknown receiver | receivers: [{name: a, console: {}}]\\nroute: {receiver: a}\\nescalation: {receiver: b} | f.yml: escalation: unknown receiver 'b'",
        "bad escalation interval | receivers: [{name: a, console: {}}]\\nroute: {receiver: a}\\nescalation: {receiver: a, repeat_interval: 0s} | f.yml:3: escalation: repeat_interval must be > 0",
        "bad yaml | route: {receiver: a}\\nreceivers: \"open | f.yml:2: not valid YAML",
      })
  void failsFastWithFileAndLine(String what, String yaml, String expected) {
    assertThatThrownBy(() -> NotifierConfig.parse("f.yml", yaml.replace("\\n", "\n")))
        .isInstanceOf(NotifierConfigException.class)
        .hasMessageStartingWith(expected);
  }

  @Test
  void aMissingSecretNamesTheVariableOnly() {
    NotifierConfig config = NotifierConfig.load(Path.of("src/test/resources/config/full.yml"));
    ReceiverFactory factory =
        new ReceiverFactory(
            Map.<String, String>of()::get,
            Clock.systemUTC(),
            new PrintStream(new ByteArrayOutputStream()));
    assertThatThrownBy(() -> factory.build(config))
        .isInstanceOf(NotifierConfigException.class)
        .hasMessage(
            "receiver ops-slack.slack.url: environment variable SLACK_WEBHOOK_URL is not set");
  }
}
