package io.lightcat.alerts.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the topology needs to be built, apart from the rules themselves (rules are data and
 * can change while the topology runs).
 *
 * @param topics topic names
 * @param grace how late an event may arrive (in event time, behind the newest event seen) and still
 *     count; later ones are counted as late and dropped
 * @param flushInterval how often pre-aggregated partial results are shipped to the repartition
 *     topic; {@link Duration#ZERO} ships every event at once (exact, used by tests and backtests)
 * @param redactedFields extra field names (any case, at any depth) removed from everything the
 *     engine writes, on top of {@code authorization} headers and {@code rgbInvoice}
 * @param maxRecordBytes records larger than this go to the dead-letter topic
 * @param stats whether the topology has the statistics stages ({@code
 *     io.lightcat.alerts.stats.StatsTopology}) beside the rule stages; always true in production
 *     (the dashboards, {@code /api/metrics} and the {@code lightcat_*} meters read them), false
 *     only for a benchmark that compares the rule stages alone with an engine that has no such
 *     stages
 */
public record EngineConfig(
    TopicNames topics,
    Duration grace,
    Duration flushInterval,
    Set<String> redactedFields,
    int maxRecordBytes,
    boolean stats) {

  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);
  public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

  public EngineConfig {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(flushInterval, "flushInterval");
    redactedFields = Set.copyOf(redactedFields);
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative: " + grace);
    }
    if (flushInterval.isNegative()) {
      throw new IllegalArgumentException("flushInterval must not be negative: " + flushInterval);
    }
    if (maxRecordBytes <= 0) {
      throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
    }
  }

  /** Contract defaults. */
  public static EngineConfig defaults() {
    return new EngineConfig(
        TopicNames.defaults(),
        DEFAULT_GRACE,
        DEFAULT_FLUSH_INTERVAL,
        Set.of(),
        DEFAULT_MAX_RECORD_BYTES,
        true);
  }

  public EngineConfig withTopics(TopicNames newTopics) {
    return new EngineConfig(newTopics, grace, flushInterval, redactedFields, maxRecordBytes, stats);
  }

  public EngineConfig withFlushInterval(Duration newFlushInterval) {
    return new EngineConfig(topics, grace, newFlushInterval, redactedFields, maxRecordBytes, stats);
  }

  public EngineConfig withRedactedFields(Set<String> fields) {
    return new EngineConfig(topics, grace, flushInterval, fields, maxRecordBytes, stats);
  }

  /** This configuration with or without the statistics stages (see {@link #stats()}). */
  public EngineConfig withStats(boolean withStats) {
    return new EngineConfig(
        topics, grace, flushInterval, redactedFields, maxRecordBytes, withStats);
  }
}
