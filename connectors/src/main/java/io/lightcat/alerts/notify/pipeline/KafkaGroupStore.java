package io.lightcat.alerts.notify.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert groups in the compacted state topic, beside the escalation state: key {@code group#<group
 * key>} ({@code #} never occurs in a rule id, so never in an alert fingerprint), value the {@link
 * AlertGroup} as JSON, a tombstone once the group is gone.
 */
final class KafkaGroupStore implements GroupStore {
  static final String PREFIX = "group#";

  private static final Logger log = LoggerFactory.getLogger(KafkaGroupStore.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Producer<byte[], byte[]> producer;
  private final Supplier<Consumer<byte[], byte[]>> readers;
  private final String topic;

  /**
   * @param readers a fresh consumer without group use for each {@link #loadAll}, which closes it
   */
  KafkaGroupStore(
      Producer<byte[], byte[]> producer, Supplier<Consumer<byte[], byte[]>> readers, String topic) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.readers = Objects.requireNonNull(readers, "readers");
    this.topic = Objects.requireNonNull(topic, "topic");
  }

  @Override
  public Map<String, AlertGroup> loadAll() {
    Map<String, AlertGroup> out = new LinkedHashMap<>();
    StateTopic.readAll(readers.get(), topic, k -> k.startsWith(PREFIX))
        .forEach(
            (k, v) -> {
              try {
                AlertGroup g = JSON.readValue(v, AlertGroup.class);
                out.put(g.key(), g);
              } catch (IOException e) {
                log.warn("{}: unreadable alert group {}, skipped", topic, k);
              }
            });
    return out;
  }

  @Override
  public void write(Collection<AlertGroup> changed, Collection<String> deleted) {
    Map<String, byte[]> values = new LinkedHashMap<>();
    for (AlertGroup g : changed) {
      try {
        values.put(PREFIX + g.key(), JSON.writeValueAsBytes(g));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot render alert group", e);
      }
    }
    for (String key : deleted) {
      values.put(PREFIX + key, null);
    }
    if (!values.isEmpty()) {
      StateTopic.write(producer, topic, values);
    }
  }
}
