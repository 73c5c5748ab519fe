package io.lightcat.alerts.app.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares what a read_committed consumer saw on {@code alerts} with what the {@link
 * IncidentWorkload} must produce: for every service and incident one firing record during the burst
 * and one resolved record of the same episode before the next incident — nothing missing, nothing
 * twice, nothing else.
 */
final class Oracle {
  private final IncidentWorkload workload;

  Oracle(IncidentWorkload workload) {
    this.workload = workload;
  }

  /** Every difference between the records and the oracle; empty when they match exactly. */
  List<String> differences(List<JsonNode> alerts) {
    List<String> problems = new ArrayList<>();
    Map<String, List<JsonNode>> byService = new HashMap<>();
    Set<String> seenTransitions = new HashSet<>();
    for (JsonNode a : alerts) {
      if (!IncidentWorkload.RULE_ID.equals(a.path("rule").asText())) {
        problems.add("record of an unexpected rule: " + a);
        continue;
      }
      String transition = a.path("id").asText() + "/" + a.path("status").asText();
      if (!seenTransitions.add(transition)) {
        problems.add("duplicate transition " + transition + " of " + a.path("labels"));
      }
      byService
          .computeIfAbsent(a.path("labels").path("service").asText(), s -> new ArrayList<>())
          .add(a);
    }
    for (int s = 0; s < workload.services(); s++) {
      String service = IncidentWorkload.service(s);
      List<JsonNode> records = byService.getOrDefault(service, List.of());
      checkService(service, records, problems);
    }
    byService.keySet().stream()
        .filter(name -> !name.startsWith("svc-"))
        .forEach(name -> problems.add("alerts for an unknown service " + name));
    return problems;
  }

  private void checkService(String service, List<JsonNode> records, List<String> problems) {
    int expected = 2 * workload.incidents();
    if (records.size() != expected) {
      problems.add(service + ": " + records.size() + " records, expected " + expected);
    }
    for (int i = 0; i < Math.min(records.size() / 2, workload.incidents()); i++) {
      JsonNode firing = records.get(2 * i);
      JsonNode resolved = records.get(2 * i + 1);
      String where = service + " incident " + i + ": ";
      if (!"firing".equals(firing.path("status").asText())
          || !"resolved".equals(resolved.path("status").asText())) {
        problems.add(where + "expected firing then resolved, got " + statuses(firing, resolved));
        continue;
      }
      if (!firing.path("id").asText().equals(resolved.path("id").asText())) {
        problems.add(where + "firing and resolved records belong to different episodes");
      }
      Instant startsAt = Instant.parse(firing.path("startsAt").asText());
      if (startsAt.isBefore(IncidentWorkload.incidentStart(i))
          || startsAt.isAfter(IncidentWorkload.burstEnd(i))) {
        problems.add(where + "fired at " + startsAt + ", outside its burst");
      }
      Instant endsAt = Instant.parse(resolved.path("endsAt").asText());
      if (!endsAt.isAfter(IncidentWorkload.burstEnd(i))
          || !endsAt.isBefore(IncidentWorkload.incidentStart(i + 1))) {
        problems.add(where + "resolved at " + endsAt + ", outside its recovery");
      }
    }
  }

  private static String statuses(JsonNode first, JsonNode second) {
    return first.path("status").asText() + ", " + second.path("status").asText();
  }
}
