package io.lightcat.alerts.query;

/** Somewhere statistics can be read from: one instance's stores, or all instances'. */
@FunctionalInterface
public interface StatsSource {
  /** The statistics for {@code window}, or why they cannot be read now. */
  QueryResult<StatsSnapshot> snapshot(StatsWindow window);
}
