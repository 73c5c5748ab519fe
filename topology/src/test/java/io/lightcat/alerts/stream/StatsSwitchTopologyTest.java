package io.lightcat.alerts.stream;

import static io.lightcat.alerts.stream.RuleEngineDriver.req;
import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RuleSet;
import io.lightcat.alerts.stats.StatsTopology;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link EngineConfig#withStats(boolean)}: the benchmark's engine without the statistics stages has
 * none of their stores and still raises the same alerts; the default engine keeps them.
 */
class StatsSwitchTopologyTest {
  private static final String ERROR_RATE =
      """
      - id: high-error-rate
        title: High error rate
        source: requests
        groupBy: [service]
        window: 5m
        resolution: 10s
        measure: { ratio: status >= 500 }
        minEvents: 20
        severity: { P1: "> 5%" }
        runbook: playbooks/high-load.md
        summary: "{{value | percent}} of requests to {{service}} failed"
      """;

  @Test
  void theDefaultEngineHasTheStatisticsStores() {
    // when
    String described = describe(EngineConfig.defaults());

    // then
    assertThat(EngineConfig.defaults().stats()).isTrue();
    assertThat(StatsTopology.STORES).allSatisfy(store -> assertThat(described).contains(store));
  }

  @Test
  void withoutStatsTheTopologyHasNoStatisticsStage() {
    // when
    String described = describe(EngineConfig.defaults().withStats(false));

    // then
    assertThat(StatsTopology.STORES)
        .allSatisfy(store -> assertThat(described).doesNotContain(store));
    assertThat(described)
        .doesNotContain("stats-")
        .contains(EngineTopology.RULE_WINDOWS_STORE, EngineTopology.ALERT_STATE_STORE);
  }

  @Test
  void withoutStatsTheRulesStillFire() {
    EngineConfig config = EngineConfig.defaults().withFlushInterval(Duration.ZERO).withStats(false);
    try (RuleEngineDriver d = new RuleEngineDriver(ERROR_RATE, config)) {
      // given 20 requests, 4 of them failing
      for (int i = 0; i < 20; i++) {
        d.request(Duration.ofSeconds(i), req("api", i % 5 == 0 ? 500 : 200, 50));
      }

      // then
      assertThat(d.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.status()).isEqualTo("firing");
                assertThat(a.labels()).containsEntry("service", "api");
                assertThat(a.value()).isEqualTo(0.2);
              })
          .extracting(Alert::severity)
          .isEqualTo("P1");
    }
  }

  private static String describe(EngineConfig config) {
    return EngineTopology.build(config, new RuleBook(RuleSet.empty()), EngineMetrics.inMemory())
        .describe()
        .toString();
  }
}
