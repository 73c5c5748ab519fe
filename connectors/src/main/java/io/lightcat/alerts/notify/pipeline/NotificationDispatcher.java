package io.lightcat.alerts.notify.pipeline;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Routes one alert and delivers it to every receiver it reaches, in parallel, each with its own
 * retries; what still fails is dead-lettered. {@link #dispatch} returns only when every receiver
 * has either succeeded or dead-lettered, so the caller may then commit the alert's offset.
 */
public final class NotificationDispatcher implements AutoCloseable {
  private final Route route;
  private final Map<String, ReliableNotifier> receivers;
  private final DeadLetters deadLetters;
  private final ExecutorService pool;

  public NotificationDispatcher(
      Route route, Map<String, ReliableNotifier> receivers, DeadLetters deadLetters) {
    this.route = Objects.requireNonNull(route, "route");
    this.receivers = Map.copyOf(receivers);
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.pool = Executors.newFixedThreadPool(Math.max(1, receivers.size()));
  }

  /** What happened to one alert at each receiver; dead-lettered ones are not delivered. */
  public record Dispatch(List<ReliableNotifier.Outcome> outcomes) {}

  /**
   * @throws RuntimeException when a dead letter cannot be stored (then do not commit)
   */
  public Dispatch dispatch(Alert alert) {
    List<Notification> notifications = new ArrayList<>();
    for (String name : route.receivers(alert)) {
      ReliableNotifier receiver = receiver(name);
      if (!alert.firing() && !receiver.sendResolved()) {
        continue;
      }
      notifications.add(Notification.of(alert, name));
    }
    return deliver(notifications);
  }

  /**
   * Delivers notifications already addressed to their receivers (escalations, repeats), in
   * parallel; returns when each was delivered or dead-lettered.
   *
   * @throws RuntimeException when a dead letter cannot be stored (then do not commit)
   */
  public Dispatch deliver(List<Notification> notifications) {
    List<CompletableFuture<ReliableNotifier.Outcome>> pending = new ArrayList<>();
    for (Notification n : notifications) {
      ReliableNotifier receiver = receiver(n.receiver());
      pending.add(CompletableFuture.supplyAsync(() -> deliver(receiver, n), pool));
    }
    List<ReliableNotifier.Outcome> outcomes = new ArrayList<>();
    RuntimeException failure = null;
    for (CompletableFuture<ReliableNotifier.Outcome> f : pending) {
      try {
        outcomes.add(f.join());
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return new Dispatch(outcomes);
  }

  private ReliableNotifier receiver(String name) {
    ReliableNotifier receiver = receivers.get(name);
    if (receiver == null) {
      throw new IllegalStateException("route names unknown receiver " + name);
    }
    return receiver;
  }

  private ReliableNotifier.Outcome deliver(ReliableNotifier receiver, Notification n) {
    ReliableNotifier.Outcome outcome = receiver.deliver(n);
    if (!outcome.delivered()) {
      deadLetters.deadLetter(n, outcome.result() + " after " + outcome.attempts() + " attempt(s)");
    }
    return outcome;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
