package io.lightcat.alerts.app.fault;

import io.lightcat.alerts.testing.Events;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A deterministic request workload whose alert transitions are known in advance: the oracle of the
 * fault suite.
 *
 * <p>Every service goes through {@code incidents} identical incidents, one per minute of event
 * time: a burst of {@value #BURST} 5xx responses within 3 s (the {@link #RULE} fires when 20 errors
 * are in its 10 s window), then {@value #RECOVERY} healthy responses one second apart (the burst
 * leaves the window and the alert resolves). So each incident must yield exactly one {@code firing}
 * record (in the burst) and one {@code resolved} record (before the next incident), with the same
 * episode id. Records are keyed by service, so each service's events keep their order on one
 * partition whatever the partition count; chunks hold one incident of every service, in event time
 * order.
 */
final class IncidentWorkload {
  static final String RULE_ID = "fault-error-burst";

  /** The one rule the suite runs: the share of failed requests per service over 10 s. */
  static final String RULE =
      """
      - id: fault-error-burst
        title: Error burst
        source: requests
        groupBy: [service]
        window: 10s
        resolution: 1s
        measure: { ratio: status >= 500 }
        minEvents: 10
        severity: { P2: "> 50%" }
      """;

  static final int BURST = 30;
  static final int RECOVERY = 20;
  static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");
  private static final Duration INCIDENT_SPACING = Duration.ofMinutes(1);

  private final String requestsTopic;
  private final int services;
  private final int incidents;

  IncidentWorkload(String requestsTopic, int services, int incidents) {
    this.requestsTopic = requestsTopic;
    this.services = services;
    this.incidents = incidents;
  }

  int services() {
    return services;
  }

  int incidents() {
    return incidents;
  }

  int eventsPerChunk() {
    return services * (BURST + RECOVERY);
  }

  long totalEvents() {
    return (long) eventsPerChunk() * incidents;
  }

  /** Alert records the oracle expects in all: one firing and one resolved per incident. */
  int expectedTransitions() {
    return 2 * services * incidents;
  }

  static String service(int s) {
    return "svc-" + s;
  }

  /** Event time at which incident {@code i} starts (for every service). */
  static Instant incidentStart(int i) {
    return T0.plus(INCIDENT_SPACING.multipliedBy(i));
  }

  /** The last burst event of incident {@code i}: the alert must fire no later than this. */
  static Instant burstEnd(int i) {
    return incidentStart(i).plusMillis(100L * (BURST - 1));
  }

  /** Incident {@code i} of every service, in event-time order. */
  List<ProducerRecord<byte[], byte[]>> chunk(int i) {
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(eventsPerChunk());
    Instant start = incidentStart(i);
    for (int k = 0; k < BURST; k++) {
      for (int s = 0; s < services; s++) {
        out.add(request(s, 503, start.plusMillis(100L * k)));
      }
    }
    for (int k = 0; k < RECOVERY; k++) {
      for (int s = 0; s < services; s++) {
        out.add(request(s, 200, start.plusSeconds(4 + k)));
      }
    }
    return out;
  }

  private ProducerRecord<byte[], byte[]> request(int s, int status, Instant at) {
    byte[] value = Events.request().service(service(s)).status(status).latencyMs(12).at(at).bytes();
    return new ProducerRecord<>(
        requestsTopic, null, at.toEpochMilli(), service(s).getBytes(StandardCharsets.UTF_8), value);
  }
}
