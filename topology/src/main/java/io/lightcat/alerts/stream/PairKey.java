package io.lightcat.alerts.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The repartition key of the pairing stage: a rule id and the value of the rule's {@code by} field
 * (e.g. an invoice id), encoded as a JSON array {@code ["rule", "value"]}, so both halves of a pair
 * meet on one task.
 */
public record PairKey(String ruleId, String value) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public String encode() {
    try {
      return JSON.writeValueAsString(List.of(ruleId, value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings always serializes", e);
    }
  }

  public static PairKey decode(String key) {
    try {
      String[] parts = JSON.readValue(key, String[].class);
      if (parts.length != 2) {
        throw new IllegalArgumentException("not a pair key: " + key);
      }
      return new PairKey(parts[0], parts[1]);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a pair key: " + key, e);
    }
  }
}
