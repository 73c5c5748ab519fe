package io.lightcat.alerts.stats;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;

/**
 * Distinct values (user or player ids) as a HyperLogLog sketch: unions of sketches from any
 * partition count a value seen on several of them once.
 */
public final class DistinctTally implements Tally {
  /** HLL accuracy, as in the rule engine: lgK=11 is about 2.3% error. */
  static final int HLL_LG_K = 11;

  private HllSketch sketch;

  public DistinctTally add(String value) {
    if (sketch == null) {
      sketch = new HllSketch(HLL_LG_K);
    }
    sketch.update(value);
    return this;
  }

  /** The estimated number of distinct values, rounded; 0 when none were added. */
  public long estimate() {
    return sketch == null ? 0 : Math.round(sketch.getEstimate());
  }

  @Override
  public DistinctTally merge(Tally other) {
    DistinctTally o = (DistinctTally) other;
    if (o.sketch == null || o.sketch.isEmpty()) {
      return this;
    }
    Union union = new Union(HLL_LG_K);
    if (sketch != null) {
      union.update(sketch);
    }
    union.update(o.sketch);
    sketch = union.getResult();
    return this;
  }

  @Override
  public DistinctTally empty() {
    return new DistinctTally();
  }

  @Override
  public void writeTo(DataOutputStream out) throws IOException {
    SketchIo.writeHll(out, sketch);
  }

  static DistinctTally readFrom(DataInputStream in) throws IOException {
    DistinctTally t = new DistinctTally();
    t.sketch = SketchIo.readHll(in);
    return t;
  }
}
