package io.lightcat.alerts.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The latest reading of one infrastructure subject: a host's resources, a service's database pool,
 * a health-check target's last probe, or a service's last heartbeat. Of two readings of one subject
 * the newer (in event time) wins; at equal times the one whose values sort later, so the winner
 * does not depend on merge order. Only numbers, booleans and short strings are kept — never a
 * probe's URL, which may carry credentials.
 *
 * @param kind the infra event kind: {@code host}, {@code db_pool}, {@code health_check} or {@code
 *     heartbeat}
 * @param subject the host, service or target the reading is about
 * @param ts event time in epoch milliseconds
 * @param values the reading's fields (Double, Long, Boolean or String), unmodifiable
 */
public record InfraReading(String kind, String subject, long ts, Map<String, Object> values) {
  private static final int FORMAT = 1;

  /** The fields kept per kind. */
  static final Map<String, List<String>> FIELDS =
      Map.of(
          "host",
          List.of("cpuPct", "memPct", "diskFreePct", "netInBytesPerSec", "netOutBytesPerSec"),
          "db_pool",
          List.of("active", "max", "waiting", "connected"),
          "health_check",
          List.of("ok", "status", "latencyMs"),
          "heartbeat",
          List.of("host"));

  public InfraReading {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The store key: kind and subject. */
  public String key() {
    return kind + "|" + subject;
  }

  /** The newer of this reading and {@code other}. */
  public InfraReading newer(InfraReading other) {
    if (other == null || ts > other.ts) {
      return this;
    }
    if (other.ts > ts) {
      return other;
    }
    return values.toString().compareTo(other.values.toString()) >= 0 ? this : other;
  }

  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
      DataOutputStream out = new DataOutputStream(bytes);
      writeTo(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void writeTo(DataOutputStream out) throws IOException {
    out.writeByte(FORMAT);
    out.writeUTF(kind);
    out.writeUTF(subject);
    out.writeLong(ts);
    out.writeByte(values.size());
    for (Map.Entry<String, Object> e : values.entrySet()) {
      out.writeUTF(e.getKey());
      Object v = e.getValue();
      if (v instanceof Boolean b) {
        out.writeByte('b');
        out.writeBoolean(b);
      } else if (v instanceof Long l) {
        out.writeByte('l');
        out.writeLong(l);
      } else if (v instanceof Number n) {
        out.writeByte('d');
        out.writeDouble(n.doubleValue());
      } else {
        out.writeByte('s');
        out.writeUTF(String.valueOf(v));
      }
    }
  }

  public static InfraReading fromBytes(byte[] data) {
    try {
      return readFrom(new DataInputStream(new ByteArrayInputStream(data)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static InfraReading readFrom(DataInputStream in) throws IOException {
    int format = in.readByte();
    if (format != FORMAT) {
      throw new IOException("unknown infra reading format " + format);
    }
    String kind = in.readUTF();
    String subject = in.readUTF();
    long ts = in.readLong();
    int n = in.readByte();
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      int type = in.readByte();
      values.put(
          name,
          switch (type) {
            case 'b' -> in.readBoolean();
            case 'l' -> in.readLong();
            case 'd' -> in.readDouble();
            case 's' -> in.readUTF();
            default -> throw new IOException("unknown value type " + type);
          });
    }
    return new InfraReading(kind, subject, ts, values);
  }

  public static Serde<InfraReading> serde() {
    Serializer<InfraReading> ser = (topic, r) -> r == null ? null : r.toBytes();
    Deserializer<InfraReading> de = (topic, b) -> b == null ? null : fromBytes(b);
    return Serdes.serdeFrom(ser, de);
  }
}
