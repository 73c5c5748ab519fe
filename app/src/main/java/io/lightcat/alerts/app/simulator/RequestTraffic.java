package io.lightcat.alerts.app.simulator;

import io.lightcat.alerts.event.EventStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP requests to LIGHTCAT's api, website and game: route mixes, log-normal latencies (api around
 * 120 ms, under the 200 ms target), about 0.05% 5xx on the api, some 404s, 401s on failed logins;
 * and the request side of the incidents (error spike, slow api, the three attacks, website down).
 */
final class RequestTraffic {
  static final String SCANNER_IP = "192.0.2.66";
  static final String ABUSER_IP = "192.0.2.77";
  static final String BRUTE_FORCE_IP = "192.0.2.88";
  static final String LOGIN = "/api/auth/login";

  /** During an attack, the share of requests that are the attacker's. */
  static final double ATTACK_SHARE = 0.15;

  static final double API_5XX = 0.0005;
  static final double OTHER_5XX = 0.0002;

  /**
   * The api's 5xx share during the error spike. high-error-rate pages above 5% over 5 minutes; the
   * 90 s spike is 30% of that window, so it must fail more than a sixth of the requests to page:
   * 25% gives 7.5% over the window.
   */
  static final double SPIKE_5XX = 0.25;

  private static final List<String> SCAN_PROBES =
      List.of(
          "/.env",
          "/.git/config",
          "/wp-login.php",
          "/wp-admin/",
          "/phpmyadmin/",
          "/admin",
          "/backup.zip",
          "/config.php",
          "/server-status",
          "/.aws/credentials",
          "/xmlrpc.php",
          "/actuator/env",
          "/api/v1/debug",
          "/db.sql",
          "/old/",
          "/test.php");
  private static final List<String> SCAN_DIRS =
      List.of("", "/blog", "/wordpress", "/old", "/new", "/backup", "/shop", "/dev", "/staging");
  private static final List<Integer> SERVER_ERRORS = List.of(500, 502, 503);

  private record Route(String method, String path, int weight, boolean authenticated, boolean db) {}

  private static final List<Route> API =
      List.of(
          new Route("GET", "/api/tokens", 30, false, true),
          new Route("GET", "/api/payments/status", 35, true, true),
          new Route("POST", "/api/invoices", 15, true, true),
          new Route("POST", LOGIN, 10, false, true),
          new Route("GET", "/api/user/profile", 10, true, true));
  private static final List<Route> WEBSITE =
      List.of(
          new Route("GET", "/", 50, false, false),
          new Route("GET", "/buy", 30, false, false),
          new Route("GET", "/faq", 20, false, false));
  private static final List<Route> GAME =
      List.of(
          new Route("GET", "/game.html", 40, false, false),
          new Route("POST", "/api/game/score", 60, true, true));

  private final Dice dice;
  private final List<String> clientIps;
  private int probes;

  RequestTraffic(Dice dice) {
    this.dice = dice;
    this.clientIps =
        java.util.stream.IntStream.range(0, 200)
            .mapToObj(i -> (i < 100 ? "203.0.113." : "198.51.100.") + (i % 100 + 1))
            .toList();
  }

  /** One request at {@code now}. */
  SimEvent next(Instant now, Optional<ActiveIncident> incident) {
    Optional<Scenario> attack =
        incident
            .map(ActiveIncident::scenario)
            .filter(
                s ->
                    s == Scenario.SCANNING_ATTACK
                        || s == Scenario.RATE_LIMIT_ABUSE
                        || s == Scenario.LOGIN_BRUTE_FORCE);
    if (attack.isPresent() && dice.chance(ATTACK_SHARE)) {
      return attack(now, attack.get());
    }
    boolean websiteDown = incident.filter(i -> i.is(Scenario.SERVER_DOWN)).isPresent();
    double service = dice.uniform(0, 1);
    if (service < 0.60 || (service < 0.85 && websiteDown)) {
      return ordinary(now, "api", weighted(API), incident);
    }
    return service < 0.85
        ? ordinary(now, "website", weighted(WEBSITE), incident)
        : ordinary(now, "game", weighted(GAME), incident);
  }

