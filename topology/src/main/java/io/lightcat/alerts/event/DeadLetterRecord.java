package io.lightcat.alerts.event;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine writes to the dead-letter topic for one rejected record (CONTRACT section 2).
 *
 * <p>Key: the original key bytes. Value: the original bytes <em>with secrets removed</em> — the
 * contract says "original bytes", but CONTRACT section 3 forbids secrets in anything the engine
 * writes, so the value goes through {@link Redactor#redactRaw(byte[])} (a JSON object without
 * secrets is written byte for byte unchanged). Records over the size limit keep only their first
 * {@value #MAX_TRUNCATED_BYTES} bytes, textually scrubbed, with header {@code
 * error.truncated=true}. Headers: {@code error.reason}, {@code error.topic}, {@code
 * error.partition}, {@code error.offset} (UTF-8 strings); no header of the original record is
 * copied, since those may carry secrets too.
 *
 * @param key original key bytes, or {@code null}
 * @param value redacted value bytes, or {@code null} for a tombstone
 * @param headers header name → UTF-8 value, in write order, unmodifiable
 */
public record DeadLetterRecord(byte[] key, byte[] value, Map<String, String> headers) {
  public static final String REASON = "error.reason";
  public static final String TOPIC = "error.topic";
  public static final String PARTITION = "error.partition";
  public static final String OFFSET = "error.offset";
  public static final String TRUNCATED = "error.truncated";

  /** How much of an oversized record is kept. */
  public static final int MAX_TRUNCATED_BYTES = 64 * 1024;

  public DeadLetterRecord {
    Objects.requireNonNull(headers, "headers");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /**
   * The dead-letter copy of a record read from {@code topic}/{@code partition} at {@code offset}
   * and rejected for {@code reason}.
   *
   * @param maxRecordBytes the size limit; larger values are truncated
   */
  public static DeadLetterRecord of(
      Redactor redactor,
      byte[] key,
      byte[] value,
      String reason,
      String topic,
      int partition,
      long offset,
      int maxRecordBytes) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(REASON, redactor.scrub(reason));
    headers.put(TOPIC, topic);
    headers.put(PARTITION, Integer.toString(partition));
    headers.put(OFFSET, Long.toString(offset));
    byte[] kept = value;
    if (value != null && value.length > maxRecordBytes) {
      headers.put(TRUNCATED, "true");
      // A prefix is rarely a complete JSON object; redactRaw scrubs it textually when it is not.
      kept = Arrays.copyOf(value, Math.min(value.length, MAX_TRUNCATED_BYTES));
    }
    return new DeadLetterRecord(key, redactor.redactRaw(kept), headers);
  }
}
