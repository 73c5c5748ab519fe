package io.lightcat.alerts.notify.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lightcat.alerts.notify.LabelMatcher;
import io.lightcat.alerts.notify.schedule.BatchSchedule;
import io.lightcat.alerts.notify.schedule.TimeInterval;
import io.lightcat.alerts.notify.silence.Silence;
import io.lightcat.alerts.rule.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notifier configuration file ({@code notify --config}), Alertmanager-like: {@code receivers}
 * (each a name and exactly one integration), a {@code route} tree, and delivery defaults ({@code
 * retry}, {@code circuit_breaker}) a receiver may override, optional {@code escalation} ({@link
 * EscalationPolicy}; null when not configured), named {@code time_intervals} for routes' mute
 * windows, {@code silences}, and {@code batching} of P3/P4 ({@link BatchSchedule}; null when not
 * configured). Secrets stay unresolved specs here ({@code ${env:VAR}}, {@code file:/path}); {@link
 * ReceiverFactory} resolves them at start.
 *
 * <p>Unknown keys, duplicate keys, bad durations, bad matchers and references to unknown receivers
 * fail the load with {@code file:line: problem} (the line where Jackson can tell it).
 */
public record NotifierConfig(
    List<ReceiverConfig> receivers,
    Route route,
    RetryPolicy retry,
    BreakerPolicy circuitBreaker,
    EscalationPolicy escalation,
    Map<String, List<TimeInterval>> timeIntervals,
    List<Silence> silences,
    BatchSchedule batching) {

  public NotifierConfig {
    receivers = List.copyOf(receivers);
    timeIntervals = Map.copyOf(timeIntervals);
    silences = List.copyOf(silences);
  }

  /** A configuration without time intervals, silences or batching. */
  public NotifierConfig(
      List<ReceiverConfig> receivers,
      Route route,
      RetryPolicy retry,
      BreakerPolicy circuitBreaker,
      EscalationPolicy escalation) {
    this(receivers, route, retry, circuitBreaker, escalation, Map.of(), List.of(), null);
  }

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** One receiver: its name, one integration's settings and optional delivery overrides. */
  public record ReceiverConfig(
      String name,
      String type,
      Map<String, Object> settings,
      boolean sendResolved,
      RetryPolicy retry,
      BreakerPolicy circuitBreaker) {}

  public static NotifierConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new NotifierConfigException(file + ": cannot read (" + e + ")");
    }
    return parse(file.toString(), text);
  }

  public static NotifierConfig parse(String file, String yaml) {
    Raw raw;
    try {
      raw = YAML.readValue(yaml, Raw.class);
    } catch (JsonMappingException e) {
      int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      String path = path(e);
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : null;
      String msg = cause != null ? cause.getMessage() : firstLine(e.getOriginalMessage());
      throw new NotifierConfigException(
          file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + msg);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      throw new NotifierConfigException(
          file + ":" + line + ": not valid YAML: " + firstLine(e.getOriginalMessage()));
    }
    if (raw == null) {
      throw new NotifierConfigException(file + ":1: empty configuration");
    }
    return raw.validate(file);
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String firstLine(String s) {
    String t = s == null ? "" : s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  // ---- the file as written ----

  record Raw(
      @JsonProperty(value = "receivers", required = true) List<RawReceiver> receivers,
      @JsonProperty(value = "route", required = true) RawRoute route,
      @JsonProperty("retry") RawRetry retry,
      @JsonProperty("circuit_breaker") RawBreaker circuitBreaker,
      @JsonProperty("escalation") RawEscalation escalation,
      @JsonProperty("time_intervals") List<RawTimeIntervals> timeIntervals,
      @JsonProperty("mute_time_intervals") List<RawTimeIntervals> muteTimeIntervals,
      @JsonProperty("silences") List<RawSilence> silences,
      @JsonProperty("batching") RawBatching batching) {

    NotifierConfig validate(String file) {
      RetryPolicy defaultRetry = retry == null ? RetryPolicy.defaults() : retry.policy(null);
      BreakerPolicy defaultBreaker =
          circuitBreaker == null ? BreakerPolicy.defaults() : circuitBreaker.policy(null);
      List<ReceiverConfig> out = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (int i = 0; i < receivers.size(); i++) {
        RawReceiver r = receivers.get(i);
        String where = file + ": receivers[" + i + "]";
        if (r.name == null || r.name.isBlank()) {
          throw new NotifierConfigException(where + ": missing name");
        }
        if (!names.add(r.name)) {
          throw new NotifierConfigException(where + ": duplicate receiver name '" + r.name + "'");
        }
        Map<String, Map<String, Object>> kinds = r.kinds();
        if (kinds.size() != 1) {
          throw new NotifierConfigException(
              where
                  + " ("
                  + r.name
                  + "): needs exactly one of console, webhook, slack, pagerduty, email,"
                  + " alertmanager (found "
                  + kinds.keySet()
                  + ")");
        }
        Map.Entry<String, Map<String, Object>> kind = kinds.entrySet().iterator().next();
        out.add(
            new ReceiverConfig(
                r.name,
                kind.getKey(),
                kind.getValue(),
                r.sendResolved == null || r.sendResolved,
                r.retry == null ? defaultRetry : r.retry.policy(defaultRetry),
                r.circuitBreaker == null
                    ? defaultBreaker
                    : r.circuitBreaker.policy(defaultBreaker)));
      }
      if (route.receiver == null) {
        throw new NotifierConfigException(file + ": route: the root route needs a receiver");
      }
      Map<String, List<TimeInterval>> intervals = new LinkedHashMap<>();
      addIntervals(file, "time_intervals", timeIntervals, intervals);
      addIntervals(file, "mute_time_intervals", muteTimeIntervals, intervals);
      Route tree =
          route.toRoute(
              null, null, Grouping.PER_ALERT, names, intervals.keySet(), file + ": route");
      EscalationPolicy policy = escalation == null ? null : escalation.policy();
      if (policy != null && !names.contains(policy.receiver())) {
        throw new NotifierConfigException(
            file + ": escalation: unknown receiver '" + policy.receiver() + "'");
      }
      List<Silence> silenceList = new ArrayList<>();
      Set<String> silenceIds = new HashSet<>();
      List<RawSilence> rawSilences = silences == null ? List.of() : silences;
      for (int i = 0; i < rawSilences.size(); i++) {
        Silence silence = rawSilences.get(i).silence(i);
        if (!silenceIds.add(silence.id())) {
          throw new NotifierConfigException(
              file + ": silences[" + i + "]: duplicate silence id '" + silence.id() + "'");
        }
        silenceList.add(silence);
      }
      return new NotifierConfig(
          out,
          tree,
          defaultRetry,
          defaultBreaker,
          policy,
          intervals,
          silenceList,
          batching == null ? null : batching.schedule());
    }

    private static void addIntervals(
        String file,
        String section,
        List<RawTimeIntervals> raw,
        Map<String, List<TimeInterval>> into) {
      if (raw == null) {
        return;
      }
      for (int i = 0; i < raw.size(); i++) {
        RawTimeIntervals r = raw.get(i);
        if (into.put(r.name, r.intervals()) != null) {
          throw new NotifierConfigException(
              file + ": " + section + "[" + i + "]: duplicate time interval '" + r.name + "'");
        }
      }
    }
  }

  record RawReceiver(
      @JsonProperty("name") String name,
      @JsonProperty("send_resolved") Boolean sendResolved,
      @JsonProperty("console") Map<String, Object> console,
      @JsonProperty("webhook") Map<String, Object> webhook,
      @JsonProperty("slack") Map<String, Object> slack,
      @JsonProperty("pagerduty") Map<String, Object> pagerduty,
      @JsonProperty("email") Map<String, Object> email,
      @JsonProperty("alertmanager") Map<String, Object> alertmanager,
      @JsonProperty("retry") RawRetry retry,
      @JsonProperty("circuit_breaker") RawBreaker circuitBreaker) {

    Map<String, Map<String, Object>> kinds() {
      Map<String, Map<String, Object>> k = new LinkedHashMap<>();
      put(k, "console", console);
      put(k, "webhook", webhook);
      put(k, "slack", slack);
      put(k, "pagerduty", pagerduty);
      put(k, "email", email);
      put(k, "alertmanager", alertmanager);
      return k;
    }

    private static void put(
        Map<String, Map<String, Object>> k, String kind, Map<String, Object> settings) {
      if (settings != null) {
        k.put(kind, settings);
      }
    }
  }

  record RawRoute(
      @JsonProperty("receiver") String receiver,
      @JsonProperty("matchers") List<LabelMatcher> matchers,
      @JsonProperty("continue") Boolean continueMatching,
      @JsonProperty("routes") List<RawRoute> routes,
      @JsonProperty("group_by") List<String> groupBy,
      @JsonProperty("group_wait") String groupWait,
      @JsonProperty("group_interval") String groupInterval,
      @JsonProperty("repeat_interval") String repeatInterval,
      @JsonProperty("mute_time_intervals") List<String> muteTimeIntervals,
      @JsonProperty("active_time_intervals") List<String> activeTimeIntervals) {

    RawRoute {
      new Grouping(
          groupBy == null || groupBy.equals(List.of("...")) ? null : groupBy,
          duration(groupWait, Duration.ZERO),
          duration(groupInterval, Duration.ZERO),
          duration(repeatInterval, null));
    }

    Route toRoute(
        String parentKey,
        String inheritedReceiver,
        Grouping inherited,
        Set<String> receiverNames,
        Set<String> intervalNames,
        String where) {
      String own = receiver == null ? inheritedReceiver : receiver;
      if (!receiverNames.contains(own)) {
        throw new NotifierConfigException(where + ": unknown receiver '" + own + "'");
      }
      for (String name : concat(muteTimeIntervals, activeTimeIntervals)) {
        if (!intervalNames.contains(name)) {
          throw new NotifierConfigException(where + ": unknown time interval '" + name + "'");
        }
      }
      List<LabelMatcher> ms = matchers == null ? List.of() : matchers;
      String key = parentKey == null ? "{}" : Route.keyOf(parentKey, ms, own);
      Grouping grouping = grouping(inherited);
      List<Route> children = new ArrayList<>();
      Set<String> childKeys = new HashSet<>();
      List<RawRoute> raw = routes == null ? List.of() : routes;
      for (int i = 0; i < raw.size(); i++) {
        Route child =
            raw.get(i)
                .toRoute(
                    key, own, grouping, receiverNames, intervalNames, where + ".routes[" + i + "]");
        if (!childKeys.add(child.key())) {
          // Siblings alike in matchers and receiver: the position tells them apart.
          child = withKey(child, child.key() + "#" + i);
        }
        children.add(child);
      }
      return new Route(
          key,
          ms,
          own,
          Boolean.TRUE.equals(continueMatching),
          children,
          grouping,
          muteTimeIntervals == null ? List.of() : muteTimeIntervals,
          activeTimeIntervals == null ? List.of() : activeTimeIntervals);
    }

    /** Alertmanager's inheritance: each setting not given is the parent's. */
    private Grouping grouping(Grouping parent) {
      List<String> by =
          groupBy == null ? parent.groupBy() : groupBy.equals(List.of("...")) ? null : groupBy;
      boolean grouped = by != null;
      Duration wait =
          duration(
              groupWait,
              groupBy != null && parent.perAlert() && grouped
                  ? Grouping.DEFAULT_GROUP_WAIT
                  : parent.groupWait());
      Duration interval =
          duration(
              groupInterval,
              groupBy != null && parent.perAlert() && grouped
                  ? Grouping.DEFAULT_GROUP_INTERVAL
                  : parent.groupInterval());
      return new Grouping(by, wait, interval, duration(repeatInterval, parent.repeatInterval()));
    }

    private static Route withKey(Route r, String key) {
      return new Route(
          key,
          r.matchers(),
          r.receiver(),
          r.continueMatching(),
          r.routes(),
          r.grouping(),
          r.muteTimeIntervals(),
          r.activeTimeIntervals());
    }

    private static List<String> concat(List<String> a, List<String> b) {
      List<String> out = new ArrayList<>();
      if (a != null) {
        out.addAll(a);
      }
      if (b != null) {
        out.addAll(b);
      }
      return out;
    }
  }

  record RawTimeIntervals(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "time_intervals", required = true) List<RawTimeInterval> entries) {
    RawTimeIntervals {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a time interval needs a name");
      }
      if (entries == null || entries.isEmpty()) {
        throw new IllegalArgumentException("time interval '" + name + "' needs time_intervals");
      }
    }

    List<TimeInterval> intervals() {
      return entries.stream().map(RawTimeInterval::interval).toList();
    }
  }

  record RawTimes(
      @JsonProperty(value = "start_time", required = true) String startTime,
      @JsonProperty(value = "end_time", required = true) String endTime) {}

  record RawTimeInterval(
      @JsonProperty("times") List<RawTimes> times,
      @JsonProperty("weekdays") List<String> weekdays,
      @JsonProperty("days_of_month") List<String> daysOfMonth,
      @JsonProperty("months") List<String> months,
      @JsonProperty("years") List<String> years,
      @JsonProperty("location") String location) {
    RawTimeInterval {
      interval(times, weekdays, daysOfMonth, months, years, location);
    }

    TimeInterval interval() {
      return interval(times, weekdays, daysOfMonth, months, years, location);
    }

    private static TimeInterval interval(
        List<RawTimes> times,
        List<String> weekdays,
        List<String> daysOfMonth,
        List<String> months,
        List<String> years,
        String location) {
      return TimeInterval.parse(
          times == null
              ? List.of()
              : times.stream().map(t -> new String[] {t.startTime, t.endTime}).toList(),
          orEmpty(weekdays),
          orEmpty(daysOfMonth),
          orEmpty(months),
          orEmpty(years),
          location);
    }
  }

  record RawSilence(
      @JsonProperty("id") String id,
      @JsonProperty(value = "matchers", required = true) List<LabelMatcher> matchers,
      @JsonProperty(value = "starts_at", required = true) String startsAt,
      @JsonProperty(value = "ends_at", required = true) String endsAt,
      @JsonProperty("created_by") String createdBy,
      @JsonProperty("comment") String comment) {
    RawSilence {
      silence(id, matchers, startsAt, endsAt, createdBy, comment, 0);
    }

    Silence silence(int index) {
      return silence(id, matchers, startsAt, endsAt, createdBy, comment, index);
    }

    private static Silence silence(
        String id,
        List<LabelMatcher> matchers,
        String startsAt,
        String endsAt,
        String createdBy,
        String comment,
        int index) {
      return new Silence(
          id == null || id.isBlank() ? "config-" + index : id,
          matchers == null ? List.of() : matchers,
          instant("starts_at", startsAt),
          instant("ends_at", endsAt),
          createdBy == null ? "config" : createdBy,
          comment == null ? "" : comment);
    }

    private static Instant instant(String field, String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException | NullPointerException e) {
        throw new IllegalArgumentException(
            field
                + " must be an ISO-8601 instant such as 2026-12-01T22:00:00Z, not '"
                + text
                + "'");
      }
    }
  }

  record RawBusinessHours(
      @JsonProperty("weekdays") List<String> weekdays,
      @JsonProperty("start") String start,
      @JsonProperty("end") String end) {}

  record RawBatching(
      @JsonProperty("timezone") String timezone,
      @JsonProperty("business_hours") RawBusinessHours businessHours,
      @JsonProperty("p3_next_business_day") Boolean p3,
      @JsonProperty("p4_daily_digest") Boolean p4,
      @JsonProperty("digest_at") String digestAt) {
    RawBatching {
      schedule(timezone, businessHours, p3, p4, digestAt);
    }

    BatchSchedule schedule() {
      return schedule(timezone, businessHours, p3, p4, digestAt);
    }

    private static BatchSchedule schedule(
        String timezone, RawBusinessHours hours, Boolean p3, Boolean p4, String digestAt) {
      ZoneId zone = TimeInterval.zone(timezone);
      BatchSchedule d = BatchSchedule.defaults(zone);
      Set<DayOfWeek> days = d.businessDays();
      LocalTime start = d.start();
      LocalTime end = d.end();
      if (hours != null) {
        if (hours.weekdays != null) {
          days = EnumSet.noneOf(DayOfWeek.class);
          for (TimeInterval.Range r :
              TimeInterval.parse(List.of(), hours.weekdays, List.of(), List.of(), List.of(), null)
                  .weekdays()) {
            for (int i = r.start(); i <= r.end(); i++) {
              days.add(DayOfWeek.of(i));
            }
          }
        }
        start = hours.start == null ? start : localTime(hours.start);
        end = hours.end == null ? end : localTime(hours.end);
      }
      return new BatchSchedule(
          p3 == null || p3,
          p4 == null || p4,
          zone,
          days,
          start,
          end,
          digestAt == null ? d.digestAt() : localTime(digestAt));
    }

    private static LocalTime localTime(String text) {
      int minute = TimeInterval.minuteOfDay(text);
      if (minute >= 24 * 60) {
        return LocalTime.MAX;
      }
      return LocalTime.of(minute / 60, minute % 60);
    }
  }

  private static List<String> orEmpty(List<String> l) {
    return l == null ? List.of() : l;
  }

  record RawEscalation(
      @JsonProperty(value = "receiver", required = true) String receiver,
      @JsonProperty("repeat_interval") String repeatInterval,
      @JsonProperty("p2_escalate_after") String p2EscalateAfter) {

    RawEscalation {
      if (receiver == null || receiver.isBlank()) {
        throw new IllegalArgumentException("escalation needs a receiver");
      }
      policy(receiver, repeatInterval, p2EscalateAfter);
    }

    EscalationPolicy policy() {
      return policy(receiver, repeatInterval, p2EscalateAfter);
    }

    private static EscalationPolicy policy(String receiver, String repeat, String p2After) {
      return new EscalationPolicy(
          receiver,
          duration(repeat, EscalationPolicy.DEFAULT_REPEAT),
          duration(p2After, EscalationPolicy.DEFAULT_P2_ESCALATE_AFTER));
    }
  }

  record RawRetry(
      @JsonProperty("max_attempts") Integer maxAttempts,
      @JsonProperty("initial_backoff") String initialBackoff,
      @JsonProperty("max_backoff") String maxBackoff,
      @JsonProperty("multiplier") Double multiplier,
      @JsonProperty("jitter") Double jitter,
      @JsonProperty("timeout") String timeout) {

    RawRetry {
      // Validate here, where Jackson still knows the line; fields are assigned only after this.
      policy(null, maxAttempts, initialBackoff, maxBackoff, multiplier, jitter, timeout);
    }

    RetryPolicy policy(RetryPolicy base) {
      return policy(base, maxAttempts, initialBackoff, maxBackoff, multiplier, jitter, timeout);
    }

    private static RetryPolicy policy(
        RetryPolicy base,
        Integer maxAttempts,
        String initialBackoff,
        String maxBackoff,
        Double multiplier,
        Double jitter,
        String timeout) {
      RetryPolicy b = base == null ? RetryPolicy.defaults() : base;
      return new RetryPolicy(
          maxAttempts == null ? b.maxAttempts() : maxAttempts,
          duration(initialBackoff, b.initialBackoff()),
          duration(maxBackoff, b.maxBackoff()),
          multiplier == null ? b.multiplier() : multiplier,
          jitter == null ? b.jitter() : jitter,
          duration(timeout, b.timeout()));
    }
  }

  record RawBreaker(
      @JsonProperty("failure_rate_threshold") Float failureRate,
      @JsonProperty("minimum_calls") Integer minimumCalls,
      @JsonProperty("sliding_window") Integer slidingWindow,
      @JsonProperty("open_for") String openFor) {

    RawBreaker {
      policy(null, failureRate, minimumCalls, slidingWindow, openFor);
    }

    BreakerPolicy policy(BreakerPolicy base) {
      return policy(base, failureRate, minimumCalls, slidingWindow, openFor);
    }

    private static BreakerPolicy policy(
        BreakerPolicy base,
        Float failureRate,
        Integer minimumCalls,
        Integer slidingWindow,
        String openFor) {
      BreakerPolicy b = base == null ? BreakerPolicy.defaults() : base;
      return new BreakerPolicy(
          failureRate == null ? b.failureRatePercent() : failureRate,
          minimumCalls == null ? b.minimumCalls() : minimumCalls,
          slidingWindow == null ? b.slidingWindow() : slidingWindow,
          duration(openFor, b.openFor()));
    }
  }

  private static Duration duration(String text, Duration fallback) {
    return text == null ? fallback : Durations.parse(text);
  }
}
