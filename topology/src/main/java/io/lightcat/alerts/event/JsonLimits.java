package io.lightcat.alerts.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hardened JSON reader every untrusted record goes through: bounded nesting and string length,
 * duplicate keys and trailing tokens rejected; NaN and Infinity stay invalid (Jackson's default).
 */
final class JsonLimits {
  static final int MAX_NESTING_DEPTH = 32;
  static final int MAX_STRING_CHARS = 64 * 1024;

  private JsonLimits() {}

  /** A new, thread-safe once configured, mapper with the limits above. */
  static ObjectMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    .build())
            // Two values for one name are read differently by different consumers: reject.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }
}
