package io.lightcat.alerts.stats;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/** Binary form of the sketches and small maps the tallies hold (length-prefixed, -1 = absent). */
final class SketchIo {
  private SketchIo() {}

  static void writeKll(DataOutputStream out, KllDoublesSketch sketch) throws IOException {
    writeBytes(out, sketch == null || sketch.isEmpty() ? null : sketch.toByteArray());
  }

  static KllDoublesSketch readKll(DataInputStream in) throws IOException {
    byte[] b = readBytes(in);
    return b == null ? null : KllDoublesSketch.heapify(Memory.wrap(b));
  }

  static void writeHll(DataOutputStream out, HllSketch sketch) throws IOException {
    writeBytes(out, sketch == null || sketch.isEmpty() ? null : sketch.toCompactByteArray());
  }

  static HllSketch readHll(DataInputStream in) throws IOException {
    byte[] b = readBytes(in);
    return b == null ? null : HllSketch.heapify(b);
  }

  static void writeCounts(DataOutputStream out, Map<String, Long> counts) throws IOException {
    out.writeInt(counts.size());
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue());
    }
  }

  static TreeMap<String, Long> readCounts(DataInputStream in) throws IOException {
    TreeMap<String, Long> counts = new TreeMap<>();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      counts.put(in.readUTF(), in.readLong());
    }
    return counts;
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
