package io.lightcat.alerts.stream.backtest;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RuleSet;
import io.lightcat.alerts.stream.AlertSerde;
import io.lightcat.alerts.stream.EngineTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Replays recorded input records through the production topology and collects the alert transitions
 * the rules publish.
 *
 * <p>Evaluation is exact (every event is shipped at once: zero flush interval) and the wall clock
 * follows the records as it did when they arrived live: before each record it moves on, one
 * evaluation interval at a time, by the gap since the previous record less a millisecond, and at
 * the end by what is left up to {@code to}. So silent groups are re-evaluated through gaps in the
 * traffic as the live engine does (absence fires, quiet alerts resolve), always at an event time
 * before the next record's, as live, where a record arrives after the punctuations of the gap
 * before it; the record itself is then evaluated at its own time.
 *
 * <p>Windows start empty at the first record: an alert that needs a full window of history can only
 * fire a window after {@code from}.
 */
public final class Backtest {
  private final RuleSet rules;
  private final TopicNames topics;

  public Backtest(RuleSet rules, TopicNames topics) {
    this.rules = rules;
    this.topics = topics;
  }

  /**
   * Runs {@code history} (in the order given; records for topics other than the four event topics
   * are skipped) from {@code from} to {@code to}.
   */
  @SuppressWarnings("deprecation") // the flag only silences a warning about global stores
  public BacktestResult run(Instant from, Instant to, Iterable<HistoryRecord> history) {
    EngineConfig config =
        EngineConfig.defaults()
            .withTopics(topics)
            .withFlushInterval(Duration.ZERO)
            .withRedactedFields(rules.redact());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "backtest");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    List<Alert> transitions = new ArrayList<>();
    long replayed = 0;
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            EngineTopology.build(config, new RuleBook(rules), EngineMetrics.inMemory()),
            props,
            from)) {
      Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
      for (String topic : topics.eventTopics()) {
        inputs.put(
            topic,
            driver.createInputTopic(
                topic, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer()));
      }
      TestOutputTopic<String, Alert> alerts =
          driver.createOutputTopic(
              topics.alerts(), Serdes.String().deserializer(), AlertSerde.serde().deserializer());
      WallClock clock = new WallClock(driver);
      long last = from.toEpochMilli();
      for (HistoryRecord r : history) {
        TestInputTopic<byte[], byte[]> input = inputs.get(r.topic());
        if (input == null) {
          continue;
        }
        if (r.timestamp() > last) {
          clock.elapse(r.timestamp() - last - 1);
          last = r.timestamp();
        }
        input.pipeInput(r.key(), r.value(), Instant.ofEpochMilli(r.timestamp()));
        replayed++;
        transitions.addAll(alerts.readValuesToList());
      }
      clock.elapse(Math.max(0, to.toEpochMilli() - last));
      transitions.addAll(alerts.readValuesToList());
    }
    return new BacktestResult(from, to, replayed, transitions);
  }

  /** The driver's wall clock, moved on in evaluation intervals. */
  private record WallClock(TopologyTestDriver driver) {
    void elapse(long millis) {
      long step = EngineTopology.EVALUATION_INTERVAL.toMillis();
      for (long left = millis; left > 0; left -= step) {
        driver.advanceWallClockTime(Duration.ofMillis(Math.min(step, left)));
      }
    }
  }
}
