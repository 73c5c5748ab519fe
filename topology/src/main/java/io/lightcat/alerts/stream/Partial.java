package io.lightcat.alerts.stream;

import io.lightcat.alerts.rule.Aggregate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A pre-aggregated contribution of some events to one time bucket of one rule/group: what the first
 * rule stage ships through the repartition topic instead of the raw events.
 */
public record Partial(long bucketStart, Aggregate aggregate) {

  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeLong(bucketStart);
      aggregate.writeTo(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Partial fromBytes(byte[] data) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      long bucket = in.readLong();
      return new Partial(bucket, Aggregate.readFrom(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serde for repartition topics and stores. */
  public static Serde<Partial> serde() {
    Serializer<Partial> ser = (topic, p) -> p == null ? null : p.toBytes();
    Deserializer<Partial> de = (topic, b) -> b == null ? null : fromBytes(b);
    return Serdes.serdeFrom(ser, de);
  }
}
