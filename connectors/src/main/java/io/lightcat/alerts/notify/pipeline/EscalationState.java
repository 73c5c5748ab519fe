package io.lightcat.alerts.notify.pipeline;

import io.lightcat.alerts.lifecycle.Alert;

/**
 * What the escalator remembers of one firing alert, stored as JSON under its fingerprint in the
 * compacted {@code notifications.state} topic. Times are epoch milliseconds of the notifier's
 * clock.
 *
 * @param since when the escalator took this alert episode on; acknowledgements older than that
 *     belong to an earlier episode
 * @param nextRepeatAt when a P1 is notified again; null: no repeat pending
 * @param escalateAt when a P2 goes to the escalation receiver; null: not pending
 * @param repeats how many repeats were sent
 * @param acked acknowledged: no more repeats or escalation for this episode
 */
public record EscalationState(
    Alert alert, long since, Long nextRepeatAt, Long escalateAt, int repeats, boolean acked) {

  EscalationState acknowledged() {
    return new EscalationState(alert, since, null, null, repeats, true);
  }
}
