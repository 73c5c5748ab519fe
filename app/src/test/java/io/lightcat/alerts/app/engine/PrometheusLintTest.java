package io.lightcat.alerts.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrometheusLintTest {
  private final PrometheusMeterRegistry registry = EngineMeters.newRegistry();

  @Test
  void dropsMetersInAbbreviatedUnits() {
    // when
    registry.more().counter("kafka.producer.txn.commit.time.ns.total", java.util.List.of(), 5);
    registry
        .more()
        .timeGauge("process.start.time", java.util.List.of(), this, TimeUnit.MILLISECONDS, x -> 1);
    Counter.builder("process.cpu.time").baseUnit("ns").register(registry).increment();

    // then
    assertThat(registry.scrape())
        .doesNotContain("commit_time_ns")
        .doesNotContain("process_cpu_time")
        .contains("process_start_time_seconds");
  }

  @Test
  void renamesCountGaugesToPluralsAndGivesEveryMeterHelpText() {
    // when
    Gauge.builder("kafka.consumer.connection.count", () -> 3).register(registry);

    // then
    assertThat(registry.scrape())
        .contains("# HELP kafka_consumer_connections kafka consumer connections")
        .contains("kafka_consumer_connections 3.0")
        .doesNotContain("connection_count");
  }
}
