package io.lightcat.alerts.stream.ruletest;

import io.lightcat.alerts.event.EventStream;
import io.lightcat.alerts.rule.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One named test of a rule test file: input events at offsets from the file's start, and the alerts
 * expected to be firing at given offsets.
 *
 * @param inputs every input event, expanded ({@code every}/{@code count} already applied) and
 *     sorted by offset; events at the same offset keep their file order
 * @param expectations sorted by offset
 * @param line line of the test in its file
 */
public record RuleTestCase(
    String name, int line, List<InputEvent> inputs, List<Expectation> expectations) {

  public RuleTestCase {
    Objects.requireNonNull(name, "name");
    inputs = List.copyOf(inputs);
    expectations = List.copyOf(expectations);
  }

  /**
   * One input event.
   *
   * @param fields the event's JSON fields without {@code ts}; the runner sets {@code ts} from the
   *     offset
   * @param line line of the input entry that produced it
   */
  public record InputEvent(
      EventStream stream, Duration offset, Map<String, Object> fields, int line) {
    public InputEvent {
      Objects.requireNonNull(stream, "stream");
      Objects.requireNonNull(offset, "offset");
      Objects.requireNonNull(fields, "fields");
    }
  }

  /**
   * The alerts firing at {@code at}: exactly these, no more (an empty list asserts silence).
   *
   * @param line line of the expectation in its file
   */
  public record Expectation(Duration at, int line, List<ExpectedAlert> alerts) {
    public Expectation {
      Objects.requireNonNull(at, "at");
      alerts = List.copyOf(alerts);
    }
  }

  /**
   * One expected firing alert. It matches a firing alert of {@code rule} whose labels contain
   * {@code labels}; {@code severity}, {@code value} and {@code summary} are checked when given.
   *
   * @param severity null: any severity
   * @param value null: any value
   * @param summary null: any summary; otherwise the exact rendered summary
   */
  public record ExpectedAlert(
      String rule,
      Severity severity,
      Map<String, String> labels,
      ExpectedValue value,
      String summary,
      int line) {
    public ExpectedAlert {
      Objects.requireNonNull(rule, "rule");
      labels = Map.copyOf(labels);
    }
  }

  /** An expected alert value: {@code approx} within {@code tolerance} (absolute). */
  public record ExpectedValue(double approx, double tolerance) {
    /** Tolerance of a plain {@code value: 0.2}: exact up to floating-point noise. */
    public static final double DEFAULT_TOLERANCE = 1e-9;

    public boolean matches(Double actual) {
      return actual != null && Math.abs(actual - approx) <= tolerance;
    }
  }
}
