package io.lightcat.alerts.rule;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rules in force, shared by every stream thread and swapped atomically when rules change.
 * Processors read it per record, so a new rule set applies from the next record on — no restart, no
 * new topology.
 */
public final class RuleBook {
  private final AtomicReference<RuleSet> current;

  public RuleBook(RuleSet initial) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial));
  }

  public RuleSet current() {
    return current.get();
  }

  public void replace(RuleSet rules) {
    current.set(Objects.requireNonNull(rules));
  }
}
