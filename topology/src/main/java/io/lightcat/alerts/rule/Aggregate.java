package io.lightcat.alerts.rule;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * A mergeable summary of the events one rule matched for one group in one time bucket: counts,
 * sum/min/max, the latest value, and — only for the measures that need them — a KLL quantile sketch
 * and a HyperLogLog sketch. Merging is associative and commutative, so partial aggregates built on
 * any partition combine into the same result in any order.
 *
 * <p>Mutable and not thread-safe: one stream thread owns each instance.
 */
public final class Aggregate {
  /** Sketch accuracy: KLL k=200 is about 1.3% rank error; HLL lgK=11 about 2.3% error. */
  static final int KLL_K = 200;

  static final int HLL_LG_K = 11;
  private static final int MAX_SAMPLES = 3;
  private static final int FORMAT = 2;

  private long count;
  private long matches;
  private double sum;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private long lastTs = Long.MIN_VALUE;
  private double last = Double.NaN;
  private long maxTs = Long.MIN_VALUE;
  private KllDoublesSketch quantiles;

  /** The distinct-count sketch as added to or read; null once {@link #distinctUnion} holds it. */
  private HllSketch distinct;

  /**
   * Once another aggregate's sketch was merged in: the union of all of them. Kept instead of its
   * result, so merging a stream of contributions one by one does not copy and convert the whole
   * sketch each time (the first rule stage merges every matching event into its pending partial).
   */
  private Union distinctUnion;

  private final List<String> samples = new ArrayList<>(MAX_SAMPLES);

  /** One aggregate per figure of the rule (its extra measures), or null when it has none. */
  private Aggregate[] figures;

  public long count() {
    return count;
  }

  public long matches() {
    return matches;
  }

