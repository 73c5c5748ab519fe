package io.lightcat.alerts.app.engine;

import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.query.QueryResult;
import io.lightcat.alerts.query.StatsQueries;
import io.lightcat.alerts.stats.GameTally;
import io.lightcat.alerts.stats.LightcatMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Clock;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Everything one engine instance exposes on {@code /metrics} besides what the topology counts:
 * Kafka Streams' client metrics (Micrometer's {@link KafkaStreamsMetrics}), JVM memory, GC, threads
 * and class loading, process CPU, uptime and file descriptors, and the {@code
 * lightcat_game_sessions_active} gauge over this instance's session store. Closing unbinds what
 * holds resources (the GC listener, the Kafka metrics poller).
 */
public final class EngineMeters implements AutoCloseable {
  private final KafkaStreamsMetrics kafka;
  private final JvmGcMetrics gc;

  private EngineMeters(KafkaStreamsMetrics kafka, JvmGcMetrics gc) {
    this.kafka = kafka;
    this.gc = gc;
  }

  /** A Prometheus registry whose exposition passes {@code promtool check metrics}. */
  public static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new PrometheusLint());
    return registry;
  }

  /**
   * The engine's metrics in {@code registry}, with {@code lightcat_game_scores} as a Prometheus
   * histogram with the plan's exact buckets 0, 10, 20, 30, 40, 50 (Micrometer's cannot start at 0).
   */
  public static EngineMetrics engineMetrics(PrometheusMeterRegistry registry) {
    Histogram scores =
        Histogram.builder()
            .name("lightcat_game_scores")
            .help("Distribution of game scores")
            .classicOnly()
            // exemplars need the tracer initializer, which micrometer-registry-prometheus excludes
            .withoutExemplars()
            .classicUpperBounds(
                GameTally.SCORE_BOUNDS.stream().mapToDouble(Double::doubleValue).toArray())
            .register(registry.getPrometheusRegistry());
    return new EngineMetrics(registry, new LightcatMetrics(registry, scores::observe));
  }

  /** Binds the Kafka Streams, JVM and process metrics and the active-sessions gauge. */
  public static EngineMeters bind(
      MeterRegistry registry, KafkaStreams streams, StatsQueries stats, Clock clock) {
    KafkaStreamsMetrics kafka = new KafkaStreamsMetrics(streams);
    kafka.bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    Gauge.builder(
            LightcatMetrics.GAME_SESSIONS_ACTIVE,
            stats,
            s ->
                s.activeSessions(clock.instant()) instanceof QueryResult.Ready<Long> ready
                    ? ready.value()
                    : Double.NaN)
        .description(
            "Currently active game sessions on this instance's partitions (sum over instances);"
                + " NaN while its state is not queryable")
        .register(registry);
    return new EngineMeters(kafka, gc);
  }

  @Override
  public void close() {
    kafka.close();
    gc.close();
  }
}