  private SimEvent ordinary(
      Instant now, String service, Route route, Optional<ActiveIncident> incident) {
    boolean api = service.equals("api");
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("eventId", "req-" + dice.hex(16));
    f.put("service", service);
    f.put("method", route.method());
    f.put("route", route.path());
    f.put("status", status(route, api, incident));
    f.put("latencyMs", Dice.tenth(latency(service, incident)));
    f.put("clientIp", dice.pick(clientIps));
    if (route.authenticated()) {
      f.put("userId", "user-" + dice.between(1, 500));
      if (dice.chance(0.7)) {
        // A realistic leak the engine must strip (CONTRACT section 3); never logged here.
        f.put("headers", Map.of("authorization", "Bearer sim." + dice.hex(32)));
      }
    }
    if (route.db() && dice.chance(0.5)) {
      f.put("dbQueryMs", Dice.tenth(dice.logNormal(12, 0.5)));
    }
    return new SimEvent(EventStream.REQUESTS, service, now, f);
  }

  private int status(Route route, boolean api, Optional<ActiveIncident> incident) {
    boolean spike = api && incident.filter(i -> i.is(Scenario.ERROR_SPIKE)).isPresent();
    double serverErrors = spike ? SPIKE_5XX : api ? API_5XX : OTHER_5XX;
    if (dice.chance(serverErrors)) {
      return dice.pick(SERVER_ERRORS);
    }
    if (route.path().equals(LOGIN) && dice.chance(0.05)) {
      return 401;
    }
    if (dice.chance(0.003)) {
      return 404;
    }
    if (dice.chance(0.0002)) {
      return 429;
    }
    return route.method().equals("POST") && route.path().equals("/api/invoices") ? 201 : 200;
  }

  private double latency(String service, Optional<ActiveIncident> incident) {
    return switch (service) {
      case "api" ->
          incident.filter(i -> i.is(Scenario.SLOW_API)).isPresent()
              ? dice.logNormal(880, 0.25)
              : dice.logNormal(110, 0.35);
      case "website" -> dice.logNormal(70, 0.4);
      default -> dice.logNormal(50, 0.4);
    };
  }

  /**
   * One failed login of the brute-force attacker outside its attack: before it turns loud it tries
   * a password now and then ("low and slow"), which gives its IP the failure history that
   * failed-login-spike compares the attack with.
   */
  SimEvent bruteForceProbe(Instant now) {
    return attack(now, Scenario.LOGIN_BRUTE_FORCE);
  }

  private SimEvent attack(Instant now, Scenario scenario) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("eventId", "req-" + dice.hex(16));
    String service;
    switch (scenario) {
      case SCANNING_ATTACK -> {
        service = "website";
        f.put("service", service);
        f.put("method", "GET");
        f.put("route", nextProbe());
        f.put("status", 404);
        f.put("latencyMs", Dice.tenth(dice.logNormal(8, 0.3)));
        f.put("clientIp", SCANNER_IP);
      }
      case RATE_LIMIT_ABUSE -> {
        service = "api";
        f.put("service", service);
        f.put("method", "GET");
        f.put("route", "/api/tokens");
        f.put("status", 429);
        f.put("latencyMs", Dice.tenth(dice.logNormal(3, 0.3)));
        f.put("clientIp", ABUSER_IP);
      }
      default -> {
        service = "api";
        f.put("service", service);
        f.put("method", "POST");
        f.put("route", LOGIN);
        f.put("status", 401);
        f.put("latencyMs", Dice.tenth(dice.logNormal(90, 0.3)));
        f.put("clientIp", BRUTE_FORCE_IP);
      }
    }
    return new SimEvent(EventStream.REQUESTS, service, now, f);
  }

  /** Distinct probe routes: the classic list, then the same under other directories. */
  private String nextProbe() {
    int n = probes++;
    String probe = SCAN_PROBES.get(n % SCAN_PROBES.size());
    int round = n / SCAN_PROBES.size();
    if (round == 0) {
      return probe;
    }
    String dir = round < SCAN_DIRS.size() ? SCAN_DIRS.get(round) : "/site" + round;
    return dir + probe;
  }

  private Route weighted(List<Route> routes) {
    int total = routes.stream().mapToInt(Route::weight).sum();
    int x = dice.between(1, total);
    for (Route r : routes) {
      x -= r.weight();
      if (x <= 0) {
        return r;
      }
    }
    throw new IllegalStateException("weights exhausted");
  }
}
