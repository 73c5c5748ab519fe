package io.lightcat.alerts.app.simulator;

import io.lightcat.alerts.event.EventStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LIGHTCAT's infrastructure: host metrics of app-1, app-2 and db-1 every 10 s, the api database
 * pool every 10 s, health checks of API, Website, Game and BTCPay and service heartbeats every 15
 * s, and database query timings; plus the infrastructure side of the incidents.
 */
final class InfraTraffic {
  static final String LEAKING_HOST = "app-1";
  static final String FILLING_HOST = "db-1";
  static final int POOL_MAX = 20;

  /** The share of the disk-filling incident it takes the disk to fill. */
  static final double FILL_SHARE = 0.2;

  private record Host(String name, double diskFreePct) {}

  private record Target(String name, String url) {}

  private record Service(String name, String host) {}

  private static final List<Host> HOSTS =
      List.of(new Host("app-1", 70), new Host("app-2", 72), new Host("db-1", 60));
  private static final List<Target> TARGETS =
      List.of(
          new Target("API", "https://api.lightcat.example/health"),
          new Target("Website", "https://lightcat.example/"),
          new Target("Game", "https://lightcat.example/game.html"),
          new Target("BTCPay", "https://btcpay.lightcat.example/api/v1/health"));
  private static final List<Service> SERVICES =
      List.of(
          new Service("api", "app-1"),
          new Service("website", "app-2"),
          new Service("game", "app-2"));
  private static final List<String> QUERIES =
      List.of(
          "SELECT invoices WHERE id = ?",
          "SELECT payments WHERE invoice_id = ?",
          "UPDATE invoices SET status = ? WHERE id = ?",
          "SELECT token_supply",
          "INSERT INTO game_scores VALUES (?)");

  private final Dice dice;
  private final Every hostMetrics = new Every(Duration.ofSeconds(10));
  private final Every dbPool = new Every(Duration.ofSeconds(10));
  private final Every healthChecks = new Every(Duration.ofSeconds(15));
  private final Every heartbeats = new Every(Duration.ofSeconds(15));

  InfraTraffic(Dice dice) {
    this.dice = dice;
  }

  /** The periodic events due up to {@code now}, oldest first within each kind. */
  List<SimEvent> dueBy(Instant now, Optional<ActiveIncident> incident) {
    List<SimEvent> due = new ArrayList<>();
    for (Instant t : hostMetrics.dueBy(now)) {
      HOSTS.forEach(h -> due.add(host(t, h, incident)));
    }
    for (Instant t : dbPool.dueBy(now)) {
      due.add(dbPool(t, incident));
    }
    for (Instant t : healthChecks.dueBy(now)) {
      TARGETS.forEach(target -> due.add(healthCheck(t, target, incident)));
    }
    boolean websiteDown = incident.filter(i -> i.is(Scenario.SERVER_DOWN)).isPresent();
    for (Instant t : heartbeats.dueBy(now)) {
      for (Service s : SERVICES) {
        if (!(websiteDown && s.name().equals("website"))) {
          due.add(heartbeat(t, s));
        }
      }
    }
    return due;
  }

  /** One database query of the api. */
  SimEvent dbQuery(Instant now) {
    Map<String, Object> f = fields("db_query");
    f.put("service", "api");
    f.put("durationMs", Dice.tenth(dice.logNormal(12, 0.5)));
    f.put("fingerprint", dice.pick(QUERIES));
    return new SimEvent(EventStream.INFRA, "api", now, f);
  }

  private SimEvent host(Instant t, Host host, Optional<ActiveIncident> incident) {
    double mem = dice.normal(55, 3);
    double disk = host.diskFreePct() + dice.normal(0, 0.5);
    if (host.name().equals(LEAKING_HOST)) {
      Optional<ActiveIncident> leak = incident.filter(i -> i.is(Scenario.MEMORY_LEAK));
      if (leak.isPresent()) {
        // Climbs within the first 15% of the incident, then stays high for the rest.
        mem = 55 + 40 * Math.min(1, leak.get().progress() / 0.15) + dice.normal(0, 1);
      }
    }
    if (host.name().equals(FILLING_HOST)) {
      Optional<ActiveIncident> filling = incident.filter(i -> i.is(Scenario.DISK_FILLING));
      if (filling.isPresent()) {
        // A burst (logs, a backup) fills it within the first fifth of the incident, and it stays
        // nearly full: disk-space-low holds its level for 2m before it fires.
        disk = host.diskFreePct() - 48 * Math.min(1, filling.get().progress() / FILL_SHARE);
      }
    }
    Map<String, Object> f = fields("host");
    f.put("host", host.name());
    f.put("cpuPct", Dice.tenth(Dice.clamp(dice.normal(30, 6), 1, 100)));
    f.put("memPct", Dice.tenth(Dice.clamp(mem, 1, 99)));
    f.put("diskFreePct", Dice.tenth(Dice.clamp(disk, 0, 100)));
    f.put("netInBytesPerSec", (double) Math.round(dice.logNormal(2_500_000, 0.3)));
    f.put("netOutBytesPerSec", (double) Math.round(dice.logNormal(1_800_000, 0.3)));
    return new SimEvent(EventStream.INFRA, host.name(), t, f);
  }

  private SimEvent dbPool(Instant t, Optional<ActiveIncident> incident) {
    Map<String, Object> f = fields("db_pool");
    f.put("service", "api");
    Optional<ActiveIncident> exhaustion = incident.filter(i -> i.is(Scenario.DB_POOL_EXHAUSTION));
    if (exhaustion.isEmpty()) {
      f.put("active", dice.between(2, 8));
      f.put("max", POOL_MAX);
      f.put("waiting", 0);
      f.put("connected", true);
    } else if (exhaustion.get().progress() < 0.5) {
      f.put("active", POOL_MAX);
      f.put("max", POOL_MAX);
      f.put("waiting", dice.between(3, 15));
      f.put("connected", true);
    } else {
      f.put("active", 0);
      f.put("max", POOL_MAX);
      f.put("waiting", dice.between(10, 25));
      f.put("connected", false);
    }
    return new SimEvent(EventStream.INFRA, "api", t, f);
  }

  private SimEvent healthCheck(Instant t, Target target, Optional<ActiveIncident> incident) {
    Map<String, Object> f = fields("health_check");
    f.put("target", target.name());
    f.put("url", target.url());
    boolean down =
        (target.name().equals("Website")
                && incident.filter(i -> i.is(Scenario.SERVER_DOWN)).isPresent())
            || (target.name().equals("BTCPay")
                && incident.filter(i -> i.is(Scenario.BTCPAY_OUTAGE)).isPresent());
    if (down) {
      // Connection refused or timed out: no HTTP status; a timeout takes the probe's limit.
      f.put("ok", false);
      f.put("latencyMs", 10_000.0);
    } else {
      f.put("ok", true);
      f.put("status", 200);
      f.put("latencyMs", Dice.tenth(dice.logNormal(80, 0.3)));
    }
    return new SimEvent(EventStream.INFRA, target.name(), t, f);
  }

  private SimEvent heartbeat(Instant t, Service service) {
    Map<String, Object> f = fields("heartbeat");
    f.put("service", service.name());
    f.put("host", service.host());
    return new SimEvent(EventStream.INFRA, service.name(), t, f);
  }

  private Map<String, Object> fields(String kind) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("eventId", "infra-" + dice.hex(16));
    f.put("kind", kind);
    return f;
  }
}
