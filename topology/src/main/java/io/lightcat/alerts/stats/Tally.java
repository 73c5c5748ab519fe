package io.lightcat.alerts.stats;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A mergeable summary of some events over one time bucket (a minute or a day): counts and sums, and
 * where a figure needs it a quantile or distinct-count sketch — never a pre-divided average, so
 * that the parts built on any partition, instance or bucket add up to the figure of their union.
 *
 * <p>Mutable and not thread-safe: one stream thread (or one query) owns each instance.
 */
public sealed interface Tally
    permits RequestTally, PaymentTally, GameTally, HealthTally, DistinctTally {

  /** Folds {@code other}, which must be of the same class, into this one; returns this. */
  Tally merge(Tally other);

  /** Writes the binary form, without the type tag ({@link TallySerde} adds it). */
  void writeTo(DataOutputStream out) throws IOException;

  /** A new, empty tally of the same class. */
  Tally empty();

  /** A deep copy. */
  default Tally copy() {
    return empty().merge(this);
  }
}
