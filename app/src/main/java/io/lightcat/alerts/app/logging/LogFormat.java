package io.lightcat.alerts.app.logging;

/** How log lines are written to the console. */
public enum LogFormat {
  /** Human-readable lines (the default). */
  TEXT,
  /** One JSON object per line, for log shippers. */
  JSON
}
