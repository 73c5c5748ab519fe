package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionTest {

  @ParameterizedTest(name = "''{0}'' at {1} holds: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          > 0.05   | 0.06     | true
          > 0.05   | 0.05     | false
          > 0.05   | 0.04     | false
          >= 0.05  | 0.05     | true
          >= 0.05  | 0.0499   | false
          < 1000   | 999.99   | true
          < 1000   | 1000     | false
          <= 1000  | 1000     | true
          <= 1000  | 1000.001 | false
          > 5%     | 0.051    | true
          > 5%     | 0.05     | false
          >= 5%    | 0.05     | true
          < 99.5%  | 0.994    | true
          >-3      | -2       | true
          > -3     | -3       | false
          >=1e3    | 1000     | true
          <  .5    | 0.4      | true
          '  >  2  '| 3       | true
          > 0      | NaN      | false
          < 0      | NaN      | false
          >= 0     | NaN      | false
          <= 1e300 | NaN      | false
          """)
  void holds(String text, double value, boolean expected) {
    // given
    Condition c = Condition.parse(text);
    // when
    boolean holds = c.holds(value);
    // then
    assertThat(holds).isEqualTo(expected);
  }

  @ParameterizedTest(name = "''{0}'' parses to {1} {2}, rising {3}, prints ''{4}''")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          > 0.05 | GT | 0.05 | true  | > 0.05
          >= 3   | GE | 3    | true  | >= 3
          < 1000 | LT | 1000 | false | < 1000
          <= 95% | LE | 0.95 | false | <= 0.95
          > 5%   | GT | 0.05 | true  | > 0.05
          >1.50  | GT | 1.5  | true  | > 1.5
          """)
  void parses(
      String text,
      Condition.Comparison comparison,
      double threshold,
      boolean rising,
      String printed) {
    // when
    Condition c = Condition.parse(text);
    // then
    assertThat(c.comparison()).isEqualTo(comparison);
    assertThat(c.threshold()).isEqualTo(threshold);
    assertThat(c.rising()).isEqualTo(rising);
    assertThat(c).hasToString(printed);
  }

  @ParameterizedTest(name = "''{0}'' is rejected")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "0.05",
        "== 5",
        "=> 5",
        "! 5",
        "> five",
        "5 >",
        "> 5 %%",
        "> 5 ms",
        "> 1,5",
        "> 5.",
        ">",
        "> 1 and < 2"
      })
  void rejectsBadSyntaxWithAHelpfulMessage(String text) {
    // when / then
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Condition.parse(text))
        .withMessage(
            "condition '"
                + text
                + "' must be a comparison (>, >=, <, <=) and a number, e.g. '> 0.05'");
  }
}
