package io.lightcat.alerts.app.simulator;

import static io.lightcat.alerts.app.simulator.Simulation.during;
import static io.lightcat.alerts.app.simulator.Simulation.fields;
import static io.lightcat.alerts.app.simulator.Simulation.kind;
import static io.lightcat.alerts.app.simulator.Simulation.number;
import static io.lightcat.alerts.app.simulator.Simulation.requestsTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each incident changes the traffic the way its target rule needs; steady traffic does not. */
class ScenarioTest {
  private static final List<SimEvent> STEADY = Simulation.steady(Duration.ofMinutes(13));

  @Test
  void errorSpikeRaisesTheApiServerErrorShareAboveTwentyPercent() {
    // 90 s of it must lift the 5-minute share above high-error-rate's 5%: more than 1/6.
    assertThat(serverErrorShare(during(Scenario.ERROR_SPIKE), "api")).isBetween(0.20, 0.30);
    assertThat(serverErrorShare(STEADY, "api")).isLessThan(0.002);
  }

  @Test
  void slowApiRaisesTheApiMeanLatencyAboveFiveHundredMs() {
    assertThat(meanApiLatency(during(Scenario.SLOW_API))).isBetween(800.0, 1_000.0);
    assertThat(meanApiLatency(STEADY)).isLessThan(200);
  }

  @Test
  void serverDownFailsTheWebsiteCheckAndSilencesTheWebsite() {
    List<SimEvent> events = during(Scenario.SERVER_DOWN);
    assertThat(healthChecks(events, "Website")).isNotEmpty().noneMatch(ok());
    assertThat(healthChecks(events, "API")).isNotEmpty().allMatch(ok());
    assertThat(fields(events, kind("heartbeat")))
        .noneMatch(f -> "website".equals(f.get("service")));
    assertThat(fields(events, requestsTo("website"))).isEmpty();
    assertThat(healthChecks(STEADY, "Website")).allMatch(ok());
  }

  @Test
  void btcpayOutageFailsItsCheckAndMostPaymentsAsUnreachable() {
    List<SimEvent> events = during(Scenario.BTCPAY_OUTAGE);
    assertThat(healthChecks(events, "BTCPay")).isNotEmpty().noneMatch(ok());
    long unreachable =
        fields(events, kind("payment_failed")).stream()
            .filter(f -> PaymentTraffic.UNREACHABLE.equals(f.get("reason")))
            .count();
    long confirmed = fields(events, kind("payment_confirmed")).size();
    assertThat((double) unreachable / (unreachable + confirmed)).isGreaterThan(0.7);
  }

  @Test
  void dbPoolExhaustionSaturatesThePoolThenLosesTheConnection() {
    List<Map<String, Object>> pool = fields(during(Scenario.DB_POOL_EXHAUSTION), kind("db_pool"));
    assertThat(pool)
        .anyMatch(f -> number(f, "active") == number(f, "max") && number(f, "waiting") > 0)
        .anyMatch(f -> !(Boolean) f.get("connected"));
    assertThat(pool.get(0)).containsEntry("connected", true);
    assertThat(pool.get(pool.size() - 1)).containsEntry("connected", false);
  }

  @Test
  void scanningAttackHitsManyDistinctMissingRoutesFromOneIp() {
    List<Map<String, Object>> probes =
        fields(during(Scenario.SCANNING_ATTACK), from(RequestTraffic.SCANNER_IP));
    assertThat(probes).hasSizeGreaterThan(100).allMatch(f -> number(f, "status") == 404);
    assertThat(probes.stream().map(f -> f.get("route")).distinct().count()).isGreaterThan(100);
    assertThat(fields(STEADY, from(RequestTraffic.SCANNER_IP))).isEmpty();
  }

  @Test
  void rateLimitAbuseIsManyTooManyRequestsFromOneIp() {
    List<Map<String, Object>> abuse =
        fields(during(Scenario.RATE_LIMIT_ABUSE), from(RequestTraffic.ABUSER_IP));
    assertThat(abuse).hasSizeGreaterThan(100).allMatch(f -> number(f, "status") == 429);
    long steady429 =
        fields(STEADY, e -> Integer.valueOf(429).equals(e.fields().get("status"))).size();
    assertThat(steady429).isLessThan(20);
  }

  @Test
  void loginBruteForceIsManyFailedLoginsFromOneIp() {
    List<Map<String, Object>> attempts =
        fields(during(Scenario.LOGIN_BRUTE_FORCE), from(RequestTraffic.BRUTE_FORCE_IP));
    assertThat(attempts)
        .hasSizeGreaterThan(100)
        .allMatch(f -> number(f, "status") == 401 && RequestTraffic.LOGIN.equals(f.get("route")));
  }

