package io.lightcat.alerts.lifecycle;

/** What an evaluation changed, and whether that must be published on the alerts topic. */
public record Transition(AlertState next, Kind kind) {
  /** Kinds of change; only FIRED, SEVERITY_CHANGED and RESOLVED are published. */
  public enum Kind {
    NONE,
    PENDING,
    FIRED,
    SEVERITY_CHANGED,
    RESOLVED,
    CANCELLED
  }

  public boolean publishes() {
    return kind == Kind.FIRED || kind == Kind.SEVERITY_CHANGED || kind == Kind.RESOLVED;
  }
}
