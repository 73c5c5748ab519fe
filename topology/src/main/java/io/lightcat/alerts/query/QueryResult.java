package io.lightcat.alerts.query;

import java.util.Objects;

/**
 * The answer of a state-store query: the value, or why the store cannot answer right now. Kafka
 * Streams stores are not queryable while their tasks migrate (a rebalance, a restore after a
 * restart); callers retry such answers instead of treating them as empty.
 */
public sealed interface QueryResult<T> {
  /** The store answered. */
  record Ready<T>(T value) implements QueryResult<T> {
    public Ready {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The store cannot answer now; retrying later may succeed. */
  record NotReady<T>(String reason) implements QueryResult<T> {
    public NotReady {
      Objects.requireNonNull(reason, "reason");
    }
  }

  static <T> QueryResult<T> ready(T value) {
    return new Ready<>(value);
  }

  static <T> QueryResult<T> notReady(String reason) {
    return new NotReady<>(reason);
  }
}
