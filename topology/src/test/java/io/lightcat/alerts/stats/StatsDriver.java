package io.lightcat.alerts.stats;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.query.StatsQueries;
import io.lightcat.alerts.query.StatsReport;
import io.lightcat.alerts.query.StatsSnapshot;
import io.lightcat.alerts.query.StatsWindow;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RuleSet;
import io.lightcat.alerts.stream.EngineTopology;
import io.lightcat.alerts.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The production topology (no rules) in a TopologyTestDriver, read through the stats queries. */
final class StatsDriver implements AutoCloseable {
  final EngineMetrics metrics = EngineMetrics.inMemory();
  private final EngineConfig config = EngineConfig.defaults().withFlushInterval(Duration.ZERO);
  private final TopologyTestDriver driver;

  /** {@code wallClock} is where the driver's wall clock starts. */
  StatsDriver(Instant wallClock) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "stats-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver =
        new TopologyTestDriver(
            EngineTopology.build(config, new RuleBook(RuleSet.empty()), metrics), props, wallClock);
  }

  /** Sends the event with no record key: the stats must not depend on how producers key. */
  StatsDriver send(Events.Builder event) {
    TestInputTopic<String, byte[]> in =
        driver.createInputTopic(
            event.stream().topic(config.topics()),
            Serdes.String().serializer(),
            Serdes.ByteArray().serializer());
    in.pipeInput(null, event.bytes(), Instant.parse((String) event.get("ts")));
    return this;
  }

  void advanceWallClock(Duration d) {
    driver.advanceWallClockTime(d);
  }

  /** This driver's statistics for the window. */
  StatsSnapshot snapshot(StatsWindow window) {
    return StatsQueries.snapshot(window, this::store);
  }

  StatsReport report(Instant at) {
    return new StatsReport(snapshot(new StatsWindow(at, StatsWindow.DEFAULT_WINDOW)));
  }

  StatsReport report(Instant at, Duration window) {
    return new StatsReport(snapshot(new StatsWindow(at, window)));
  }

  long entries(String store) {
    long n = 0;
    try (var it = driver.getKeyValueStore(store).all()) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    return driver.getKeyValueStore(name);
  }

  @Override
  public void close() {
    driver.close();
  }
}
