package io.lightcat.alerts.notify.schedule;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One of Alertmanager's time intervals ({@code time_intervals[].time_intervals[]}): an instant is
 * inside when it matches every list that is set — {@code times} (minutes of the day, end exclusive,
 * up to {@code 24:00}), {@code weekdays}, {@code days_of_month} (negative counts from the month's
 * end), {@code months}, {@code years} — read in {@code location} (default UTC). An empty list
 * matches everything.
 */
public record TimeInterval(
    List<Range> times,
    List<Range> weekdays,
    List<Range> daysOfMonth,
    List<Range> months,
    List<Range> years,
    ZoneId location) {

  /** An inclusive range of numbers ({@code times}: minutes of the day, end exclusive). */
  public record Range(int start, int end) {}

  public TimeInterval {
    times = List.copyOf(times);
    weekdays = List.copyOf(weekdays);
    daysOfMonth = List.copyOf(daysOfMonth);
    months = List.copyOf(months);
    years = List.copyOf(years);
    Objects.requireNonNull(location, "location");
  }

  /** Whether {@code instant} lies inside this interval. */
  public boolean contains(Instant instant) {
    ZonedDateTime t = instant.atZone(location);
    int minute = t.getHour() * 60 + t.getMinute();
    return (times.isEmpty() || times.stream().anyMatch(r -> minute >= r.start && minute < r.end))
        && inAny(weekdays, t.getDayOfWeek().getValue())
        && inDaysOfMonth(t)
        && inAny(months, t.getMonthValue())
        && inAny(years, t.getYear());
  }

  private boolean inDaysOfMonth(ZonedDateTime t) {
    if (daysOfMonth.isEmpty()) {
      return true;
    }
    int length = t.toLocalDate().lengthOfMonth();
    int day = t.getDayOfMonth();
    for (Range r : daysOfMonth) {
      int start = r.start < 0 ? length + 1 + r.start : r.start;
      int end = r.end < 0 ? length + 1 + r.end : r.end;
      if (day >= start && day <= end) {
        return true;
      }
    }
    return false;
  }

  private static boolean inAny(List<Range> ranges, int value) {
    return ranges.isEmpty() || ranges.stream().anyMatch(r -> value >= r.start && value <= r.end);
  }

  // ---- parsing the configuration's spellings ----

  /**
   * Builds an interval from the configuration's strings.
   *
   * @param times pairs of {@code HH:MM} start and end
   * @throws IllegalArgumentException naming the bad value
   */
  public static TimeInterval parse(
      List<String[]> times,
      List<String> weekdays,
      List<String> daysOfMonth,
      List<String> months,
      List<String> years,
      String location) {
    return new TimeInterval(
        times.stream().map(TimeInterval::timeRange).toList(),
        ranges(weekdays, TimeInterval::weekday, "weekday"),
        ranges(daysOfMonth, TimeInterval::dayOfMonth, "day of month"),
        ranges(months, TimeInterval::month, "month"),
        ranges(years, TimeInterval::year, "year"),
        zone(location));
  }

  /** A time zone by name ({@code Europe/Berlin}, {@code UTC}, {@code Local} is not accepted). */
  public static ZoneId zone(String name) {
    if (name == null || name.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(name.strip());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone '" + name + "'");
    }
  }

  /** {@code HH:MM}, 00:00 to 24:00, as minutes of the day. */
  public static int minuteOfDay(String text) {
    String t = text == null ? "" : text.strip();
    if (t.equals("24:00")) {
      return 24 * 60;
    }
    try {
      LocalTime time = LocalTime.parse(t.length() == 4 ? "0" + t : t);
      if (time.getSecond() != 0) {
        throw new IllegalArgumentException("time '" + text + "' must be HH:MM");
      }
      return time.getHour() * 60 + time.getMinute();
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("time '" + text + "' must be HH:MM (00:00 to 24:00)");
    }
  }

  private static Range timeRange(String[] pair) {
    int start = minuteOfDay(pair[0]);
    int end = minuteOfDay(pair[1]);
    if (start >= end) {
      throw new IllegalArgumentException(
          "time range " + pair[0] + "-" + pair[1] + ": start_time must be before end_time");
    }
    return new Range(start, end);
  }

  private interface Parser {
    int parse(String value);
  }

  private static List<Range> ranges(List<String> specs, Parser parser, String what) {
    return specs.stream()
        .map(
            spec -> {
              String[] parts = spec.split(":", -1);
              if (parts.length > 2 || spec.isBlank()) {
                throw new IllegalArgumentException("bad " + what + " range '" + spec + "'");
              }
              int start = parser.parse(parts[0].strip());
              int end = parts.length == 2 ? parser.parse(parts[1].strip()) : start;
              if (start > end && !(start > 0 && end < 0)) {
                throw new IllegalArgumentException(
                    what + " range '" + spec + "': start is after end");
              }
              return new Range(start, end);
            })
        .toList();
  }

  private static int weekday(String s) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().equalsIgnoreCase(s)) {
        return d.getValue();
      }
    }
    throw new IllegalArgumentException("unknown weekday '" + s + "' (use monday ... sunday)");
  }

  private static int month(String s) {
    for (Month m : Month.values()) {
      if (m.name().equalsIgnoreCase(s)) {
        return m.getValue();
      }
    }
    int n = number(s, "month");
    if (n < 1 || n > 12) {
      throw new IllegalArgumentException("month " + s + " is not in 1..12");
    }
    return n;
  }

  private static int dayOfMonth(String s) {
    int n = number(s, "day of month");
    if (n == 0 || n < -31 || n > 31) {
      throw new IllegalArgumentException("day of month " + s + " is not in 1..31 or -31..-1");
    }
    return n;
  }

  private static int year(String s) {
    return number(s, "year");
  }

  private static int number(String s, String what) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad " + what + " '" + s + "'");
    }
  }
}
