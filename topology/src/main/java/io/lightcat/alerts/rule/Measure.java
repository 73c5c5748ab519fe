package io.lightcat.alerts.rule;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What a rule measures over its window, per group. A closed set: every measure can be computed from
 * mergeable per-bucket {@link Aggregate}s, which is what lets the engine pre-aggregate before it
 * shuffles.
 */
public sealed interface Measure
    permits Measure.Count,
        Measure.Rate,
        Measure.Ratio,
        Measure.Stat,
        Measure.Percentile,
        Measure.Distinct,
        Measure.Last,
        Measure.Absent,
        Measure.Spike {

  /** The expression evaluated per event, if the measure has one. */
  default Optional<String> expression() {
    return Optional.empty();
  }

  /** What the expression must evaluate to. */
  default ExpressionType expressionType() {
    return ExpressionType.NUMBER;
  }

  /** Short text for summaries and the rules API, e.g. {@code ratio(status >= 500)}. */
  String describe();

  /** Computes the measured value from the window's merged aggregate; NaN when undefined. */
  double value(Aggregate window, Duration windowLength);

  /** Types a measure expression may have. */
  enum ExpressionType {
    BOOL,
    NUMBER,
    ANY
  }

  /** Number of matching events. */
  record Count() implements Measure {
    @Override
    public String describe() {
      return "count";
    }

    @Override
    public double value(Aggregate w, Duration length) {
      return w.count();
    }
  }

  /** Matching events per second or per minute. */
  record Rate(Duration per) implements Measure {
    @Override
    public String describe() {
      return "rate per " + Durations.format(per);
    }

    @Override
    public double value(Aggregate w, Duration length) {
      return w.count() * ((double) per.toMillis() / length.toMillis());
    }
  }

  /** Share (0–1) of matching events for which {@code predicate} holds. */
  record Ratio(String predicate) implements Measure {
    @Override
    public Optional<String> expression() {
      return Optional.of(predicate);
    }

    @Override
    public ExpressionType expressionType() {
      return ExpressionType.BOOL;
    }

    @Override
    public String describe() {
      return "ratio(" + predicate + ")";
    }

    @Override
    public double value(Aggregate w, Duration length) {
      return w.count() == 0 ? Double.NaN : (double) w.matches() / w.count();
    }
  }

  /** Sum, average, minimum or maximum of a numeric expression. */
  record Stat(Kind kind, String of) implements Measure {
    /** The four plain statistics. */
    public enum Kind {
      SUM,
      AVG,
      MIN,
      MAX
    }

    @Override
    public Optional<String> expression() {
      return Optional.of(of);
    }

    @Override
    public String describe() {
      return kind.name().toLowerCase(Locale.ROOT) + "(" + of + ")";
    }

    @Override
    public double value(Aggregate w, Duration length) {
      if (w.count() == 0) {
        return kind == Kind.SUM ? 0 : Double.NaN;
      }
      return switch (kind) {
        case SUM -> w.sum();
        case AVG -> w.sum() / w.count();
        case MIN -> w.min();
        case MAX -> w.max();
      };
    }
  }

  /** A quantile (0.5 for p50 ... 0.99 for p99) of a numeric expression, from a mergeable sketch. */
  record Percentile(double quantile, String of) implements Measure {
    @Override
    public Optional<String> expression() {
      return Optional.of(of);
    }

    @Override
    public String describe() {
      return "p" + Condition.formatNumber(quantile * 100) + "(" + of + ")";
    }

    @Override
    public double value(Aggregate w, Duration length) {
      return w.quantile(quantile);
    }
  }

  /** Estimated number of distinct values of an expression (HyperLogLog). */
  record Distinct(String of) implements Measure {
    @Override
    public Optional<String> expression() {
      return Optional.of(of);
    }

    @Override
    public ExpressionType expressionType() {
      return ExpressionType.ANY;
    }

    @Override
    public String describe() {
      return "distinct(" + of + ")";
    }

    @Override
    public double value(Aggregate w, Duration length) {
      return w.distinct();
    }
  }

  /** The latest value (by event time) of a gauge such as memPct or remainingBatches. */
  record Last(String of) implements Measure {
    @Override
    public Optional<String> expression() {
      return Optional.of(of);
    }

    @Override
    public String describe() {
      return "last(" + of + ")";
    }

    @Override
    public double value(Aggregate w, Duration length) {
      return w.count() == 0 ? Double.NaN : w.last();
    }
  }

  /**
   * Seconds since the group's last matching event; only groups seen before can be absent. The value
   * is computed by the lifecycle from the group's last event time, not from a window.
   */
  record Absent() implements Measure {
    @Override
    public String describe() {
      return "seconds since last event";
    }

    @Override
    public double value(Aggregate w, Duration length) {
      return Double.NaN;
    }
  }

  /**
   * The current window's value of {@code of} divided by its mean over the {@code baselineWindows}
   * windows before it: 3 means three times the usual, 0.2 a fifth of it. Undefined (no alert) while
   * the baseline is below {@code minBaseline}.
   */
  record Spike(Measure of, int baselineWindows, double minBaseline) implements Measure {
    @Override
    public Optional<String> expression() {
      return of.expression();
    }

    @Override
    public ExpressionType expressionType() {
      return of.expressionType();
    }

    @Override
    public String describe() {
      return "spike of " + of.describe() + " vs previous " + baselineWindows + " windows";
    }

    @Override
    public double value(Aggregate w, Duration length) {
      return of.value(w, length);
    }
  }
}
