package io.lightcat.alerts.notify.pipeline;

import java.util.Collection;
import java.util.Map;

/** Where alert groups survive a restart of the notifier. */
interface GroupStore {
  /** Every stored group by key. */
  Map<String, AlertGroup> loadAll();

  /** Stores {@code changed} and forgets {@code deleted}, durably, before returning. */
  void write(Collection<AlertGroup> changed, Collection<String> deleted);
}
