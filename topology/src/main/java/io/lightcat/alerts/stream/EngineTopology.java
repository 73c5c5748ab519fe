package io.lightcat.alerts.stream;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.metrics.EngineMetrics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The one entry point that builds the engine's Kafka Streams topology from configuration. Its shape
 * never depends on the rule set: rules are data evaluated by generic processors.
 */
public final class EngineTopology {
  private EngineTopology() {}

  /** Builds the production topology. */
  public static Topology build(EngineConfig config, EngineMetrics metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    // Stages are added here as they are built: ingestion (validate, redact, dead-letter),
    // rule pre-aggregation, repartition by rule and group, window evaluation, alert lifecycle.
    // The rule stages will consume the returned stream of valid events.
    EventIngestTopology.addTo(builder, config, metrics);
    return builder.build();
  }
}
