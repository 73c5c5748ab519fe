package io.lightcat.alerts.app.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightcat.alerts.app.EngineNode;
import io.lightcat.alerts.testing.AlertReader;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison input interleaved with the oracle workload: every malformed record lands in {@code
 * events.dlq} exactly once with a reason, the alerts still match the oracle, and the engine stays
 * RUNNING throughout.
 */
@Tag("fault")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PoisonInputIT {
  private static final int SERVICES = 20;
  private static final int INCIDENTS = 12;

  @TempDir Path tmp;

  @Test
  void poisonGoesToTheDeadLetterTopicOnceAndChangesNoAlert() throws Exception {
    FaultRun run = new FaultRun("poison", tmp, "");
    IncidentWorkload workload = new IncidentWorkload(run.topics.requests(), SERVICES, INCIDENTS);
    PoisonRecords poison = new PoisonRecords(run.topics);
    try (KafkaTestCluster cluster = KafkaTestCluster.singleBroker()) {
      cluster.createTopics(3, run.topics.all());
      try (EngineNode engine = run.startInProcess(cluster.bootstrapServers(), "state");
          AlertReader alerts = new AlertReader(cluster, run.topics.alerts())) {
        // given poison between every chunk of the workload
        for (int i = 0; i < INCIDENTS; i++) {
          cluster.produce(workload.chunk(i));
          cluster.produce(List.of(poison.all().get(i % poison.all().size())));
        }
        cluster.produce(poison.all());

        // then every poison record is dead-lettered exactly once, with its reason
        int poisonSent = INCIDENTS + poison.all().size();
        List<ConsumerRecord<byte[], byte[]>> dlq =
            cluster.consume(run.topics.dlq(), poisonSent, Duration.ofMinutes(2));
        Map<String, Long> perKind = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dlq) {
          perKind.merge(PoisonRecords.kindOf(r.key()), 1L, Long::sum);
        }
        Map<String, Long> expectedPerKind = new TreeMap<>();
        List<String> kinds = poison.all().stream().map(r -> PoisonRecords.kindOf(r.key())).toList();
        for (int i = 0; i < INCIDENTS; i++) {
          expectedPerKind.merge(kinds.get(i % kinds.size()), 1L, Long::sum);
        }
        kinds.forEach(k -> expectedPerKind.merge(k, 1L, Long::sum));
        assertThat(perKind).isEqualTo(expectedPerKind);
        for (ConsumerRecord<byte[], byte[]> r : dlq) {
          String kind = PoisonRecords.kindOf(r.key());
          assertThat(header(r, "error.reason"))
              .as("reason of %s", kind)
              .isNotBlank()
              .contains(poison.expectedReasons().get(kind));
        }

        // and the alerts are exactly the oracle's; the engine is still RUNNING (ERROR is final)
        alerts.awaitAtLeast(workload.expectedTransitions(), Duration.ofMinutes(2));
        List<JsonNode> all = alerts.poll(Duration.ofSeconds(2));
        assertThat(new Oracle(workload).differences(all)).isEmpty();
        assertThat(engine.engine().state()).isEqualTo(KafkaStreams.State.RUNNING);
        // and, its input worked off, it counts silence on the wall clock again
        await().atMost(Duration.ofMinutes(1)).until(() -> !engine.engine().behind());

        new FaultReport("poison-input")
            .put("events", workload.totalEvents())
            .put("kindsOfPoison", poison.all().size())
            .put("poisonRecordsSent", poisonSent)
            .put("deadLettered", dlq.size())
            .put("transitions", all.size())
            .write();
      }
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
