package io.lightcat.alerts.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcTimestampsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-28T12:00:00Z",
        "2026-11-28T12:00:00.1Z",
        "2026-11-28T12:00:00.12Z",
        "2026-11-28T12:00:00.123Z",
        "2026-11-28T12:00:00.123456Z",
        "2026-11-28T12:00:00.123456789Z",
        "1970-01-01T00:00:00Z",
        "2024-02-29T23:59:59.999Z",
        "2000-12-31T00:00:00.5Z"
      })
  void agreesWithJavaTime(String ts) {
    assertThat(UtcTimestamps.parseMillis(ts))
        .hasValue(OffsetDateTime.parse(ts).toInstant().toEpochMilli());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-28T12:00:00+01:00",
        "2026-11-28T12:00:00",
        "2026-11-28 12:00:00Z",
        "2026-13-28T12:00:00Z",
        "2026-02-30T12:00:00Z",
        "2026-11-28T24:00:00Z",
        "2026-11-28T12:60:00Z",
        "2026-11-28T12:00:00.Z",
        "2026-11-28T12:00:00.1234567890Z",
        "2026-11-28T12:00:0xZ",
        "yesterday at noon, Z"
      })
  void leavesEverythingElseToTheFullParser(String ts) {
    assertThat(UtcTimestamps.parseMillis(ts)).isEmpty();
  }
}
