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

/** Binary form of every {@link Tally}: a format byte, a type tag, then the tally's own fields. */
public final class TallySerde {
  private static final int FORMAT = 1;

  private TallySerde() {}

  public static Serde<Tally> serde() {
    Serializer<Tally> ser = (topic, t) -> t == null ? null : toBytes(t);
    Deserializer<Tally> de = (topic, b) -> b == null ? null : fromBytes(b);
    return Serdes.serdeFrom(ser, de);
  }

  public static byte[] toBytes(Tally tally) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
      DataOutputStream out = new DataOutputStream(bytes);
      writeTo(out, tally);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Tally fromBytes(byte[] data) {
    try {
      return readFrom(new DataInputStream(new ByteArrayInputStream(data)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code tally} with its format and type tag. */
  public static void writeTo(DataOutputStream out, Tally tally) throws IOException {
    out.writeByte(FORMAT);
    out.writeByte(tag(tally));
    tally.writeTo(out);
  }

  /** Reads what {@link #writeTo} wrote. */
  public static Tally readFrom(DataInputStream in) throws IOException {
    int format = in.readByte();
    if (format != FORMAT) {
      throw new IOException("unknown tally format " + format);
    }
    int tag = in.readByte();
    return switch (tag) {
      case 1 -> RequestTally.readFrom(in);
      case 2 -> PaymentTally.readFrom(in);
      case 3 -> GameTally.readFrom(in);
      case 4 -> HealthTally.readFrom(in);
      case 5 -> DistinctTally.readFrom(in);
      default -> throw new IOException("unknown tally type " + tag);
    };
  }

  private static int tag(Tally tally) {
    if (tally instanceof RequestTally) {
      return 1;
    } else if (tally instanceof PaymentTally) {
      return 2;
    } else if (tally instanceof GameTally) {
      return 3;
    } else if (tally instanceof HealthTally) {
      return 4;
    }
    return 5;
  }
}
