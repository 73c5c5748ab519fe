package io.lightcat.alerts.query;

import io.lightcat.alerts.rule.CompiledRule;
import io.lightcat.alerts.rule.RuleSet;
import io.lightcat.alerts.stream.GroupKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A query for one rule's measured value over time in one group: {@code group=k=v} (repeated or
 * comma-separated) names exactly the rule's {@code groupBy} labels; {@code from}/{@code to} are
 * optional ISO-8601 instants bounding the points.
 */
public record SeriesRequest(CompiledRule rule, GroupKey key, Instant from, Instant to) {
  public SeriesRequest {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /**
   * Parses the request parameters against the active rules. An {@code anyOf} rule's public id means
   * its first alternative.
   *
   * @throws NoSuchRuleException when {@code ruleId} is not active
   * @throws BadQueryException naming the parameter that is wrong
   */
  public static SeriesRequest parse(
      RuleSet rules, String ruleId, List<String> group, String from, String to) {
    CompiledRule rule =
        rules
            .get(ruleId)
            .or(
                () ->
                    rules.all().stream()
                        .filter(r -> r.rule().publicId().equals(ruleId))
                        .findFirst())
            .orElseThrow(() -> new NoSuchRuleException(ruleId));
    Map<String, String> labels = new TreeMap<>();
    for (String param : group) {
      for (String pair : param.split(",")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new BadQueryException("group must be label=value pairs, not '" + pair + "'");
        }
        labels.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
    }
    if (!labels.keySet().equals(new HashSet<>(rule.rule().groupBy()))) {
      throw new BadQueryException(
          "group must give exactly the labels "
              + rule.rule().groupBy()
              + " of rule "
              + ruleId
              + ", not "
              + labels.keySet());
    }
    Instant start = instant("from", from, Instant.EPOCH);
    Instant end = instant("to", to, Instant.parse("9999-12-31T23:59:59Z"));
    if (start.isAfter(end)) {
      throw new BadQueryException("from must not be after to");
    }
    return new SeriesRequest(rule, new GroupKey(rule.id(), labels), start, end);
  }

  private static Instant instant(String name, String value, Instant absent) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadQueryException(
          name + " must be an ISO-8601 instant such as 2026-11-28T12:00:00Z, not '" + value + "'");
    }
  }
}
