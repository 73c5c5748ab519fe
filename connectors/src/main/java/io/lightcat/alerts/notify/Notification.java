package io.lightcat.alerts.notify;

import io.lightcat.alerts.lifecycle.Alert;
import java.util.Objects;

/**
 * One alert record on its way to one receiver.
 *
 * @param idempotencyKey the alert id and status, {@code <id>:<status>}: the same for every
 *     redelivery of this record, different for its resolution, so receivers can deduplicate
 */
public record Notification(Alert alert, String receiver, String idempotencyKey) {
  public Notification {
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }

  public static Notification of(Alert alert, String receiver) {
    return new Notification(alert, receiver, idempotencyKey(alert));
  }

  public static String idempotencyKey(Alert alert) {
    return alert.id() + ":" + alert.status();
  }

  public boolean resolved() {
    return Alert.RESOLVED.equals(alert.status());
  }
}
