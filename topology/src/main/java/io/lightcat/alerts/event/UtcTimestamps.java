package io.lightcat.alerts.event;

import java.time.LocalDate;
import java.util.OptionalLong;

/**
 * A fast path for the timestamp shape almost every producer sends — {@code 2026-11-28T12:00:00Z} or
 * {@code 2026-11-28T12:00:00.123Z} (UTC, up to nanosecond digits) — which {@code java.time}'s
 * formatter parses an order of magnitude slower. Anything else is left to the full ISO-8601 parser.
 */
final class UtcTimestamps {
  private UtcTimestamps() {}

  /** Epoch milliseconds, or empty when {@code s} is not in the fast shape (or not a valid date). */
  static OptionalLong parseMillis(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(n - 1) != 'Z'
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return OptionalLong.empty();
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return OptionalLong.empty();
    }
    int millis = 0;
    if (n > 20) {
      // ".f" to ".fffffffff" before the Z
      if (s.charAt(19) != '.' || n - 21 < 1 || n - 21 > 9) {
        return OptionalLong.empty();
      }
      int fraction = digits(s, 20, n - 1);
      if (fraction < 0) {
        return OptionalLong.empty();
      }
      int scale = n - 21;
      for (int i = scale; i < 3; i++) {
        fraction *= 10;
      }
      for (int i = 3; i < scale; i++) {
        fraction /= 10;
      }
      millis = fraction;
    } else if (n != 20) {
      return OptionalLong.empty();
    }
    if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return OptionalLong.empty();
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return OptionalLong.of(((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis);
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
