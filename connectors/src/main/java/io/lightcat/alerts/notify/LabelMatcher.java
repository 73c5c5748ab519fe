package io.lightcat.alerts.notify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.lightcat.alerts.lifecycle.Alert;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager-style matcher: {@code name=value}, {@code name!=value}, {@code name=~regex},
 * {@code name!~regex}; the value may be double-quoted. Regexes are anchored, as in Alertmanager.
 * {@code severity}, {@code rule} (alias {@code alertname}) and {@code status} match the alert's
 * fields, every other name its labels; a missing label is the empty string.
 */
public record LabelMatcher(String name, Op op, String value, Pattern pattern) {
  private static final Pattern SYNTAX =
      Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*$");

  /** The comparison. */
  public enum Op {
    EQ("="),
    NE("!="),
    RE("=~"),
    NRE("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  public LabelMatcher {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
  }

  /**
   * @throws IllegalArgumentException for a malformed matcher or regex
   */
  @JsonCreator
  public static LabelMatcher parse(String text) {
    Matcher m = SYNTAX.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "bad matcher '" + text + "': use name=value, name!=value, name=~regex or name!~regex");
    }
    String value = m.group(3);
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    Op op =
        switch (m.group(2)) {
          case "=" -> Op.EQ;
          case "!=" -> Op.NE;
          case "=~" -> Op.RE;
          default -> Op.NRE;
        };
    Pattern pattern = null;
    if (op == Op.RE || op == Op.NRE) {
      try {
        pattern = Pattern.compile("^(?:" + value + ")$");
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "bad regex in matcher '" + text + "': " + e.getDescription());
      }
    }
    return new LabelMatcher(m.group(1), op, value, pattern);
  }

  public boolean matches(Alert alert) {
    String actual = valueOf(alert, name);
    return switch (op) {
      case EQ -> actual.equals(value);
      case NE -> !actual.equals(value);
      case RE -> pattern.matcher(actual).matches();
      case NRE -> !pattern.matcher(actual).matches();
    };
  }

  public static String valueOf(Alert alert, String name) {
    String v =
        switch (name) {
          case "severity" -> alert.severity();
          case "rule", "alertname" -> alert.rule();
          case "status" -> alert.status();
          default -> alert.labels() == null ? null : alert.labels().get(name);
        };
    return v == null ? "" : v;
  }

  /** The matcher as written, value quoted: what {@link #parse} reads back. */
  @JsonValue
  @Override
  public String toString() {
    return name + op.symbol + "\"" + value + "\"";
  }
}
