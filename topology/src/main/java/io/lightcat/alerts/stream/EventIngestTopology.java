package io.lightcat.alerts.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.event.EventStream;
import io.lightcat.alerts.metrics.EngineMetrics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** PLACEHOLDER until the ingestion branch lands. */
public final class EventIngestTopology {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventIngestTopology() {}

  @SuppressWarnings("unchecked")
  public static KStream<String, Event> addTo(
      StreamsBuilder builder, EngineConfig config, EngineMetrics metrics) {
    return builder.stream(
            config.topics().eventTopics(),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("events-source"))
        .processValues(
            () ->
                new org.apache.kafka.streams.processor.api.FixedKeyProcessor<
                    String, byte[], Event>() {
                  private org.apache.kafka.streams.processor.api.FixedKeyProcessorContext<
                          String, Event>
                      ctx;

                  @Override
                  public void init(
                      org.apache.kafka.streams.processor.api.FixedKeyProcessorContext<String, Event>
                          c) {
                    ctx = c;
                  }

                  @Override
                  public void process(
                      org.apache.kafka.streams.processor.api.FixedKeyRecord<String, byte[]> r) {
                    try {
                      String topic = ctx.recordMetadata().orElseThrow().topic();
                      EventStream s = null;
                      for (EventStream es : EventStream.values()) {
                        if (es.topic(config.topics()).equals(topic)) {
                          s = es;
                        }
                      }
                      Map<String, Object> f = new HashMap<>(JSON.readValue(r.value(), Map.class));
                      Object ts = f.remove("ts");
                      long t =
                          ts == null
                              ? r.timestamp()
                              : ts instanceof Number n
                                  ? n.longValue()
                                  : Instant.parse(ts.toString()).toEpochMilli();
                      f.replaceAll((k, v) -> v instanceof Integer i ? (Object) i.longValue() : v);
                      for (String d :
                          new String[] {
                            "latencyMs", "memPct", "fps", "loadMs", "durationMs", "score"
                          }) {
                        if (f.get(d) instanceof Number n) {
                          f.put(d, n.doubleValue());
                        }
                      }
                      ctx.forward(r.withValue(new Event(s, t, r.key(), f)).withTimestamp(t));
                    } catch (Exception e) {
                      metrics.eventInvalid("x", "json");
                    }
                  }
                },
            Named.as("validate-events"));
  }
}
