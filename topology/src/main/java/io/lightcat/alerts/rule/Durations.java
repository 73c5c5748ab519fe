package io.lightcat.alerts.rule;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the durations rules use: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m},
 * {@code 3d}.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  private Durations() {}

  /**
   * @throws IllegalArgumentException with a message fit for a rule-validation error
   */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        break;
      }
      try {
        long n = Long.parseLong(m.group(1));
        total =
            total.plus(
                switch (m.group(2)) {
                  case "ms" -> Duration.ofMillis(n);
                  case "s" -> Duration.ofSeconds(n);
                  case "m" -> Duration.ofMinutes(n);
                  case "h" -> Duration.ofHours(n);
                  case "d" -> Duration.ofDays(n);
                  default -> Duration.ofDays(Math.multiplyExact(7, n));
                });
        // Durations end up in millisecond arithmetic; reject what would overflow it.
        total.toMillis();
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException("duration '" + text + "' is too long", e);
      }
      end = m.end();
    }
    if (t.isEmpty() || end != t.length()) {
      throw new IllegalArgumentException(
          "bad duration '"
              + text
              + "': use a number and a unit (ms, s, m, h, d, w), e.g. 5m or 1h30m");
    }
    return total;
  }

  /** The shortest rule-style spelling: {@code PT5M} prints as {@code 5m}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long ms = d.toMillis();
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    String[] names = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < units.length; i++) {
      if (ms >= units[i]) {
        out.append(ms / units[i]).append(names[i]);
        ms %= units[i];
      }
    }
    return out.toString();
  }
}
