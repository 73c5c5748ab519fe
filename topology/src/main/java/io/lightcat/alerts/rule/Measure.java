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
        Measure.Spike,
        Measure.PairDuration {

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

  /**
   * A statistic of the seconds between a start event ({@code from}) and an end event ({@code to})
   * that share the value of the field {@code by}, e.g. invoice created → payment confirmed per
   * invoice. Each pair counts once, in the bucket of its end event, in the group of its start
   * event. A half that finds no partner within {@code timeout} (in event time) is dropped.
   *
   * @param from CEL bool expression that picks the start events
   * @param to CEL bool expression that picks the end events
   * @param by the field whose value pairs a start with its end (declared, not a map)
   * @param stat the statistic over the pairs' durations in seconds: {@link Count}, a {@link Stat}
   *     or a {@link Percentile}, each of {@link #SECONDS}
   * @param timeout how long a half waits for its partner; pairs further apart do not count
   */
  record PairDuration(String from, String to, String by, Measure stat, Duration timeout)
      implements Measure {
    /** The name the statistic's expression carries: the duration of a pair in seconds. */
    public static final String SECONDS = "seconds";

    /** The default {@code timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

    public PairDuration {
      if (!(stat instanceof Count || stat instanceof Stat || stat instanceof Percentile)) {
        throw new IllegalArgumentException("a duration's stat is count, a stat or a percentile");
      }
    }

    @Override
    public String describe() {
      String of =
          stat instanceof Count
              ? "count of pairs"
              : stat.describe().replace("(" + SECONDS + ")", " seconds");
      return of
          + " from "
          + from
          + " to "
          + to
          + " by "
          + by
          + " (timeout "
          + Durations.format(timeout)
          + ")";
    }

    @Override
    public double value(Aggregate w, Duration length) {
      return stat.value(w, length);
    }
  }
}
