package io.lightcat.alerts.stream.backtest;

import io.lightcat.alerts.lifecycle.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One firing episode of one alert, as a backtest saw it: when it fired, the severities it went
 * through, and when it resolved.
 *
 * @param endsAt null when still firing at the end of the backtest
 * @param severities in order, first the one it fired with
 */
public record Episode(
    String fingerprint,
    String rule,
    Map<String, String> labels,
    Instant startsAt,
    Instant endsAt,
    List<String> severities) {

  public Episode {
    labels = Map.copyOf(labels);
    severities = List.copyOf(severities);
  }

  /** Whether the two overlap in time (an open episode lasts for ever). */
  boolean overlaps(Episode other) {
    return startsAt.isBefore(other.endOrMax()) && other.startsAt.isBefore(endOrMax());
  }

  private Instant endOrMax() {
    return endsAt == null ? Instant.MAX : endsAt;
  }

  /** The episodes in a backtest's transitions, in the order they fired. */
  public static List<Episode> of(List<Alert> transitions) {
    Map<String, Episode> byId = new LinkedHashMap<>();
    for (Alert a : transitions) {
      Episode e = byId.get(a.id());
      if (e == null) {
        byId.put(
            a.id(),
            new Episode(
                a.fingerprint(),
                a.rule(),
                a.labels(),
                Instant.parse(a.startsAt()),
                a.firing() ? null : Instant.parse(a.endsAt()),
                List.of(a.severity())));
        continue;
      }
      List<String> severities = new ArrayList<>(e.severities());
      if (!a.severity().equals(severities.get(severities.size() - 1))) {
        severities.add(a.severity());
      }
      Instant end = a.firing() ? e.endsAt() : Instant.parse(a.endsAt());
      byId.put(
          a.id(),
          new Episode(e.fingerprint(), e.rule(), e.labels(), e.startsAt(), end, severities));
    }
    return new ArrayList<>(byId.values());
  }
}
