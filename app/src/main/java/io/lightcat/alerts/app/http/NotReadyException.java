package io.lightcat.alerts.app.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The engine cannot answer this request right now (a rebalance, a restore, an unreachable peer);
 * the exception mapper answers 503 with {@code Retry-After}.
 */
public final class NotReadyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What clients are told to wait: rebalances of a small group settle within seconds. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  public NotReadyException(String reason) {
    super(Objects.requireNonNull(reason, "reason"));
  }
}
