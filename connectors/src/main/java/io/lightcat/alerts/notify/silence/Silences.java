package io.lightcat.alerts.notify.silence;

import io.lightcat.alerts.lifecycle.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The silences the notifier knows: those of its configuration and those read from the {@code
 * alert-actions} topic. Safe to use from several threads (the actions reader adds, the notifier
 * asks).
 */
public final class Silences {
  private final Map<String, Silence> byId = new ConcurrentHashMap<>();

  public Silences() {}

  public Silences(List<Silence> initial) {
    initial.forEach(this::put);
  }

  /** Adds {@code silence}, replacing one with the same id. */
  public void put(Silence silence) {
    byId.put(silence.id(), silence);
  }

  /** The silence that silences {@code alert} at {@code now}, if any. */
  public Optional<Silence> silencing(Alert alert, Instant now) {
    for (Silence s : byId.values()) {
      if (s.silences(alert, now)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Every silence, latest end first. */
  public List<Silence> all() {
    List<Silence> out = new ArrayList<>(byId.values());
    out.sort(Comparator.comparing(Silence::endsAt).reversed().thenComparing(Silence::id));
    return out;
  }
}
