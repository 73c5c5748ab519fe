package io.lightcat.alerts.stats;

import io.lightcat.alerts.event.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the payment statistics need of one payment event, shipped through the {@code stats-payments}
 * repartition topic keyed by invoice id (never the RGB invoice, which ingest has removed anyway).
 *
 * @param kind the payment event kind
 * @param ts event time in epoch milliseconds
 * @param tier {@code bronze}, {@code silver}, {@code gold}, or null
 * @param amountSats the amount, or -1 when absent
 * @param reason the failure reason, or null
 * @param durationMs consignment or webhook time, or NaN when absent
 */
public record PaymentFact(
    String kind, long ts, String tier, long amountSats, String reason, double durationMs) {
  private static final int FORMAT = 1;

  public PaymentFact {
    Objects.requireNonNull(kind, "kind");
  }

  /** The fact of a payment event about an invoice; empty for {@code supply} reports. */
  public static Optional<PaymentFact> of(Event event) {
    if (!(event.get("invoiceId") instanceof String) || !(event.get("kind") instanceof String)) {
      return Optional.empty();
    }
    return Optional.of(
        new PaymentFact(
            (String) event.get("kind"),
            event.timestampMs(),
            event.get("tier") instanceof String t ? t : null,
            event.get("amountSats") instanceof Number n ? n.longValue() : -1,
            event.get("reason") instanceof String r ? r : null,
            event.get("durationMs") instanceof Number d ? d.doubleValue() : Double.NaN));
  }

  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT);
      out.writeUTF(kind);
      out.writeLong(ts);
      out.writeUTF(tier == null ? "" : tier);
      out.writeLong(amountSats);
      out.writeBoolean(reason != null);
      if (reason != null) {
        out.writeUTF(reason);
      }
      out.writeDouble(durationMs);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static PaymentFact fromBytes(byte[] data) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      int format = in.readByte();
      if (format != FORMAT) {
        throw new IOException("unknown payment fact format " + format);
      }
      String kind = in.readUTF();
      long ts = in.readLong();
      String tier = in.readUTF();
      long amount = in.readLong();
      String reason = in.readBoolean() ? in.readUTF() : null;
      double duration = in.readDouble();
      return new PaymentFact(kind, ts, tier.isEmpty() ? null : tier, amount, reason, duration);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Serde<PaymentFact> serde() {
    Serializer<PaymentFact> ser = (topic, f) -> f == null ? null : f.toBytes();
    Deserializer<PaymentFact> de = (topic, b) -> b == null ? null : fromBytes(b);
    return Serdes.serdeFrom(ser, de);
  }
}
