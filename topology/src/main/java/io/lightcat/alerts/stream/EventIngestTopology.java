package io.lightcat.alerts.stream;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.event.EventParser;
import io.lightcat.alerts.metrics.EngineMetrics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The ingestion stage: reads the four event topics, validates and redacts every record, sends
 * rejected ones to the dead-letter topic and returns the valid events.
 *
 * <pre>
 * events-source → validate-events → ingest-split ─┬─ ingest-valid → valid-events → (returned)
 *                                                 └─ ingest-dead-letter → dead-letter-record
 *                                                                        → dead-letter-sink
 * </pre>
 *
 * <p>Stateless: no store, no repartition. The returned stream is keyed by the record key as a
 * string (or null); its record timestamp is the event time.
 */
public final class EventIngestTopology {
  static final String SOURCE = "events-source";
  static final String VALIDATE = "validate-events";
  static final String SPLIT = "ingest-";
  static final String VALID = "valid";
  static final String DEAD_LETTER = "dead-letter";

  private EventIngestTopology() {}

  /** Adds the ingestion stage to {@code builder} and returns the stream of valid events. */
  public static KStream<String, Event> addTo(
      StreamsBuilder builder, EngineConfig config, EngineMetrics metrics) {
    EventParser parser = new EventParser(config);
    Map<String, KStream<String, Ingested>> branches =
        builder.stream(
                config.topics().eventTopics(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE))
            .process(() -> new ValidateEventProcessor(config, parser, metrics), Named.as(VALIDATE))
            .split(Named.as(SPLIT))
            .branch((key, value) -> value instanceof Ingested.Rejected, Branched.as(DEAD_LETTER))
            .defaultBranch(Branched.as(VALID));
    branches
        .get(SPLIT + DEAD_LETTER)
        .process(DeadLetterProcessor::new, Named.as("dead-letter-record"))
        .to(
            config.topics().dlq(),
            Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letter-sink"));
    return branches
        .get(SPLIT + VALID)
        .mapValues(EventIngestTopology::event, Named.as("valid-events"));
  }

  private static Event event(Ingested ingested) {
    if (ingested instanceof Ingested.Accepted accepted) {
      return accepted.event();
    }
    throw new IllegalStateException("a rejected record reached the valid-events branch");
  }
}
