package io.lightcat.alerts.app.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.stream.EventIngestTopology;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The throughput ceiling: the engine's own ingest stage (JSON parse, validation, redaction,
 * dead-lettering — {@link EventIngestTopology}) followed by serialising each event back to JSON and
 * writing it out ({@code stream().to()}). No rules, no state, no repartition: whatever the engine
 * does beyond this is the price of the rules.
 */
final class PassthroughTopology {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PassthroughTopology() {}

  static Topology build(EngineConfig config, EngineMetrics metrics, String sinkTopic) {
    StreamsBuilder builder = new StreamsBuilder();
    EventIngestTopology.addTo(builder, config, metrics)
        .mapValues(PassthroughTopology::toJson, Named.as("passthrough-serialise"))
        .to(
            sinkTopic,
            Produced.with(Serdes.String(), Serdes.ByteArray()).withName("passthrough-sink"));
    return builder.build();
  }

  /** The validated event as a JSON object, {@code ts} (ISO-8601) first. */
  static byte[] toJson(Event event) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ts", Instant.ofEpochMilli(event.timestampMs()).toString());
    body.putAll(event.fields());
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // Events hold only strings, numbers, booleans, lists and maps of them.
      throw new IllegalStateException("cannot serialise a " + event.stream() + " event", e);
    }
  }
}
