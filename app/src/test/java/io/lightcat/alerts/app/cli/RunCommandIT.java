package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lightcat.alerts.app.EngineNode;
import io.lightcat.alerts.app.FreePorts;
import io.lightcat.alerts.app.Http;
import io.lightcat.alerts.config.TopicNames;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RunCommandIT {
  private static final int PARTITIONS = 3;

  @TempDir Path dirA;
  @TempDir Path dirB;

  /** Parses the arguments like the jar does and starts one instance without blocking. */
  private static EngineNode startRun(String... args) {
    RunCommand run = InProcessRun.parse(args);
    return run.start();
  }

  private static EngineNode instance(
      KafkaTestCluster cluster, String applicationId, String prefix, Path stateDir) {
    return startRun(
        "run",
        "--bootstrap-servers",
        cluster.bootstrapServers(),
        "--application-id",
        applicationId,
        "--topic-prefix",
        prefix,
        "--http-port",
        String.valueOf(FreePorts.next()),
        "--state-dir",
        stateDir.toString(),
        "--rules",
        "../alert-rules/lightcat");
  }

  private static Set<TopicPartition> activePartitions(EngineNode node) {
    return node.engine().streams().metadataForLocalThreads().stream()
        .map(ThreadMetadata::activeTasks)
        .flatMap(Set::stream)
        .map(TaskMetadata::topicPartitions)
        .flatMap(Set::stream)
        .collect(Collectors.toSet());
  }

  @Test
  void twoInstancesWithOneApplicationIdSplitTheInputPartitions() {
    // given
    String id = "run-it-" + UUID.randomUUID();
    TopicNames topics = TopicNames.withPrefix(id + ".");
    Set<TopicPartition> allInputs = new HashSet<>();
    for (String topic : topics.eventTopics()) {
      for (int p = 0; p < PARTITIONS; p++) {
        allInputs.add(new TopicPartition(topic, p));
      }
    }

    try (KafkaTestCluster cluster = KafkaTestCluster.singleBroker();
        // when
        EngineNode a = instance(cluster, id, id + ".", dirA);
        EngineNode b = instance(cluster, id, id + ".", dirB)) {

      // then
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> {
                assertThat(Http.status(a.httpPort(), "/ready")).isEqualTo(200);
                assertThat(Http.status(b.httpPort(), "/ready")).isEqualTo(200);
                Set<TopicPartition> onA = activePartitions(a);
                Set<TopicPartition> onB = activePartitions(b);
                assertThat(onA).isNotEmpty();
                assertThat(onB).isNotEmpty().doesNotContainAnyElementsOf(onA);
                Set<TopicPartition> union = new HashSet<>(onA);
                union.addAll(onB);
                // the rule stages add repartition-topic tasks beside the input ones
                assertThat(union).containsAll(allInputs);
              });
      assertThat(List.of(a.engine().state().name(), b.engine().state().name()))
          .containsOnly("RUNNING");
    }
  }
}
