package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource(
      textBlock =
          """
          0,        PT0S
          0s,       PT0S
          500ms,    PT0.5S
          30s,      PT30S
          5m,       PT5M
          1h,       PT1H
          1h30m,    PT1H30M
          3d,       PT72H
          2w,       PT336H
          1d2h3m4s5ms, PT26H3M4.005S
          90s,      PT1M30S
          ' 5m ',   PT5M
          5M,       PT5M
          1m1m,     PT2M
          """)
  void parses(String text, Duration expected) {
    // when
    Duration d = Durations.parse(text);
    // then
    assertThat(d).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} prints as ''{1}''")
  @CsvSource(
      textBlock =
          """
          PT0S,          0s
          PT0.5S,        500ms
          PT30S,         30s
          PT5M,          5m
          PT1H30M,       1h30m
          PT72H,         3d
          PT336H,        14d
          PT26H3M4.005S, 1d2h3m4s5ms
          PT1M30S,       1m30s
          """)
  void formatsAndParsesBack(Duration d, String expected) {
    // when
    String text = Durations.format(d);
    // then
    assertThat(text).isEqualTo(expected);
    assertThat(Durations.parse(text)).isEqualTo(d);
  }

  @ParameterizedTest(name = "''{0}'' is not a duration")
  @NullAndEmptySource
  @ValueSource(
      strings = {"5", "m", "-5m", "5 m", "5min", "1.5h", "5m30", "h1", "PT5M", "5m 30s", "00"})
  void rejectsBadInputWithAHelpfulMessage(String text) {
    // when / then
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse(text))
        .withMessage(
            "bad duration '"
                + text
                + "': use a number and a unit (ms, s, m, h, d, w), e.g. 5m or 1h30m");
  }

  @ParameterizedTest(name = "''{0}'' is too long")
  @ValueSource(strings = {"99999999999999999999s", "9999999999999999d", "9999999999999999w"})
  void rejectsDurationsThatOverflowWithAHelpfulMessage(String text) {
    // when / then: an IllegalArgumentException the validator reports, not an ArithmeticException
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse(text))
        .withMessage("duration '" + text + "' is too long");
  }
}
