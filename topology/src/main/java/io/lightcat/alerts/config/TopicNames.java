package io.lightcat.alerts.config;

import java.util.List;
import java.util.Objects;

/**
 * The engine's topic names (CONTRACT section 2), each overridable and all prefixed by an optional
 * {@code --topic-prefix}.
 */
public record TopicNames(
    String requests,
    String payments,
    String game,
    String infra,
    String alerts,
    String dlq,
    String rules,
    String actions,
    String notificationsDlq,
    String notificationsState) {

  public TopicNames {
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(payments, "payments");
    Objects.requireNonNull(game, "game");
    Objects.requireNonNull(infra, "infra");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(dlq, "dlq");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(actions, "actions");
    Objects.requireNonNull(notificationsDlq, "notificationsDlq");
    Objects.requireNonNull(notificationsState, "notificationsState");
  }

  /** The contract's default names. */
  public static TopicNames defaults() {
    return withPrefix("");
  }

  /** The contract's default names with {@code prefix} prepended to each. */
  public static TopicNames withPrefix(String prefix) {
    String p = prefix == null ? "" : prefix;
    return new TopicNames(
        p + "events.requests",
        p + "events.payments",
        p + "events.game",
        p + "events.infra",
        p + "alerts",
        p + "events.dlq",
        p + "alert-rules",
        p + "alert-actions",
        p + "notifications.dlq",
        p + "notifications.state");
  }

  /** The four input event topics. */
  public List<String> eventTopics() {
    return List.of(requests, payments, game, infra);
  }

  /** Every topic the engine and the notifier read or write, inputs first. */
  public List<String> all() {
    return List.of(
        requests,
        payments,
        game,
        infra,
        alerts,
        dlq,
        rules,
        actions,
        notificationsDlq,
        notificationsState);
  }
}
