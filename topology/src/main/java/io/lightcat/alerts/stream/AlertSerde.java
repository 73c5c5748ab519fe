package io.lightcat.alerts.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.lifecycle.Alert;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde of {@link Alert} records (CONTRACT section 4). */
public final class AlertSerde {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertSerde() {}

  public static Serde<Alert> serde() {
    Serializer<Alert> ser =
        (topic, alert) -> {
          try {
            return alert == null ? null : JSON.writeValueAsBytes(alert);
          } catch (IOException e) {
            throw new SerializationException("cannot write alert", e);
          }
        };
    Deserializer<Alert> de =
        (topic, bytes) -> {
          try {
            return bytes == null ? null : JSON.readValue(bytes, Alert.class);
          } catch (IOException e) {
            throw new SerializationException("not an alert record", e);
          }
        };
    return Serdes.serdeFrom(ser, de);
  }
}
