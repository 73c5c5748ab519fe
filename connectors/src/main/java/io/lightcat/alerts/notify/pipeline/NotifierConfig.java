package io.lightcat.alerts.notify.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lightcat.alerts.rule.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notifier configuration file ({@code notify --config}), Alertmanager-like: {@code receivers}
 * (each a name and exactly one integration), a {@code route} tree, and delivery defaults ({@code
 * retry}, {@code circuit_breaker}) a receiver may override, and optional {@code escalation} ({@link
 * EscalationPolicy}; null when not configured). Secrets stay unresolved specs here ({@code
 * ${env:VAR}}, {@code file:/path}); {@link ReceiverFactory} resolves them at start.
 *
 * <p>Unknown keys, duplicate keys, bad durations, bad matchers and references to unknown receivers
 * fail the load with {@code file:line: problem} (the line where Jackson can tell it).
 */
public record NotifierConfig(
    List<ReceiverConfig> receivers,
    Route route,
    RetryPolicy retry,
    BreakerPolicy circuitBreaker,
    EscalationPolicy escalation) {

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
      @JsonProperty("escalation") RawEscalation escalation) {

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
      Route tree = route.toRoute(null, names, file + ": route");
      EscalationPolicy policy = escalation == null ? null : escalation.policy();
      if (policy != null && !names.contains(policy.receiver())) {
        throw new NotifierConfigException(
            file + ": escalation: unknown receiver '" + policy.receiver() + "'");
      }
      return new NotifierConfig(out, tree, defaultRetry, defaultBreaker, policy);
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
      @JsonProperty("repeat_interval") String repeatInterval) {

    RawRoute {
      if (groupBy != null || groupWait != null || groupInterval != null) {
        throw new IllegalArgumentException(
            "grouping (group_by, group_wait, group_interval) is not supported yet:"
                + " every alert record is notified on its own");
      }
      if (repeatInterval != null) {
        throw new IllegalArgumentException(
            "repeat_interval is not supported yet: alerts are notified once per record");
      }
    }

    Route toRoute(String inherited, Set<String> receiverNames, String where) {
      String own = receiver == null ? inherited : receiver;
      if (!receiverNames.contains(own)) {
        throw new NotifierConfigException(where + ": unknown receiver '" + own + "'");
      }
      List<Route> children = new ArrayList<>();
      List<RawRoute> raw = routes == null ? List.of() : routes;
      for (int i = 0; i < raw.size(); i++) {
        children.add(raw.get(i).toRoute(own, receiverNames, where + ".routes[" + i + "]"));
      }
      return new Route(
          matchers == null ? List.of() : matchers,
          own,
          Boolean.TRUE.equals(continueMatching),
          children);
    }
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
