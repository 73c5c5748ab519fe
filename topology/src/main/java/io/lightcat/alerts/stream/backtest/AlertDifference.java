package io.lightcat.alerts.stream.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one alert episode differs between two backtests of the same history (a baseline and a
 * candidate rule version).
 *
 * @param change {@code added} (only the candidate raised it), {@code removed} (only the baseline),
 *     or {@code shifted} (both, overlapping in time, but starting, ending or at severities that
 *     differ)
 * @param before the baseline's episode; null when added
 * @param after the candidate's episode; null when removed
 */
public record AlertDifference(
    String change,
    String fingerprint,
    String rule,
    Map<String, String> labels,
    Episode before,
    Episode after) {

  public static final String ADDED = "added";
  public static final String REMOVED = "removed";
  public static final String SHIFTED = "shifted";

  /**
   * Every difference between the episodes of two backtests, in the order they start. Episodes of
   * one fingerprint are paired when they overlap in time (each at most once, earliest first);
   * paired episodes that start, end and step through severities alike are the same and not listed.
   */
  public static List<AlertDifference> between(List<Episode> baseline, List<Episode> candidate) {
    Map<String, List<Episode>> unmatched = new LinkedHashMap<>();
    for (Episode c : candidate) {
      unmatched.computeIfAbsent(c.fingerprint(), k -> new ArrayList<>()).add(c);
    }
    List<AlertDifference> out = new ArrayList<>();
    for (Episode b : baseline) {
      List<Episode> same = unmatched.getOrDefault(b.fingerprint(), new ArrayList<>());
      Episode match = same.stream().filter(b::overlaps).findFirst().orElse(null);
      if (match == null) {
        out.add(new AlertDifference(REMOVED, b.fingerprint(), b.rule(), b.labels(), b, null));
        continue;
      }
      same.remove(match);
      if (!b.startsAt().equals(match.startsAt())
          || !Objects.equals(b.endsAt(), match.endsAt())
          || !b.severities().equals(match.severities())) {
        out.add(new AlertDifference(SHIFTED, b.fingerprint(), b.rule(), b.labels(), b, match));
      }
    }
    unmatched.values().stream()
        .flatMap(List::stream)
        .forEach(
            c ->
                out.add(
                    new AlertDifference(ADDED, c.fingerprint(), c.rule(), c.labels(), null, c)));
    out.sort(Comparator.comparing(AlertDifference::firstStart));
    return out;
  }

  /** When the earlier of the two episodes started. */
  private Instant firstStart() {
    if (before == null) {
      return after.startsAt();
    }
    if (after == null) {
      return before.startsAt();
    }
    return before.startsAt().isBefore(after.startsAt()) ? before.startsAt() : after.startsAt();
  }
}
