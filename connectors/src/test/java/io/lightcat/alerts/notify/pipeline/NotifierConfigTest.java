package io.lightcat.alerts.notify.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
        "grouping | receivers: [{name: a, console: {}}]\\nroute: {receiver: a, group_by: [service]} | f.yml:2: route: grouping (group_by, group_wait, group_interval) is not supported yet",
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
