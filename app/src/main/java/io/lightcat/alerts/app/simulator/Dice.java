package io.lightcat.alerts.app.simulator;

import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random draws with the distributions the traffic model needs. The same seed and the same
 * sequence of calls give the same values. Not thread-safe.
 */
final class Dice {
  private final SplittableRandom random;

  Dice(long seed) {
    this.random = new SplittableRandom(seed);
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  /** Uniform in {@code [low, high]}. */
  int between(int low, int high) {
    return random.nextInt(low, high + 1);
  }

  double uniform(double low, double high) {
    return low + random.nextDouble() * (high - low);
  }

  double normal(double mean, double sd) {
    return mean + sd * random.nextGaussian();
  }

  /** Log-normal with the given median; {@code sigma} is the spread of the logarithm. */
  double logNormal(double median, double sigma) {
    return median * Math.exp(sigma * random.nextGaussian());
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** {@code chars} lower-case hex digits. */
  String hex(int chars) {
    byte[] bytes = new byte[(chars + 1) / 2];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes).substring(0, chars);
  }

  /** A value rounded to one decimal, as latencies and percentages are reported. */
  static double tenth(double value) {
    return Math.round(value * 10) / 10.0;
  }

  static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }
}
