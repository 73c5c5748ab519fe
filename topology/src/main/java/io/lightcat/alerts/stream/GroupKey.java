package io.lightcat.alerts.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The repartition key of the rule stages: a rule id and its group labels, encoded as a JSON array
 * {@code ["rule", "label1", "value1", ...]} with labels sorted, so equal groups give equal keys on
 * every instance.
 */
public record GroupKey(String ruleId, Map<String, String> labels) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public GroupKey {
    labels = new TreeMap<>(labels);
  }

  public String encode() {
    List<String> parts = new ArrayList<>(1 + 2 * labels.size());
    parts.add(ruleId);
    labels.forEach(
        (k, v) -> {
          parts.add(k);
          parts.add(v);
        });
    try {
      return JSON.writeValueAsString(parts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings always serializes", e);
    }
  }

  public static GroupKey decode(String key) {
    try {
      String[] parts = JSON.readValue(key, String[].class);
      Map<String, String> labels = new TreeMap<>();
      for (int i = 1; i + 1 < parts.length; i += 2) {
        labels.put(parts[i], parts[i + 1]);
      }
      return new GroupKey(parts[0], labels);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a group key: " + key, e);
    }
  }
}
