package io.lightcat.alerts.notify.console;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.AlertmanagerShape;
import io.lightcat.alerts.notify.DeliveryResult;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.notify.Notifier;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Prints one line per alert: {@code [P1] FIRING api-error-rate {service=api}: summary}; a group
 * notification is headed by a line naming the group.
 */
public final class ConsoleNotifier implements Notifier {
  private final String name;
  private final PrintStream out;

  public ConsoleNotifier(String name, PrintStream out) {
    this.name = Objects.requireNonNull(name, "name");
    this.out = Objects.requireNonNull(out, "out");
  }

  @Override
  public String name() {
    return name;
  }

  /** One line per alert; a group's lines all carry the group notification's key. */
  @Override
  public DeliveryResult deliver(Notification n) {
    if (n.group() != null) {
      out.println(
          "-- "
              + n.group().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
              + " "
              + n.group().sortedLabels()
              + ": "
              + n.alerts().size()
              + " alert(s) key="
              + n.idempotencyKey());
    }
    for (Alert a : n.alerts()) {
      out.println(line(a, n.idempotencyKey()));
    }
    out.flush();
    return out.checkError()
        ? DeliveryResult.retryable("console write failed")
        : DeliveryResult.ok();
  }

  static String line(Alert a, String key) {
    String value =
        a.value() == null
            ? ""
            : " (value "
                + AlertmanagerShape.number(a.value())
                + (a.threshold() == null
                    ? ""
                    : ", threshold " + AlertmanagerShape.number(a.threshold()))
                + ")";
    return "["
        + a.severity()
        + "] "
        + String.valueOf(a.status()).toUpperCase(java.util.Locale.ROOT)
        + " "
        + a.rule()
        + " "
        + (a.labels() == null ? "{}" : new java.util.TreeMap<>(a.labels()))
        + ": "
        + a.summary()
        + value
        + " key="
        + key;
  }

  @Override
  public String toString() {
    return "ConsoleNotifier[" + name + "]";
  }
}
