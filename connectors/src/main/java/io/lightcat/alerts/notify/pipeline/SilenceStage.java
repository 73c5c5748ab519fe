package io.lightcat.alerts.notify.pipeline;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.notify.silence.Silence;
import io.lightcat.alerts.notify.silence.Silences;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the alerts a silence holds from notifications that bypass the {@link AlertGrouper}
 * (escalations and their repeats), logging and counting each, and passes the rest on.
 */
final class SilenceStage implements Consumer<List<Notification>> {
  private static final Logger log = LoggerFactory.getLogger(SilenceStage.class);

  private final Silences silences;
  private final Clock clock;
  private final NotifierMetrics metrics;
  private final Consumer<List<Notification>> next;

  SilenceStage(
      Silences silences, Clock clock, NotifierMetrics metrics, Consumer<List<Notification>> next) {
    this.silences = Objects.requireNonNull(silences, "silences");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void accept(List<Notification> notifications) {
    List<Notification> out = new ArrayList<>();
    for (Notification n : notifications) {
      List<Alert> kept = new ArrayList<>();
      for (Alert a : n.alerts()) {
        Optional<Silence> s = silences.silencing(a, clock.instant());
        if (s.isPresent()) {
          log.info(
              "suppressed: {} {} for receiver {} (silenced by {}), key {}",
              a.fingerprint(),
              a.status(),
              n.receiver(),
              s.get().id(),
              n.idempotencyKey());
          metrics.suppressed(n.receiver(), "silence");
        } else {
          kept.add(a);
        }
      }
      if (kept.size() == n.alerts().size()) {
        out.add(n);
      } else if (!kept.isEmpty()) {
        out.add(new Notification(kept, n.receiver(), n.idempotencyKey(), n.group()));
      }
    }
    if (!out.isEmpty()) {
      next.accept(out);
    }
  }
}
