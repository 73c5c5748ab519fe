package io.lightcat.alerts.rule;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A comparison of a measured value against a threshold, written {@code "> 0.05"}, {@code ">= 3"},
 * {@code "< 1000"} or {@code "<= 0.95"}.
 */
public record Condition(Comparison comparison, double threshold) {
  private static final Pattern SYNTAX =
      Pattern.compile("\\s*(>=|<=|>|<)\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(%?)\\s*");

  /** The four comparisons a condition may use. */
  public enum Comparison {
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<=");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    boolean test(double value, double threshold) {
      return switch (this) {
        case GT -> value > threshold;
        case GE -> value >= threshold;
        case LT -> value < threshold;
        case LE -> value <= threshold;
      };
    }

    static Comparison of(String symbol) {
      for (Comparison c : values()) {
        if (c.symbol.equals(symbol)) {
          return c;
        }
      }
      throw new IllegalArgumentException("unknown comparison " + symbol);
    }
  }

  /**
   * Parses {@code "> 0.05"}; a trailing {@code %} divides the number by 100 ({@code "> 5%"} is
   * {@code "> 0.05"}).
   *
   * @throws IllegalArgumentException with a message fit for a rule-validation error
   */
  public static Condition parse(String text) {
    Matcher m = SYNTAX.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "condition '"
              + text
              + "' must be a comparison (>, >=, <, <=) and a number, e.g. '> 0.05'");
    }
    double threshold = Double.parseDouble(m.group(2));
    if (!m.group(3).isEmpty()) {
      threshold = threshold / 100.0;
    }
    return new Condition(Comparison.of(m.group(1)), threshold);
  }

  /** Whether {@code value} satisfies the condition; NaN never does. */
  public boolean holds(double value) {
    return !Double.isNaN(value) && comparison.test(value, threshold);
  }

  /** True for {@code >}/{@code >=}: the alert is about a value rising. */
  public boolean rising() {
    return comparison == Comparison.GT || comparison == Comparison.GE;
  }

  @Override
  public String toString() {
    return comparison.symbol + " " + formatNumber(threshold);
  }

  static String formatNumber(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, "%s", v);
  }
}
