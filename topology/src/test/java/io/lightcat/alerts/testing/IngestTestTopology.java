package io.lightcat.alerts.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.stream.EventIngestTopology;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The ingestion stage alone, with the valid events written as JSON ({@code stream}, {@code
 * timestampMs}, {@code key}, {@code fields}) to {@link #OUTPUT}, for tests of what reaches the next
 * stage.
 */
public final class IngestTestTopology {
  /** The topic (unprefixed; prepend the test's prefix) the valid events go to. */
  public static final String OUTPUT = "events.validated";

  private static final ObjectMapper JSON = new ObjectMapper();

  private IngestTestTopology() {}

  /** The ingestion stage plus a sink of valid events to {@code outputTopic}. */
  public static Topology build(EngineConfig config, EngineMetrics metrics, String outputTopic) {
    StreamsBuilder builder = new StreamsBuilder();
    EventIngestTopology.addTo(builder, config, metrics)
        .mapValues(IngestTestTopology::toJson, Named.as("event-to-json"))
        .to(outputTopic, Produced.with(Serdes.String(), Serdes.String()).withName("events-sink"));
    return builder.build();
  }

  /** The JSON form of {@code event} written to the output topic. */
  public static String toJson(Event event) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("stream", event.stream().ruleName());
    json.put("timestampMs", event.timestampMs());
    json.put("key", event.key());
    json.put("fields", event.fields());
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("an event could not be written as JSON", e);
    }
  }
}
