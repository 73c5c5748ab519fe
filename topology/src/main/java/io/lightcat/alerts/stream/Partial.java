package io.lightcat.alerts.stream;

import io.lightcat.alerts.rule.Aggregate;
import io.lightcat.alerts.rule.ModifiedUtf8;
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
 *
 * @param signature the {@link io.lightcat.alerts.rule.CompiledRule#stateSignature()} of the rule
 *     version that built it, so the window stage never merges it into state built by a version that
 *     measures something else (a rule change reaches the two stages at slightly different moments);
 *     null for partials written before rules could change live
 */
public record Partial(long bucketStart, Aggregate aggregate, String signature) {

  public Partial(long bucketStart, Aggregate aggregate) {
    this(bucketStart, aggregate, null);
  }

  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeLong(bucketStart);
      aggregate.writeTo(out);
      if (signature != null) {
        ModifiedUtf8.write(out, signature); // a trailing field: older readers never look for it
      }
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
      Aggregate aggregate = Aggregate.readFrom(in);
      String signature = in.available() > 0 ? in.readUTF() : null;
      return new Partial(bucket, aggregate, signature);
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
