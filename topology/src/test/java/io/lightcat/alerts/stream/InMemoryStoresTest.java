package io.lightcat.alerts.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RuleSet;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.junit.jupiter.api.Test;

/**
 * Every store of the production topology — rule stages and statistics stages — is an in-memory
 * store: the engine keeps no RocksDB, so its state lives on the heap and is bounded by {@code -Xmx}
 * (BENCHMARKS.md, memory). A persistent store added later fails this test: it would need its memory
 * bounded by a {@code rocksdb.config.setter} (shared block cache and write buffer manager) in
 * {@code AlertEngine.streamsProperties}.
 */
class InMemoryStoresTest {

  @Test
  void everyStoreIsInMemory() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "in-memory-stores-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            EngineTopology.build(
                EngineConfig.defaults(), new RuleBook(RuleSet.empty()), EngineMetrics.inMemory()),
            props)) {
      // when
      Map<String, StateStore> stores = driver.getAllStateStores();

      // then
      assertThat(stores)
          .containsKeys(EngineTopology.RULE_WINDOWS_STORE, EngineTopology.ALERT_STATE_STORE)
          .hasSizeGreaterThan(5);
      assertThat(stores.values())
          .allSatisfy(
              store -> {
                assertThat(store.persistent()).as(store.name() + " is persistent").isFalse();
                assertThat(store.isOpen()).as(store.name()).isTrue();
              });
    }
  }
}
