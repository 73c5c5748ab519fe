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
 * follows the records as it did when they arrived live: before each record it is moved on, one
 * evaluation interval at a time, to just before the record's timestamp, and at the end to {@code
 * to}. So silent groups are re-evaluated through gaps in the traffic as the live engine does,
 * absence fires and quiet alerts resolve, and the record itself is evaluated at its own time.
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
      WallClock clock = new WallClock(driver, from);
      for (HistoryRecord r : history) {
        TestInputTopic<byte[], byte[]> input = inputs.get(r.topic());
        if (input == null) {
          continue;
        }
        Instant ts = Instant.ofEpochMilli(r.timestamp());
        clock.moveTo(ts.minusMillis(1));
        input.pipeInput(r.key(), r.value(), ts);
        replayed++;
        transitions.addAll(alerts.readValuesToList());
      }
      clock.moveTo(to);
      transitions.addAll(alerts.readValuesToList());
    }
    return new BacktestResult(from, to, replayed, transitions);
  }

  /** The driver's wall clock, moved on in evaluation intervals, never back. */
  private static final class WallClock {
    private final TopologyTestDriver driver;
    private Instant now;

    WallClock(TopologyTestDriver driver, Instant start) {
      this.driver = driver;
      this.now = start;
    }

    void moveTo(Instant t) {
      while (now.isBefore(t)) {
        Duration step = Duration.between(now, t);
        if (step.compareTo(EngineTopology.EVALUATION_INTERVAL) > 0) {
          step = EngineTopology.EVALUATION_INTERVAL;
        }
        driver.advanceWallClockTime(step);
        now = now.plus(step);
      }
    }
  }
}
