package io.lightcat.alerts.notify.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When low-severity alerts are sent (the LIGHTCAT plan: P3 next business day, P4 daily review).
 *
 * <p>With {@code p3NextBusinessDay}, a P3 alert that arrives outside business hours ({@code
 * businessDays} from {@code start} to {@code end} in {@code zone}) is held and sent, together with
 * the others held, when business hours start; inside business hours it is notified like any other.
 * With {@code p4Digest}, P4 alerts are collected and sent once a day at {@code digestAt}.
 */
public record BatchSchedule(
    boolean p3NextBusinessDay,
    boolean p4Digest,
    ZoneId zone,
    Set<DayOfWeek> businessDays,
    LocalTime start,
    LocalTime end,
    LocalTime digestAt) {

  public static final LocalTime DEFAULT_START = LocalTime.of(9, 0);
  public static final LocalTime DEFAULT_END = LocalTime.of(17, 0);
  public static final LocalTime DEFAULT_DIGEST_AT = LocalTime.of(9, 0);

  public BatchSchedule {
    Objects.requireNonNull(zone, "zone");
    businessDays = businessDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(businessDays));
    if (businessDays.isEmpty()) {
      throw new IllegalArgumentException("business_hours.weekdays must name at least one day");
    }
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("business_hours: start must be before end");
    }
    Objects.requireNonNull(digestAt, "digestAt");
  }

  /** Monday to Friday, 09:00 to 17:00, digest at 09:00, both batches on, in {@code zone}. */
  public static BatchSchedule defaults(ZoneId zone) {
    return new BatchSchedule(
        true,
        true,
        zone,
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
        DEFAULT_START,
        DEFAULT_END,
        DEFAULT_DIGEST_AT);
  }

  public boolean inBusinessHours(Instant instant) {
    ZonedDateTime t = instant.atZone(zone);
    LocalTime time = t.toLocalTime();
    return businessDays.contains(t.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
  }

  /** {@code instant} itself inside business hours, else when they next start. */
  public Instant nextBusinessStart(Instant instant) {
    if (inBusinessHours(instant)) {
      return instant;
    }
    LocalDate day = instant.atZone(zone).toLocalDate();
    for (int i = 0; i <= 7; i++) {
      LocalDate d = day.plusDays(i);
      Instant opening = d.atTime(start).atZone(zone).toInstant();
      if (businessDays.contains(d.getDayOfWeek()) && opening.isAfter(instant)) {
        return opening;
      }
    }
    throw new IllegalStateException("no business day within a week");
  }

  /** The first digest time strictly after {@code instant}. */
  public Instant nextDigest(Instant instant) {
    LocalDate day = instant.atZone(zone).toLocalDate();
    Instant today = day.atTime(digestAt).atZone(zone).toInstant();
    return today.isAfter(instant)
        ? today
        : day.plusDays(1).atTime(digestAt).atZone(zone).toInstant();
  }
}
