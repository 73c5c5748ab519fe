package io.lightcat.alerts.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

  /** The JSON array form; built by hand because it runs once per event and rule. */
  public String encode() {
    StringBuilder out = new StringBuilder(32 + 16 * labels.size()).append('[');
    quote(out, ruleId);
    labels.forEach(
        (k, v) -> {
          quote(out.append(','), k);
          quote(out.append(','), v);
        });
    return out.append(']').toString();
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
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
