package io.lightcat.alerts.event;

import io.lightcat.alerts.config.TopicNames;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The four input event streams (CONTRACT section 3), each read from its own topic.
 *
 * <p>{@link #ruleName()} is the name rules use in {@code source:}; {@link #topic(TopicNames)} is
 * where the stream's records are read from.
 */
public enum EventStream {
  REQUESTS("requests"),
  PAYMENTS("payments"),
  GAME("game"),
  INFRA("infra");

  private final String ruleName;

  EventStream(String ruleName) {
    this.ruleName = ruleName;
  }

  /** The lower-case name rules use in {@code source:}, e.g. {@code "requests"}. */
  public String ruleName() {
    return ruleName;
  }

  /** The stream whose {@link #ruleName()} is exactly {@code name}, if any. */
  public static Optional<EventStream> fromRuleName(String name) {
    return Arrays.stream(values()).filter(s -> s.ruleName.equals(name)).findFirst();
  }

  /** The topic this stream is read from. */
  public String topic(TopicNames topics) {
    Objects.requireNonNull(topics, "topics");
    return switch (this) {
      case REQUESTS -> topics.requests();
      case PAYMENTS -> topics.payments();
      case GAME -> topics.game();
      case INFRA -> topics.infra();
    };
  }

  /** The stream read from {@code topic}, if {@code topic} is one of the four event topics. */
  public static Optional<EventStream> ofTopic(TopicNames topics, String topic) {
    Objects.requireNonNull(topics, "topics");
    return Arrays.stream(values()).filter(s -> s.topic(topics).equals(topic)).findFirst();
  }
}