  @Test
  void theBruteForcerFailsALoginNowAndThenInSteadyTraffic() {
    // failed-login-spike needs a baseline of at least 1 failure per 5 minutes from the IP, and
    // pages only from 10 failures in 5 minutes: the history alone must stay under that.
    List<SimEvent> probes =
        STEADY.stream()
            .filter(e -> RequestTraffic.BRUTE_FORCE_IP.equals(e.fields().get("clientIp")))
            .toList();
    assertThat(probes)
        .allMatch(
            e ->
                number(e.fields(), "status") == 401
                    && RequestTraffic.LOGIN.equals(e.fields().get("route")));
    double perFiveMinutes = probes.size() / (13 / 5.0);
    assertThat(perFiveMinutes).isBetween(2.0, 5.0);
  }

  @Test
  void memoryLeakKeepsOneHostAboveEightyPercentForOverTenMinutes() {
    List<SimEvent> leaking =
        during(Scenario.MEMORY_LEAK).stream()
            .filter(kind("host"))
            .filter(e -> InfraTraffic.LEAKING_HOST.equals(e.fields().get("host")))
            .toList();
    List<SimEvent> high = leaking.stream().filter(e -> number(e.fields(), "memPct") > 85).toList();
    assertThat(high).isNotEmpty();
    Duration above80 =
        Duration.between(
            leaking.stream()
                .filter(e -> number(e.fields(), "memPct") > 80)
                .findFirst()
                .orElseThrow()
                .time(),
            leaking.get(leaking.size() - 1).time());
    assertThat(above80).isGreaterThan(Duration.ofMinutes(10));
    assertThat(leaking.stream().dropWhile(e -> number(e.fields(), "memPct") <= 80))
        .allMatch(e -> number(e.fields(), "memPct") > 80);
  }

  @Test
  void diskFillingKeepsFreeSpaceBelowTwentyPercentForOverTwoMinutes() {
    List<SimEvent> filling =
        during(Scenario.DISK_FILLING).stream()
            .filter(kind("host"))
            .filter(e -> InfraTraffic.FILLING_HOST.equals(e.fields().get("host")))
            .toList();
    double lowest =
        filling.stream().mapToDouble(e -> number(e.fields(), "diskFreePct")).min().orElseThrow();
    assertThat(lowest).isBetween(10.0, 14.0);
    // disk-space-low needs its level to hold for 2m before it fires
    List<SimEvent> below20 =
        filling.stream().dropWhile(e -> number(e.fields(), "diskFreePct") >= 20).toList();
    assertThat(below20).allMatch(e -> number(e.fields(), "diskFreePct") < 20);
    assertThat(Duration.between(below20.get(0).time(), below20.get(below20.size() - 1).time()))
        .isGreaterThan(Duration.ofMinutes(2));
  }

  @Test
  void tokenSupplyLowReportsFewerThanAThousandBatches() {
    assertThat(fields(during(Scenario.TOKEN_SUPPLY_LOW), kind("supply")))
        .isNotEmpty()
        .allMatch(f -> number(f, "remainingBatches") < 1000);
    assertThat(fields(STEADY, kind("supply"))).allMatch(f -> number(f, "remainingBatches") > 4000);
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void everyScenarioHasANameADescriptionAndATargetRule(Scenario scenario) {
    assertThat(Scenario.named(scenario.scenarioName())).contains(scenario);
    assertThat(scenario.scenarioName()).matches("[a-z]+(-[a-z]+)*");
    assertThat(scenario.description()).isNotBlank();
    assertThat(scenario.targetRule()).matches("[a-z]+(-[a-z]+)*");
    assertThat(scenario.defaultLength()).isPositive();
  }

  @Test
  void unknownScenarioNameIsEmpty() {
    assertThat(Scenario.named("meteor-strike")).isEqualTo(Optional.empty());
  }

  private static double serverErrorShare(List<SimEvent> events, String service) {
    List<Map<String, Object>> requests = fields(events, requestsTo(service));
    return requests.stream().filter(r -> number(r, "status") >= 500).count()
        / (double) requests.size();
  }

  private static double meanApiLatency(List<SimEvent> events) {
    return fields(events, requestsTo("api")).stream()
        .filter(
            r ->
                r.get("clientIp").toString().startsWith("203.")
                    || r.get("clientIp").toString().startsWith("198."))
        .mapToDouble(r -> number(r, "latencyMs"))
        .average()
        .orElseThrow();
  }

  private static List<Map<String, Object>> healthChecks(List<SimEvent> events, String target) {
    return fields(events, kind("health_check")).stream()
        .filter(f -> target.equals(f.get("target")))
        .toList();
  }

  private static Predicate<Map<String, Object>> ok() {
    return f -> (Boolean) f.get("ok");
  }

  private static Predicate<SimEvent> from(String ip) {
    return e -> ip.equals(e.fields().get("clientIp"));
  }
}
