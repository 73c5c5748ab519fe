package io.lightcat.alerts.notify.pipeline;

import io.lightcat.alerts.notify.Notification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Delivers notifications already addressed to their receivers, in parallel, each receiver with its
 * own retries; what still fails is dead-lettered. {@link #deliver} returns only when every
 * notification has either been delivered or dead-lettered, so the caller may then record it as done
 * (commit an offset, store a group's state).
 */
public final class NotificationDispatcher implements AutoCloseable {
  private final Map<String, ReliableNotifier> receivers;
  private final DeadLetters deadLetters;
  private final NotifierMetrics metrics;
  private final ExecutorService pool;

  public NotificationDispatcher(
      Map<String, ReliableNotifier> receivers, DeadLetters deadLetters, NotifierMetrics metrics) {
    this.receivers = Map.copyOf(receivers);
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.pool = Executors.newFixedThreadPool(Math.max(1, receivers.size()));
  }

  /** What happened to each notification; dead-lettered ones are not delivered. */
  public record Dispatch(List<ReliableNotifier.Outcome> outcomes) {}

  /** Whether resolved alerts go to {@code receiver} ({@code send_resolved}). */
  public boolean sendResolved(String receiver) {
    return receiver(receiver).sendResolved();
  }

  /**
   * Delivers {@code notifications} in parallel; returns when each was delivered or dead-lettered.
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
    long start = System.nanoTime();
    ReliableNotifier.Outcome outcome = receiver.deliver(n);
    if (!outcome.delivered()) {
      deadLetters.deadLetter(n, outcome.result() + " after " + outcome.attempts() + " attempt(s)");
    }
    metrics.delivered(outcome, Duration.ofNanos(System.nanoTime() - start));
    return outcome;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
