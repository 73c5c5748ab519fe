package io.lightcat.alerts.stream;

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
 * What the pairing stage keeps per rule and pair key: the earliest start and the earliest end seen
 * so far (either may be missing), and whether they were paired already — a paired entry stays until
 * it expires, so that duplicates of either half are not paired a second time.
 *
 * @param start the earliest start half seen, or null
 * @param end the earliest end half seen, or null
 * @param paired whether a pair was emitted for this key
 */
public record PendingPair(PairHalf start, PairHalf end, boolean paired) {
  private static final int FORMAT = 1;

  public PendingPair {
    if (start == null && end == null) {
      throw new IllegalArgumentException("a pending pair holds at least one half");
    }
  }

  /** Event time of the earliest half held: the entry expires a timeout after it. */
  public long firstTs() {
    if (start == null) {
      return end.ts();
    }
    return end == null ? start.ts() : Math.min(start.ts(), end.ts());
  }

  /** Event time of the newest half held. */
  public long lastTs() {
    if (start == null) {
      return end.ts();
    }
    return end == null ? start.ts() : Math.max(start.ts(), end.ts());
  }

  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT);
      out.writeBoolean(paired);
      out.writeBoolean(start != null);
      if (start != null) {
        start.writeTo(out);
      }
      out.writeBoolean(end != null);
      if (end != null) {
        end.writeTo(out);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static PendingPair fromBytes(byte[] data) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      int format = in.readByte();
      if (format != FORMAT) {
        throw new IOException("unknown pending pair format " + format);
      }
      boolean paired = in.readBoolean();
      PairHalf start = in.readBoolean() ? PairHalf.readFrom(in) : null;
      PairHalf end = in.readBoolean() ? PairHalf.readFrom(in) : null;
      return new PendingPair(start, end, paired);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serde for the {@code rule-pairs-pending} store. */
  public static Serde<PendingPair> serde() {
    Serializer<PendingPair> ser = (topic, p) -> p == null ? null : p.toBytes();
    Deserializer<PendingPair> de = (topic, b) -> b == null ? null : fromBytes(b);
    return Serdes.serdeFrom(ser, de);
  }
}
