package io.lightcat.alerts.notify.pipeline;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.lightcat.alerts.notify.DeliveryResult;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.notify.Notifier;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One receiver behind its own retry (resilience4j, exponential backoff with jitter, retrying only
 * {@link DeliveryResult.Retryable}) and circuit breaker (counting retryable failures). The result
 * is the last attempt's: ok, or the failure that ends up in the dead-letter topic.
 */
public final class ReliableNotifier {
  private static final Logger log = LoggerFactory.getLogger(ReliableNotifier.class);

  private final Notifier notifier;
  private final boolean sendResolved;
  private final Retry retry;
  private final CircuitBreaker breaker;

  /** The outcome of one delivery with all its retries. */
  public record Outcome(String receiver, DeliveryResult result, int attempts) {
    public boolean delivered() {
      return result instanceof DeliveryResult.Ok;
    }
  }

  public ReliableNotifier(
      Notifier notifier, boolean sendResolved, RetryPolicy retryPolicy, BreakerPolicy breaker) {
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.sendResolved = sendResolved;
    this.retry =
        Retry.of(
            notifier.name(),
            RetryConfig.<DeliveryResult>custom()
                .maxAttempts(retryPolicy.maxAttempts())
                .intervalFunction(
                    IntervalFunction.ofExponentialRandomBackoff(
                        retryPolicy.initialBackoff(),
                        retryPolicy.multiplier(),
                        retryPolicy.jitter(),
                        retryPolicy.maxBackoff()))
                .retryOnResult(r -> r instanceof DeliveryResult.Retryable)
                .failAfterMaxAttempts(false)
                .build());
    this.breaker =
        CircuitBreaker.of(
            notifier.name(),
            CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRatePercent())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .slidingWindowSize(breaker.slidingWindow())
                .waitDurationInOpenState(breaker.openFor())
                .recordResult(r -> r instanceof DeliveryResult.Retryable)
                .build());
  }

  public String name() {
    return notifier.name();
  }

  /** Whether resolved notifications go to this receiver ({@code send_resolved}). */
  public boolean sendResolved() {
    return sendResolved;
  }

  public CircuitBreaker.State breakerState() {
    return breaker.getState();
  }

  /** Delivers with retries; never throws for delivery failures. */
  public Outcome deliver(Notification n) {
    AtomicInteger attempts = new AtomicInteger();
    Supplier<DeliveryResult> guarded =
        () -> {
          attempts.incrementAndGet();
          try {
            return breaker.executeSupplier(() -> attempt(n, attempts.get()));
          } catch (CallNotPermittedException e) {
            // Not worth retrying while the breaker is open: dead-letter now, replay later.
            return DeliveryResult.permanent("circuit breaker of receiver " + name() + " is open");
          }
        };
    DeliveryResult result = Retry.decorateSupplier(retry, guarded).get();
    return new Outcome(name(), result, attempts.get());
  }

  private DeliveryResult attempt(Notification n, int attempt) {
    DeliveryResult r;
    try {
      r = notifier.deliver(n);
    } catch (RuntimeException e) {
      // A notifier bug must not kill the pipeline; the type is safe to show, the message may not
      // be.
      log.error("receiver {} threw {}", name(), e.getClass().getName());
      r = DeliveryResult.permanent("receiver threw " + e.getClass().getSimpleName());
    }
    if (!(r instanceof DeliveryResult.Ok)) {
      log.warn("receiver {} attempt {} for {}: {}", name(), attempt, n.idempotencyKey(), r);
    }
    return r;
  }
}
