package io.lightcat.alerts.stats;

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
 * A bucket as a bucket store holds it: a full {@link Tally} as of its last full write (kept in its
 * binary form) and, when events came since, a small delta tally of just those events. {@link
 * #tally()} is the bucket's figure: the base merged with the delta, as queries merge the parts of
 * every partition anyway.
 *
 * <p>Why: every event must put its bucket to the changelogged store (exactly-once), and rewriting a
 * bucket's whole latency or distinct-count sketch on every event was most of what the statistics
 * stages cost. With the base kept as bytes, an event re-encodes only the delta ({@link TallyBuffer}
 * folds the delta into a fresh base every so many events).
 *
 * <p>Binary form: without a delta exactly {@link TallySerde}'s (format 1), so stores written before
 * deltas existed still read; with one, format 2: the format byte, the base's length and bytes, then
 * the delta in {@link TallySerde}'s form.
 */
public final class StoredTally {
  private static final int WITH_DELTA = 2;

  private final byte[] base;
  private final Tally delta;

  /**
   * @param base a full tally in {@link TallySerde}'s binary form; never modified
   * @param delta what was added since {@code base}, or null
   */
  StoredTally(byte[] base, Tally delta) {
    this.base = base;
    this.delta = delta;
  }

  /** A stored tally without a delta. */
  static StoredTally of(Tally tally) {
    return new StoredTally(TallySerde.toBytes(tally), null);
  }

  /** The bucket's figure: a new tally, the base merged with the delta. */
  public Tally tally() {
    Tally t = TallySerde.fromBytes(base);
    return delta == null ? t : t.merge(delta);
  }

  public static Serde<StoredTally> serde() {
    Serializer<StoredTally> ser = (topic, s) -> s == null ? null : s.toBytes();
    Deserializer<StoredTally> de = (topic, b) -> b == null ? null : fromBytes(b);
    return Serdes.serdeFrom(ser, de);
  }

  byte[] toBytes() {
    if (delta == null) {
      return base;
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(base.length + 256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(WITH_DELTA);
      out.writeInt(base.length);
      out.write(base);
      TallySerde.writeTo(out, delta);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static StoredTally fromBytes(byte[] data) {
    if (data.length == 0 || data[0] != WITH_DELTA) {
      return new StoredTally(data, null); // TallySerde's own form; it checks the format on read
    }
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      in.readByte();
      int n = in.readInt();
      if (n < 0 || n > data.length - 5) {
        throw new IOException("stored tally: base of " + n + " bytes in " + data.length);
      }
      byte[] base = new byte[n];
      in.readFully(base);
      return new StoredTally(base, TallySerde.readFrom(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
