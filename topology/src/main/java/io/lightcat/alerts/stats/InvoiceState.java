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
 * What the payment statistics remember of one invoice: when it was created and confirmed, its tier
 * and amount, and which of its events were counted already (so a duplicate event is not counted
 * twice, and a confirmation that arrives before its invoice still pairs with it).
 *
 * @param createdTs event time of {@code invoice_created}, or {@link Long#MIN_VALUE}
 * @param confirmedTs event time of {@code payment_confirmed}, or {@link Long#MIN_VALUE}
 * @param lastTs newest event time seen for the invoice; the entry expires a day after it
 * @param tier the tier, or null when no event said
 * @param amountSats the amount, or -1 when no event said
 * @param flags which events were counted ({@link #CREATED}, ...)
 */
public record InvoiceState(
    long createdTs, long confirmedTs, long lastTs, String tier, long amountSats, int flags) {
  public static final int CREATED = 1;
  public static final int CONFIRMED = 1 << 1;
  public static final int FAILED = 1 << 2;
  public static final int EXPIRED = 1 << 3;
  public static final int REJECTED = 1 << 4;
  public static final int CONSIGNED = 1 << 5;

  /** The invoice-to-confirmation time was counted. */
  public static final int PAIRED = 1 << 6;

  /** The confirmed payment's revenue was counted (it waits for the amount when unknown). */
  public static final int REVENUE = 1 << 7;

  /** Any outcome: the invoice is no longer pending. */
  public static final int OUTCOME = CONFIRMED | FAILED | EXPIRED | REJECTED;

  private static final int FORMAT = 1;

  public static final InvoiceState NEW =
      new InvoiceState(Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, null, -1, 0);

  public boolean has(int flag) {
    return (flags & flag) == flag;
  }

  /** Created at or before {@code at}, after {@code since}, and without an outcome. */
  public boolean pendingAt(long since, long at) {
    return has(CREATED) && (flags & OUTCOME) == 0 && createdTs > since && createdTs <= at;
  }

  public InvoiceState with(int flag) {
    return new InvoiceState(createdTs, confirmedTs, lastTs, tier, amountSats, flags | flag);
  }

  public InvoiceState created(long ts) {
    return new InvoiceState(ts, confirmedTs, lastTs, tier, amountSats, flags | CREATED);
  }

  public InvoiceState confirmed(long ts) {
    return new InvoiceState(createdTs, ts, lastTs, tier, amountSats, flags | CONFIRMED);
  }

  /** Takes the event's time, tier and amount where this state has none yet. */
  public InvoiceState seen(PaymentFact fact) {
    return new InvoiceState(
        createdTs,
        confirmedTs,
        Math.max(lastTs, fact.ts()),
        tier != null ? tier : fact.tier(),
        amountSats >= 0 ? amountSats : fact.amountSats(),
        flags);
  }

  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT);
      out.writeLong(createdTs);
      out.writeLong(confirmedTs);
      out.writeLong(lastTs);
      out.writeUTF(tier == null ? "" : tier);
      out.writeLong(amountSats);
      out.writeInt(flags);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static InvoiceState fromBytes(byte[] data) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      int format = in.readByte();
      if (format != FORMAT) {
        throw new IOException("unknown invoice state format " + format);
      }
      long created = in.readLong();
      long confirmed = in.readLong();
      long last = in.readLong();
      String tier = in.readUTF();
      long amount = in.readLong();
      int flags = in.readInt();
      return new InvoiceState(
          created, confirmed, last, tier.isEmpty() ? null : tier, amount, flags);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Serde<InvoiceState> serde() {
    Serializer<InvoiceState> ser = (topic, s) -> s == null ? null : s.toBytes();
    Deserializer<InvoiceState> de = (topic, b) -> b == null ? null : fromBytes(b);
    return Serdes.serdeFrom(ser, de);
  }
}
