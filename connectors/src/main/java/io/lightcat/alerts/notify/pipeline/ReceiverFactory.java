package io.lightcat.alerts.notify.pipeline;

import io.lightcat.alerts.notify.Notifier;
import io.lightcat.alerts.notify.Secret;
import io.lightcat.alerts.notify.alertmanager.AlertmanagerNotifier;
import io.lightcat.alerts.notify.console.ConsoleNotifier;
import io.lightcat.alerts.notify.email.EmailNotifier;
import io.lightcat.alerts.notify.pagerduty.PagerDutyNotifier;
import io.lightcat.alerts.notify.slack.SlackNotifier;
import io.lightcat.alerts.notify.webhook.WebhookNotifier;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds each configured receiver's notifier, resolving its secrets ({@code ${env:VAR}}, {@code
 * file:/path}) now, so a missing secret fails the start rather than the first alert.
 */
public final class ReceiverFactory {
  private static final Map<String, Set<String>> KEYS =
      Map.of(
          "console", Set.of(),
          "webhook", Set.of("url", "secret"),
          "slack", Set.of("url", "runbook_base_url"),
          "pagerduty", Set.of("routing_key", "url"),
          "email", Set.of("host", "port", "from", "to", "username", "password", "starttls"),
          "alertmanager", Set.of("url"));

  private final Function<String, String> env;
  private final Clock clock;
  private final PrintStream console;

  public ReceiverFactory(Function<String, String> env, Clock clock, PrintStream console) {
    this.env = env;
    this.clock = clock;
    this.console = console;
  }

  /** Every receiver of {@code config} behind its retry and circuit breaker, by name. */
  public Map<String, ReliableNotifier> build(NotifierConfig config) {
    Map<String, ReliableNotifier> out = new LinkedHashMap<>();
    for (NotifierConfig.ReceiverConfig r : config.receivers()) {
      out.put(
          r.name(),
          new ReliableNotifier(notifier(r), r.sendResolved(), r.retry(), r.circuitBreaker()));
    }
    return out;
  }

  /**
   * @throws NotifierConfigException naming the receiver and key (never a secret's value)
   */
  public Notifier notifier(NotifierConfig.ReceiverConfig r) {
    Settings s = new Settings(r.name() + "." + r.type(), r.settings(), KEYS.get(r.type()));
    var timeout = r.retry().timeout();
    return switch (r.type()) {
      case "console" -> new ConsoleNotifier(r.name(), console);
      case "webhook" ->
          new WebhookNotifier(r.name(), s.secret("url"), s.optionalSecret("secret"), timeout);
      case "slack" ->
          new SlackNotifier(
              r.name(), s.secret("url"), s.optionalString("runbook_base_url"), timeout);
      case "pagerduty" ->
          new PagerDutyNotifier(
              r.name(), s.secret("routing_key"), s.optionalString("url"), timeout);
      case "alertmanager" -> new AlertmanagerNotifier(r.name(), s.secret("url"), timeout, clock);
      case "email" ->
          new EmailNotifier(
              r.name(),
              new EmailNotifier.Smtp(
                  s.string("host"),
                  s.integer("port", 587),
                  s.optionalString("username"),
                  s.optionalSecret("password"),
                  s.bool("starttls", true),
                  s.string("from"),
                  s.list("to"),
                  timeout));
      default -> throw new NotifierConfigException(r.name() + ": unknown type " + r.type());
    };
  }

  private final class Settings {
    private final String where;
    private final Map<String, Object> values;

    Settings(String where, Map<String, Object> values, Set<String> allowed) {
      this.where = where;
      this.values = values == null ? Map.of() : values;
      Set<String> unknown = new TreeSet<>(this.values.keySet());
      unknown.removeAll(allowed);
      if (!unknown.isEmpty()) {
        throw new NotifierConfigException(
            "receiver "
                + where
                + ": unknown key(s) "
                + unknown
                + ", expected "
                + new TreeSet<>(allowed));
      }
    }

    String optionalString(String key) {
      Object v = values.get(key);
      return v == null ? null : v.toString();
    }

    String string(String key) {
      String v = optionalString(key);
      if (v == null || v.isBlank()) {
        throw new NotifierConfigException("receiver " + where + ": missing " + key);
      }
      return v;
    }

    Secret secret(String key) {
      try {
        return Secret.resolve(string(key), env);
      } catch (IllegalArgumentException e) {
        throw new NotifierConfigException("receiver " + where + "." + key + ": " + e.getMessage());
      }
    }

    Secret optionalSecret(String key) {
      return values.get(key) == null ? null : secret(key);
    }

    int integer(String key, int fallback) {
      Object v = values.get(key);
      if (v == null) {
        return fallback;
      }
      try {
        return Integer.parseInt(v.toString());
      } catch (NumberFormatException e) {
        throw new NotifierConfigException("receiver " + where + "." + key + ": not a number: " + v);
      }
    }

    boolean bool(String key, boolean fallback) {
      Object v = values.get(key);
      return v == null ? fallback : Boolean.parseBoolean(v.toString());
    }

    List<String> list(String key) {
      Object v = values.get(key);
      if (v instanceof List<?> l && !l.isEmpty()) {
        return l.stream().map(String::valueOf).toList();
      }
      if (v instanceof String str && !str.isBlank()) {
        return List.of(str.split("\\s*,\\s*"));
      }
      throw new NotifierConfigException("receiver " + where + ": missing " + key);
    }
  }
}
