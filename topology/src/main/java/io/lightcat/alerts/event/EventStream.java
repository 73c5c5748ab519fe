package io.lightcat.alerts.event;

import io.lightcat.alerts.config.TopicNames;
import java.util.Locale;
import java.util.Optional;

/** PLACEHOLDER until the ingestion branch lands. */
public enum EventStream {
  REQUESTS,
  PAYMENTS,
  GAME,
  INFRA;

  public String ruleName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EventStream> fromRuleName(String name) {
    for (EventStream s : values()) {
      if (s.ruleName().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public String topic(TopicNames t) {
    return switch (this) {
      case REQUESTS -> t.requests();
      case PAYMENTS -> t.payments();
      case GAME -> t.game();
      case INFRA -> t.infra();
    };
  }
}
