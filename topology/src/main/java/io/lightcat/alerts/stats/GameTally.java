package io.lightcat.alerts.stats;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Game activity in one bucket: sessions started, ended and completed, frame-rate and page-load
 * samples (counts and sums), scores (count, sum and a fixed histogram with the plan's Prometheus
 * buckets 0, 10, 20, 30, 40, 50) and tiers unlocked.
 */
public final class GameTally implements Tally {
  /**
   * Upper bounds of the score buckets, inclusive like Prometheus' {@code le}; one more for +Inf.
   */
  public static final List<Double> SCORE_BOUNDS = List.of(0.0, 10.0, 20.0, 30.0, 40.0, 50.0);

  /** The tiers, in order. */
  public static final List<String> TIERS = List.of("bronze", "silver", "gold");

  private long started;
  private long ended;
  private long completed;
  private long fpsSamples;
  private double fpsSum;
  private long loads;
  private double loadSumMs;
  private long scores;
  private double scoreSum;
  private long[] scoreBuckets = new long[SCORE_BOUNDS.size() + 1];
  private long[] tierUnlocks = new long[TIERS.size()];

  public GameTally sessionStarted() {
    started++;
    return this;
  }

  public GameTally sessionEnded(boolean wasCompleted) {
    ended++;
    if (wasCompleted) {
      completed++;
    }
    return this;
  }

  public GameTally fps(double fps) {
    fpsSamples++;
    fpsSum += fps;
    return this;
  }

  public GameTally pageLoad(double ms) {
    loads++;
    loadSumMs += ms;
    return this;
  }

  public GameTally score(double score) {
    scores++;
    scoreSum += score;
    int i = 0;
    while (i < SCORE_BOUNDS.size() && score > SCORE_BOUNDS.get(i)) {
      i++;
    }
    scoreBuckets[i]++;
    return this;
  }

  /** A tier was unlocked; unknown tier names are ignored (validation admits only the three). */
  public GameTally tierUnlocked(String tier) {
    int i = TIERS.indexOf(tier);
    if (i >= 0) {
      tierUnlocks[i]++;
    }
    return this;
  }

  public long started() {
    return started;
  }

  public long ended() {
    return ended;
  }

  public long completed() {
    return completed;
  }

  public long fpsSamples() {
    return fpsSamples;
  }

  public double fpsSum() {
    return fpsSum;
  }

  public long loads() {
    return loads;
  }

  public double loadSumMs() {
    return loadSumMs;
  }

  public long scores() {
    return scores;
  }

  public double scoreSum() {
    return scoreSum;
  }

  /** Scores per bucket: {@code <= 0}, (0, 10], ..., (40, 50], {@code > 50}. */
  public long[] scoreBuckets() {
    return scoreBuckets.clone();
  }

  /** Unlocks per tier, in {@link #TIERS} order. */
  public long[] tierUnlocks() {
    return tierUnlocks.clone();
  }

  @Override
  public GameTally merge(Tally other) {
    GameTally o = (GameTally) other;
    started += o.started;
    ended += o.ended;
    completed += o.completed;
    fpsSamples += o.fpsSamples;
    fpsSum += o.fpsSum;
    loads += o.loads;
    loadSumMs += o.loadSumMs;
    scores += o.scores;
    scoreSum += o.scoreSum;
    for (int i = 0; i < scoreBuckets.length; i++) {
      scoreBuckets[i] += o.scoreBuckets[i];
    }
    for (int i = 0; i < tierUnlocks.length; i++) {
      tierUnlocks[i] += o.tierUnlocks[i];
    }
    return this;
  }

  @Override
  public GameTally empty() {
    return new GameTally();
  }

  @Override
  public void writeTo(DataOutputStream out) throws IOException {
    out.writeLong(started);
    out.writeLong(ended);
    out.writeLong(completed);
    out.writeLong(fpsSamples);
    out.writeDouble(fpsSum);
    out.writeLong(loads);
    out.writeDouble(loadSumMs);
    out.writeLong(scores);
    out.writeDouble(scoreSum);
    writeLongs(out, scoreBuckets);
    writeLongs(out, tierUnlocks);
  }

  static GameTally readFrom(DataInputStream in) throws IOException {
    GameTally t = new GameTally();
    t.started = in.readLong();
    t.ended = in.readLong();
    t.completed = in.readLong();
    t.fpsSamples = in.readLong();
    t.fpsSum = in.readDouble();
    t.loads = in.readLong();
    t.loadSumMs = in.readDouble();
    t.scores = in.readLong();
    t.scoreSum = in.readDouble();
    t.scoreBuckets = Arrays.copyOf(readLongs(in), SCORE_BOUNDS.size() + 1);
    t.tierUnlocks = Arrays.copyOf(readLongs(in), TIERS.size());
    return t;
  }

  private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
    out.writeByte(values.length);
    for (long v : values) {
      out.writeLong(v);
    }
  }

  private static long[] readLongs(DataInputStream in) throws IOException {
    long[] values = new long[in.readByte()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readLong();
    }
    return values;
  }
}
