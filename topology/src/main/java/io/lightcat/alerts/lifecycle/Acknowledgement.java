package io.lightcat.alerts.lifecycle;

import java.util.Objects;

/**
 * Someone acknowledged an alert's episode: who said they did, and when (ISO-8601 UTC, wall clock of
 * the instance that took the acknowledgement).
 */
public record Acknowledgement(String by, String at) {
  public Acknowledgement {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }

  /** The acknowledgement an {@code ack} action records. */
  public static Acknowledgement of(AlertAction action) {
    return new Acknowledgement(action.by(), action.at());
  }
}
