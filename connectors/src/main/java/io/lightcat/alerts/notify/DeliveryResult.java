package io.lightcat.alerts.notify;

import java.util.Objects;

/** The outcome of one delivery attempt. Reasons are safe to log: they carry no secrets. */
public sealed interface DeliveryResult {

  static DeliveryResult ok() {
    return Ok.INSTANCE;
  }

  static DeliveryResult retryable(String reason) {
    return new Retryable(reason);
  }

  static DeliveryResult permanent(String reason) {
    return new Permanent(reason);
  }

  /** Delivered. */
  enum Ok implements DeliveryResult {
    INSTANCE
  }

  /** Failed, but the same request may succeed later (5xx, 429, I/O error, timeout). */
  record Retryable(String reason) implements DeliveryResult {
    public Retryable {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Failed, and retrying the same request cannot help (4xx other than 429, bad address). */
  record Permanent(String reason) implements DeliveryResult {
    public Permanent {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
