package io.lightcat.alerts.rule;

import java.time.Duration;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The sliding window of one rule for one group: time buckets of the rule's resolution, each an
 * {@link Aggregate}, plus the event time of the group's newest event. The window at time {@code
 * now} is every bucket that overlaps {@code (now - window, now]}, so it slides in steps of one
 * bucket and a burst that straddles any boundary is still seen whole.
 */
public final class GroupWindow {
  private final NavigableMap<Long, Aggregate> buckets;
  private long lastEventTs;

  public GroupWindow() {
    this(new TreeMap<>(), Long.MIN_VALUE);
  }

  public GroupWindow(NavigableMap<Long, Aggregate> buckets, long lastEventTs) {
    this.buckets = buckets;
    this.lastEventTs = lastEventTs;
  }

  public NavigableMap<Long, Aggregate> buckets() {
    return buckets;
  }

  /** Event time of the newest event in this group, or {@code Long.MIN_VALUE} when none. */
  public long lastEventTs() {
    return lastEventTs;
  }

  /** Start of the bucket that holds {@code ts}. */
  public static long bucketStart(long ts, Duration resolution) {
    return Math.floorDiv(ts, resolution.toMillis()) * resolution.toMillis();
  }

  /** Merges a partial aggregate into its bucket. */
  public void add(long bucketStart, Aggregate partial) {
    buckets.merge(bucketStart, partial, Aggregate::merge);
    lastEventTs = Math.max(lastEventTs, partial.maxTimestamp());
  }

  /** Drops buckets that no window evaluated at {@code now} or later can reach. */
  public void prune(long now, Rule rule) {
    long res = rule.resolution().toMillis();
    long horizon = now - rule.retention().toMillis();
    buckets.headMap(horizon - res, true).clear();
  }

  /** The merged aggregate of the window that ends at {@code end} (inclusive). */
  public Aggregate merged(long end, Duration window, Duration resolution) {
    long firstOverlapping = end - window.toMillis() - resolution.toMillis();
    Aggregate out = new Aggregate();
    for (Aggregate b : buckets.subMap(firstOverlapping, false, end, true).values()) {
      out.merge(b);
    }
    return out;
  }

  /** The merged aggregate of the buckets that start in {@code [from, to)}: a tumbling window. */
  public Aggregate mergedRange(long from, long to) {
    Aggregate out = new Aggregate();
    for (Aggregate b : buckets.subMap(from, true, to, false).values()) {
      out.merge(b);
    }
    return out;
  }

  public boolean isEmpty() {
    return buckets.isEmpty();
  }
}
