package io.lightcat.alerts.notify.pipeline;

import io.lightcat.alerts.notify.Notification;

/** Where notifications go after their last failed attempt ({@code notifications.dlq}). */
public interface DeadLetters {
  /**
   * Stores {@code notification} with the reason; returns only once it is stored durably.
   *
   * @throws RuntimeException when it cannot be stored: the caller must then not commit
   */
  void deadLetter(Notification notification, String reason);

  /** Stores a record of the alerts topic that is not an alert. */
  void deadLetterRaw(byte[] key, byte[] value, String reason);
}
