package io.lightcat.alerts.stream;

import io.lightcat.alerts.lifecycle.AlertState;
import io.lightcat.alerts.lifecycle.AlertStatus;
import io.lightcat.alerts.rule.Aggregate;
import io.lightcat.alerts.rule.GroupWindow;
import io.lightcat.alerts.rule.Severity;
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
 * Everything the engine keeps per rule and group: the sliding window's buckets and the alert's
 * lifecycle state. Stored in a changelogged store, so a restart or rebalance resumes pending timers
 * and firing alerts exactly where they were.
 */
public final class GroupState {
  private static final int FORMAT = 3;
  private final GroupWindow window;
  private AlertState alert;
  private double lastValue;

  /** Daily rules: the last day boundary digested (start of the day being collected), or MIN. */
  private long lastBoundary = Long.MIN_VALUE;

  /**
   * The {@link io.lightcat.alerts.rule.CompiledRule#stateSignature()} of the rule version that
   * built this state; null for state written before rules could change live.
   */
  private String signature;

  public GroupState(GroupWindow window, AlertState alert, double lastValue) {
    this.window = window;
    this.alert = alert;
    this.lastValue = lastValue;
  }

  public long lastBoundary() {
    return lastBoundary;
  }

  public void lastBoundary(long boundary) {
    this.lastBoundary = boundary;
  }

  public static GroupState fresh() {
    return new GroupState(new GroupWindow(), AlertState.INACTIVE, Double.NaN);
  }

  /** An empty state for the rule version with {@code signature}. */
  public static GroupState fresh(String signature) {
    GroupState state = fresh();
    state.signature = signature;
    return state;
  }

  public String signature() {
    return signature;
  }

  public void signature(String signature) {
    this.signature = signature;
  }

  public GroupWindow window() {
    return window;
  }

  public AlertState alert() {
    return alert;
  }

  public void alert(AlertState next) {
    this.alert = next;
  }

  public double lastValue() {
    return lastValue;
  }

  public void lastValue(double v) {
    this.lastValue = v;
  }

  /** Whether the group needs evaluating even when no events arrive (silence can change it). */
  public boolean active() {
    return alert.status() != AlertStatus.INACTIVE;
  }

  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT);
      out.writeLong(window.lastEventTs());
      out.writeInt(window.buckets().size());
      for (Map.Entry<Long, Aggregate> b : window.buckets().entrySet()) {
        out.writeLong(b.getKey());
        b.getValue().writeTo(out);
      }
      out.writeByte(alert.status().ordinal());
      out.writeByte(alert.severity() == null ? -1 : alert.severity().ordinal());
      out.writeLong(alert.since());
      out.writeLong(alert.lastHeld());
      out.writeBoolean(alert.acknowledged());
      out.writeDouble(lastValue);
      out.writeLong(lastBoundary);
      out.writeBoolean(signature != null);
      if (signature != null) {
        out.writeUTF(signature);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static GroupState fromBytes(byte[] data) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      int format = in.readByte();
      // 1: before daily rules; 2: before live rule changes
      if (format < 1 || format > FORMAT) {
        throw new IOException("unknown group state format " + format);
      }
      long lastEvent = in.readLong();
      int n = in.readInt();
      TreeMap<Long, Aggregate> buckets = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        long start = in.readLong();
        buckets.put(start, Aggregate.readFrom(in));
      }
      AlertStatus status = AlertStatus.values()[in.readByte()];
      int sev = in.readByte();
      long since = in.readLong();
      long lastHeld = in.readLong();
      boolean acked = in.readBoolean();
      double lastValue = in.readDouble();
      AlertState alert =
          new AlertState(status, sev < 0 ? null : Severity.values()[sev], since, lastHeld, acked);
      GroupState state = new GroupState(new GroupWindow(buckets, lastEvent), alert, lastValue);
      if (format >= 2) {
        state.lastBoundary = in.readLong();
      }
      if (format >= 3 && in.readBoolean()) {
        state.signature = in.readUTF();
      }
      return state;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Serde<GroupState> serde() {
    Serializer<GroupState> ser = (topic, s) -> s == null ? null : s.toBytes();
    Deserializer<GroupState> de = (topic, b) -> b == null ? null : fromBytes(b);
    return Serdes.serdeFrom(ser, de);
  }
}
