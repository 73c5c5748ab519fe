package io.lightcat.alerts.stats;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where one {@link Tally} lives in a bucket store: its span (a minute or a UTC day), the bucket's
 * start in epoch milliseconds, the figure it feeds, and the dimension within it (a service, a
 * health-check target; empty for figures over everything). Encoded as {@code
 * span|start|figure|dimension}; the dimension is last, so it may contain any character. A bucket
 * store of an earlier version may also hold a bucket's delta (its latest events, see {@code
 * TallyBuffer}) under the {@link #encodeDelta() delta key}, the encoded key behind a {@code +};
 * readers merge both.
 */
public record StatsKey(Span span, long start, Figure figure, String dimension) {
  private static final char SEP = '|';
  private static final char DELTA = '+';

  /** How long a bucket is. */
  public enum Span {
    MINUTE(Duration.ofMinutes(1)),
    DAY(Duration.ofDays(1));

    private final long millis;

    Span(Duration length) {
      this.millis = length.toMillis();
    }

    public long millis() {
      return millis;
    }

    /** The start of the bucket holding {@code ts}: a whole minute, or midnight UTC. */
    public long bucketStart(long ts) {
      return Math.floorDiv(ts, millis) * millis;
    }
  }

  /** What a tally counts. */
  public enum Figure {
    REQUESTS,
    ACTIVE_USERS,
    GAME,
    ACTIVE_PLAYERS,
    HEALTH,
    PAYMENTS;

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public StatsKey {
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(figure, "figure");
    Objects.requireNonNull(dimension, "dimension");
  }

  /** The key of the {@code span} bucket holding event time {@code ts}. */
  public static StatsKey of(Span span, long ts, Figure figure, String dimension) {
    return new StatsKey(span, span.bucketStart(ts), figure, dimension);
  }

  public String encode() {
    return span.name().charAt(0)
        + String.valueOf(SEP)
        + start
        + SEP
        + figure.code()
        + SEP
        + dimension;
  }

  /** The key of this bucket's delta in a bucket store. */
  public String encodeDelta() {
    return DELTA + encode();
  }

  /**
   * The bucket a bucket store's key belongs to: decodes what {@link #encode} or {@link
   * #encodeDelta} wrote.
   *
   * @throws IllegalArgumentException when {@code storeKey} is neither
   */
  public static StatsKey decodeStored(String storeKey) {
    return decode(
        !storeKey.isEmpty() && storeKey.charAt(0) == DELTA ? storeKey.substring(1) : storeKey);
  }

  /**
   * Decodes what {@link #encode} wrote.
   *
   * @throws IllegalArgumentException when {@code text} is not such a key
   */
  public static StatsKey decode(String text) {
    int a = text.indexOf(SEP);
    int b = text.indexOf(SEP, a + 1);
    int c = text.indexOf(SEP, b + 1);
    if (a != 1 || b < 0 || c < 0) {
      throw new IllegalArgumentException("not a stats key: " + text);
    }
    Span span =
        switch (text.charAt(0)) {
          case 'M' -> Span.MINUTE;
          case 'D' -> Span.DAY;
          default -> throw new IllegalArgumentException("not a stats key: " + text);
        };
    long start = Long.parseLong(text.substring(a + 1, b));
    Figure figure = Figure.valueOf(text.substring(b + 1, c).toUpperCase(Locale.ROOT));
    return new StatsKey(span, start, figure, text.substring(c + 1));
  }
}
