package io.lightcat.alerts.app.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightcat.alerts.app.EngineNode;
import io.lightcat.alerts.testing.AlertReader;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebalance mid-run: a second instance (one standby replica each) joins while alerts are flowing,
 * takes over tasks, and later leaves; the alerts still match the oracle exactly.
 */
@Tag("fault")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class RebalanceIT {
  private static final int SERVICES = 40;
  private static final int INCIDENTS = 30;

  @TempDir Path tmp;

  @Test
  void anInstanceJoiningAndLeavingChangesNoAlert() throws Exception {
    FaultRun run = new FaultRun("rebalance", tmp, "num.standby.replicas=1\n");
    IncidentWorkload workload = new IncidentWorkload(run.topics.requests(), SERVICES, INCIDENTS);
    int expected = workload.expectedTransitions();
    try (KafkaTestCluster cluster = KafkaTestCluster.singleBroker()) {
      cluster.createTopics(3, run.topics.all());
      try (EngineNode first = run.startInProcess(cluster.bootstrapServers(), "state-a");
          AlertReader alerts = new AlertReader(cluster, run.topics.alerts());
          PacedProducer input = new PacedProducer(cluster, workload)) {
        input.start(0, Duration.ofMillis(500));
        alerts.awaitAtLeast(expected / 4, Duration.ofMinutes(2));

        // when a second instance joins and takes over part of the work
        EngineNode second = run.startInProcess(cluster.bootstrapServers(), "state-b");
        try {
          await()
              .atMost(Duration.ofMinutes(2))
              .until(() -> activeTasks(second) > 0 && activeTasks(first) > 0);
          int joinedAt = alerts.size();
          alerts.awaitAtLeast(Math.max(joinedAt + 1, expected / 2), Duration.ofMinutes(2));
        } finally {
          // and leaves again
          second.close();
        }
        await().atMost(Duration.ofMinutes(2)).until(input::done);

        // then every transition arrives exactly once
        alerts.awaitAtLeast(expected, Duration.ofMinutes(3));
        List<JsonNode> all = alerts.poll(Duration.ofSeconds(3));
        List<String> differences = new Oracle(workload).differences(all);
        new FaultReport("rebalance")
            .put("events", workload.totalEvents())
            .put("expectedTransitions", expected)
            .put("receivedTransitions", all.size())
            .put("differences", differences.size())
            .records(all)
            .write();
        assertThat(differences).isEmpty();
        await()
            .atMost(Duration.ofMinutes(1))
            .until(() -> first.engine().state() == KafkaStreams.State.RUNNING);
      }
    }
  }

  private static long activeTasks(EngineNode node) {
    return node.engine().streams().metadataForLocalThreads().stream()
        .map(ThreadMetadata::activeTasks)
        .mapToLong(java.util.Set::size)
        .sum();
  }
}
