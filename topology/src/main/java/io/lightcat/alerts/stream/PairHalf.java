package io.lightcat.alerts.stream;

import io.lightcat.alerts.rule.CompiledRule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One half of a pair of a {@code duration} rule, as the first rule stage ships it through the
 * {@code rule-pairs} repartition topic: whether it starts or ends the pair, its event time, and —
 * for a start — the group labels (a pair is grouped by its start event).
 */
public record PairHalf(CompiledRule.Half role, long ts, Map<String, String> labels) {
  public PairHalf {
    labels = new TreeMap<>(labels);
  }

  void writeTo(DataOutputStream out) throws IOException {
    out.writeByte(role.ordinal());
    out.writeLong(ts);
    out.writeInt(labels.size());
    for (Map.Entry<String, String> l : labels.entrySet()) {
      out.writeUTF(l.getKey());
      out.writeUTF(l.getValue());
    }
  }

  static PairHalf readFrom(DataInputStream in) throws IOException {
    CompiledRule.Half role = CompiledRule.Half.values()[in.readByte()];
    long ts = in.readLong();
    int n = in.readInt();
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      labels.put(in.readUTF(), in.readUTF());
    }
    return new PairHalf(role, ts, labels);
  }

  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
      DataOutputStream out = new DataOutputStream(bytes);
      writeTo(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static PairHalf fromBytes(byte[] data) {
    try {
      return readFrom(new DataInputStream(new ByteArrayInputStream(data)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serde for the {@code rule-pairs} repartition topic. */
  public static Serde<PairHalf> serde() {
    Serializer<PairHalf> ser = (topic, h) -> h == null ? null : h.toBytes();
    Deserializer<PairHalf> de = (topic, b) -> b == null ? null : fromBytes(b);
    return Serdes.serdeFrom(ser, de);
  }
}
