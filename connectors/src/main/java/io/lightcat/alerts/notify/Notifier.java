package io.lightcat.alerts.notify;

/**
 * Delivers one notification to one receiver (Slack, PagerDuty, a webhook, ...).
 *
 * <p>The contract: {@link #deliver} never throws for delivery problems; it tells whether the
 * attempt succeeded, may succeed when tried again ({@link DeliveryResult.Retryable}: 5xx, 429, I/O
 * errors, timeouts) or never will ({@link DeliveryResult.Permanent}: other 4xx, bad addresses).
 * Retrying, circuit breaking and dead-lettering are the pipeline's job, not the notifier's.
 * Reasons, log lines and {@code toString} never contain secrets (tokens, webhook URLs, passwords);
 * URLs appear as {@code scheme://host/...}. Every request carries the notification's idempotency
 * key so the receiving side can drop duplicates of a redelivery.
 */
public interface Notifier {
  /** The receiver name from the configuration. */
  String name();

  DeliveryResult deliver(Notification notification);
}
