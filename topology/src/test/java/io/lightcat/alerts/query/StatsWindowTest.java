package io.lightcat.alerts.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatsWindowTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:34:56.789Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void defaultsToTheLastHourEndingNow() {
    StatsWindow w = StatsWindow.parse(null, " ", CLOCK);
    assertThat(w).isEqualTo(new StatsWindow(NOW, Duration.ofHours(1)));
  }

  @Test
  void parsesAnInstantAndAWindow() {
    StatsWindow w = StatsWindow.parse("2026-11-28T10:00:00Z", "15m", CLOCK);
    assertThat(w.at()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
    assertThat(w.window()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void theWindowIsTheCurrentMinuteAndThoseBefore() {
    StatsWindow w = new StatsWindow(NOW, Duration.ofMinutes(2));
    long current = Instant.parse("2026-11-28T12:34:00Z").toEpochMilli();
    assertThat(w.inWindow(current)).isTrue();
    assertThat(w.inWindow(current - 60_000)).isTrue();
    assertThat(w.inWindow(current - 120_000)).isFalse();
    assertThat(w.inWindow(current + 60_000)).isFalse();
    assertThat(w.today()).isEqualTo(Instant.parse("2026-11-28T00:00:00Z").toEpochMilli());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "yesterday | 1h | at must be an ISO-8601 instant such as 2026-11-28T12:00:00Z, not 'yesterday'",
        " | 5 minutes | window must be a duration such as 5m or 1h, not '5 minutes'",
        " | 2h | window must be whole minutes from 1m to 1h, not 2h",
        " | 90s | window must be whole minutes from 1m to 1h, not 1m30s",
        " | 0 | window must be whole minutes from 1m to 1h, not 0s",
      })
  void badParametersAreRejectedWithAReason(String at, String window, String message) {
    assertThatThrownBy(() -> StatsWindow.parse(at, window, CLOCK))
        .isInstanceOf(BadQueryException.class)
        .hasMessage(message);
  }
}
