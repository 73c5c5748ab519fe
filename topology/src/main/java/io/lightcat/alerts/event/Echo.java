package io.lightcat.alerts.event;

import java.util.regex.Pattern;

/**
 * How rejection reasons may quote a value: only short (at most 64 characters), printable, scalar
 * values. Callers pass only values of fields that survived redaction, so no secret is quoted.
 */
final class Echo {
  static final int MAX_ECHO_CHARS = 64;
  private static final Pattern PRINTABLE =
      Pattern.compile("[\\x20-\\x7E]{0," + MAX_ECHO_CHARS + "}");

  private Echo() {}

  /** {@code " 'value'"} when the value may be echoed, else the empty string. */
  static String quoted(Object value) {
    return echoable(value) ? " '" + value + "'" : "";
  }

  /** {@code " (got value)"} when the value may be echoed, else the empty string. */
  static String got(Object value) {
    return echoable(value) ? " (got " + value + ")" : "";
  }

  /**
   * {@code "field 'name'"}, or {@code "a field"} when the name (which may come from input, e.g. a
   * nested path) is too long or not printable.
   */
  static String field(String name) {
    return echoable(name) ? "field '" + name + "'" : "a field";
  }

  private static boolean echoable(Object value) {
    if (value instanceof String s) {
      return PRINTABLE.matcher(s).matches() && s.indexOf('\'') < 0;
    }
    return value instanceof Number || value instanceof Boolean;
  }
}
