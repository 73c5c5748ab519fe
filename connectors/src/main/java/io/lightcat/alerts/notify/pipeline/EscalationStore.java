package io.lightcat.alerts.notify.pipeline;

import java.util.Map;

/** Where escalation state survives a restart of the notifier. */
public interface EscalationStore {
  /** Every stored state by fingerprint. */
  Map<String, EscalationState> loadAll();

  /** Stores durably before returning. */
  void put(String fingerprint, EscalationState state);

  /** Forgets the fingerprint durably before returning. */
  void delete(String fingerprint);
}
