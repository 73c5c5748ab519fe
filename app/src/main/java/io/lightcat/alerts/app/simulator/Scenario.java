package io.lightcat.alerts.app.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The incident scenarios: each a named, time-bounded change of the steady LIGHTCAT traffic, meant
 * to raise one rule of the LIGHTCAT pack ({@link #targetRule()}). The declaration order is the
 * order the demo replays them in.
 */
public enum Scenario {
  ERROR_SPIKE(
      "api answers about 25% of requests with 500/502/503",
      "high-error-rate", Duration.ofSeconds(90)),
  SLOW_API("api latency rises to about 900 ms", "high-response-time", Duration.ofMinutes(3)),
  SERVER_DOWN(
      "the Website health check fails, website heartbeats and requests stop",
      "server-down",
      Duration.ofMinutes(2)),
  BTCPAY_OUTAGE(
      "the BTCPay health check fails and most payments fail with reason btcpay_unreachable",
      "payment-system-failure",
      Duration.ofMinutes(2)),
  DB_POOL_EXHAUSTION(
      "the api database pool is saturated (active = max, requests waiting), then disconnected",
      "database-connection-lost",
      Duration.ofMinutes(2)),
  SCANNING_ATTACK(
      "one client IP requests many distinct non-existent routes (404)",
      "scanning-detected",
      Duration.ofMinutes(1)),
  RATE_LIMIT_ABUSE(
      "one client IP hammers the api and is answered 429",
      "security-breach-attempt",
      Duration.ofMinutes(1)),
  LOGIN_BRUTE_FORCE(
      "one client IP fails POST /api/auth/login over and over (401)",
      "failed-login-spike",
      Duration.ofMinutes(1)),
  TOKEN_SUPPLY_LOW(
      "the reported remaining token batches drop below 1000",
      "low-token-supply",
      Duration.ofMinutes(2)),
  DISK_FILLING(
      "free disk space of db-1 falls from about 60% to about 12%",
      "disk-space-low", Duration.ofMinutes(3)),
  MEMORY_LEAK(
      "memory use of app-1 climbs past 85% and stays there", "memory-high", Duration.ofMinutes(12));

  private final String description;
  private final String targetRule;
  private final Duration defaultLength;

  Scenario(String description, String targetRule, Duration defaultLength) {
    this.description = description;
    this.targetRule = targetRule;
    this.defaultLength = defaultLength;
  }

  /** The command-line name, e.g. {@code error-spike}. */
  public String scenarioName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** What changes in the traffic while the incident lasts. */
  public String description() {
    return description;
  }

  /** The id of the LIGHTCAT rule this incident is meant to raise. */
  public String targetRule() {
    return targetRule;
  }

  /** How long the incident lasts in the demo and in {@code simulate --scenario NAME}. */
  public Duration defaultLength() {
    return defaultLength;
  }

  /** The scenario called {@code name} on the command line, if any. */
  public static Optional<Scenario> named(String name) {
    return Arrays.stream(values()).filter(s -> s.scenarioName().equals(name)).findFirst();
  }
}
