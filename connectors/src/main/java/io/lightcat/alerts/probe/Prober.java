package io.lightcat.alerts.probe;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One probing round: a {@code health_check} event per target, a {@code host} event when host
 * metrics are on, a {@code heartbeat} per service. Scheduling and publishing are the caller's.
 */
public final class Prober {
  private final Map<String, URI> targets;
  private final HttpProbe http;
  private final Optional<HostMetrics> hostMetrics;
  private final List<String> heartbeats;
  private final String host;
  private final Clock clock;

  public Prober(
      Map<String, URI> targets,
      HttpProbe http,
      Optional<HostMetrics> hostMetrics,
      List<String> heartbeats,
      String host,
      Clock clock) {
    this.targets = new LinkedHashMap<>(targets);
    this.http = Objects.requireNonNull(http, "http");
    this.hostMetrics = Objects.requireNonNull(hostMetrics, "hostMetrics");
    this.heartbeats = List.copyOf(heartbeats);
    this.host = Objects.requireNonNull(host, "host");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The events of one round, in order: health checks, host, heartbeats. */
  public List<ProbeEvent> round() {
    List<ProbeEvent> out = new ArrayList<>();
    targets.forEach((name, url) -> out.add(http.probe(name, url)));
    hostMetrics.flatMap(m -> m.sample(System.nanoTime())).ifPresent(out::add);
    for (String service : heartbeats) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("kind", "heartbeat");
      f.put("ts", Instant.now(clock).toString());
      f.put("service", service);
      f.put("host", host);
      out.add(new ProbeEvent(service, f));
    }
    return out;
  }
}