  public double sum() {
    return sum;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  public double last() {
    return last;
  }

  /** Event time of the newest event summarized, or {@code Long.MIN_VALUE} when empty. */
  public long maxTimestamp() {
    return maxTs;
  }

  /** Up to three event ids (or other short identifiers) kept as evidence. */
  public List<String> samples() {
    return List.copyOf(samples);
  }

  /** The aggregate of figure {@code i} (created empty on first use). */
  public Aggregate figure(int i) {
    if (figures == null) {
      figures = new Aggregate[i + 1];
    } else if (figures.length <= i) {
      figures = java.util.Arrays.copyOf(figures, i + 1);
    }
    if (figures[i] == null) {
      figures[i] = new Aggregate();
    }
    return figures[i];
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** Counts one event at {@code ts}. */
  public Aggregate addEvent(long ts, String sampleId) {
    count++;
    maxTs = Math.max(maxTs, ts);
    addSample(sampleId);
    return this;
  }

  /** Counts a predicate match of the event just added. */
  public Aggregate addMatch() {
    matches++;
    return this;
  }

  /** Adds a numeric value of the event just added at {@code ts}. */
  public Aggregate addValue(long ts, double value) {
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
    takeLast(ts, value);
    return this;
  }

  /** Adds a value to the quantile sketch. */
  public Aggregate addQuantileValue(double value) {
    if (quantiles == null) {
      quantiles = KllDoublesSketch.newHeapInstance(KLL_K);
    }
    quantiles.update(value);
    return this;
  }

  /** Adds a value to the distinct-count sketch. */
  public Aggregate addDistinct(String value) {
    if (distinctUnion != null) {
      distinctUnion.update(value);
      return this;
    }
    if (distinct == null) {
      distinct = new HllSketch(HLL_LG_K);
    }
    distinct.update(value);
    return this;
  }

  /** Folds {@code other} into this aggregate. */
  public Aggregate merge(Aggregate other) {
    count += other.count;
    matches += other.matches;
    sum += other.sum;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    maxTs = Math.max(maxTs, other.maxTs);
    if (other.lastTs != Long.MIN_VALUE) {
      takeLast(other.lastTs, other.last);
    }
    if (other.quantiles != null) {
      if (quantiles == null) {
        quantiles = KllDoublesSketch.newHeapInstance(KLL_K);
      }
      quantiles.merge(other.quantiles);
    }
    HllSketch otherDistinct = other.distinctSketch();
    if (otherDistinct != null) {
      if (distinctUnion == null) {
        distinctUnion = new Union(HLL_LG_K);
        if (distinct != null) {
          distinctUnion.update(distinct);
          distinct = null;
        }
      }
      distinctUnion.update(otherDistinct);
    }
    for (String s : other.samples) {
      addSample(s);
    }
    if (other.figures != null) {
      for (int i = 0; i < other.figures.length; i++) {
        if (other.figures[i] != null) {
          figure(i).merge(other.figures[i]);
        }
      }
    }
    return this;
  }

  /** The {@code q} quantile of the values added to the sketch; NaN when empty. */
  public double quantile(double q) {
    if (quantiles == null || quantiles.isEmpty()) {
      return Double.NaN;
    }
    return quantiles.getQuantile(q, QuantileSearchCriteria.INCLUSIVE);
  }

  /** Estimated distinct count; 0 when nothing was added. */
  public double distinct() {
    if (distinctUnion != null) {
      return Math.round(distinctUnion.getEstimate());
    }
    return distinct == null ? 0 : Math.round(distinct.getEstimate());
  }

  /** The distinct-count sketch to merge elsewhere, or null when nothing was added. */
  private HllSketch distinctSketch() {
    return distinctUnion != null ? distinctUnion.getResult() : distinct;
  }

  /**
   * Keeps the newest value; of two at the same event time the larger, so that the result does not
   * depend on the order partials are merged in.
   */
  private void takeLast(long ts, double value) {
    if (ts > lastTs || (ts == lastTs && (Double.isNaN(last) || value > last))) {
      lastTs = ts;
      last = value;
    }
  }

  /**
   * Keeps the smallest {@value #MAX_SAMPLES} ids: any three would do as evidence, but "the first
   * three seen" would depend on the order partials are merged in.
   */
  private void addSample(String id) {
    if (id == null || samples.contains(id)) {
      return;
    }
    if (samples.size() < MAX_SAMPLES) {
      samples.add(id);
      samples.sort(null);
    } else if (id.compareTo(samples.get(MAX_SAMPLES - 1)) < 0) {
      samples.set(MAX_SAMPLES - 1, id);
      samples.sort(null);
    }
  }

  /** A deep copy. */
  public Aggregate copy() {
    return new Aggregate().merge(this);
  }

  /** Compact binary form, for state stores and repartition topics. */
  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
      DataOutputStream out = new DataOutputStream(bytes);
      writeTo(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the binary form to {@code out}. */
  public void writeTo(DataOutputStream out) throws IOException {
    out.writeByte(FORMAT);
    out.writeLong(count);
    out.writeLong(matches);
    out.writeDouble(sum);
    out.writeDouble(min);
    out.writeDouble(max);
    out.writeLong(lastTs);
    out.writeDouble(last);
    out.writeLong(maxTs);
    writeBytes(out, quantiles == null ? null : quantiles.toByteArray());
    writeBytes(out, distinctBytes());
    out.writeByte(samples.size());
    for (String s : samples) {
      ModifiedUtf8.write(out, s);
    }
    int n = figures == null ? 0 : figures.length;
    out.writeByte(n);
    for (int i = 0; i < n; i++) {
      (figures[i] == null ? new Aggregate() : figures[i]).writeTo(out);
    }
  }

  private byte[] distinctBytes() {
    if (distinctUnion != null) {
      return distinctUnion.toCompactByteArray();
    }
    return distinct == null ? null : distinct.toCompactByteArray();
  }

  public static Aggregate fromBytes(byte[] data) {
    try {
      return readFrom(new DataInputStream(new ByteArrayInputStream(data)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the binary form written by {@link #writeTo}. */
  public static Aggregate readFrom(DataInputStream in) throws IOException {
    int format = in.readByte();
    if (format != FORMAT && format != 1) { // 1: before figures, readable after an upgrade
      throw new IOException("unknown aggregate format " + format);
    }
    Aggregate a = new Aggregate();
    a.count = in.readLong();
    a.matches = in.readLong();
    a.sum = in.readDouble();
    a.min = in.readDouble();
    a.max = in.readDouble();
    a.lastTs = in.readLong();
    a.last = in.readDouble();
    a.maxTs = in.readLong();
    byte[] kll = readBytes(in);
    if (kll != null) {
      a.quantiles = KllDoublesSketch.heapify(Memory.wrap(kll));
    }
    byte[] hll = readBytes(in);
    if (hll != null) {
      a.distinct = HllSketch.heapify(hll);
    }
    int samples = in.readByte();
    for (int i = 0; i < samples; i++) {
      a.samples.add(in.readUTF());
    }
    int figures = format == 1 ? 0 : in.readByte();
    for (int i = 0; i < figures; i++) {
      a.figure(i).merge(readFrom(in));
    }
    return a;
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    if (b == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
