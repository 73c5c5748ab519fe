package io.lightcat.alerts.app.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightcat.alerts.app.EngineNode;
import io.lightcat.alerts.testing.AlertReader;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broker loss: three brokers, replication factor 3 and min.insync.replicas 2 for every topic the
 * engine uses, internal ones included. The broker leading the most partitions stops mid-run and
 * later returns: the alerts match the oracle and the engine never enters ERROR. Then two brokers
 * stop: with min.insync.replicas 2 neither the rest of the input nor any alert can be written, so
 * the engine stalls without entering ERROR, losing or duplicating anything, and resumes when one
 * broker returns.
 */
@Tag("fault")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BrokerLossIT {
  private static final int SERVICES = 30;
  private static final int INCIDENTS = 40;

  @TempDir Path tmp;

  @Test
  void losingBrokersNeitherLosesNorDuplicatesAnAlert() throws Exception {
    FaultRun run = new FaultRun("broker-loss", tmp, "replication.factor=3\n");
    IncidentWorkload workload = new IncidentWorkload(run.topics.requests(), SERVICES, INCIDENTS);
    int expected = workload.expectedTransitions();
    try (KafkaTestCluster cluster =
        KafkaTestCluster.start(3, false, Map.of("min.insync.replicas", "2"))) {
      KafkaClusterTestKit kit = cluster.kit();
      cluster.createTopics(3, run.topics.all());
      try (EngineNode engine = run.startInProcess(cluster.bootstrapServers(), "state");
          AlertReader alerts = new AlertReader(cluster, run.topics.alerts());
          PacedProducer input = new PacedProducer(cluster, workload)) {
        input.start(0, Duration.ofMillis(700));
        alerts.awaitAtLeast(expected / 5, Duration.ofMinutes(2));

        // when the broker leading the most partitions stops, and later returns
        int busiest = brokerLeadingMostPartitions(cluster);
        stop(kit, busiest);
        int atStop = alerts.size();
        alerts.awaitAtLeast(Math.max(atStop + 1, expected * 2 / 5), Duration.ofMinutes(3));
        kit.restartBroker(busiest, Map.of());
        input.pause();
        int sentChunks = input.chunksSent();
        assertThat(sentChunks).as("chunks sent before the second outage").isLessThan(INCIDENTS);
        alerts.awaitAtLeast(2 * SERVICES * sentChunks, Duration.ofMinutes(3));

        // and then two brokers stop while the rest of the input is being sent
        List<Integer> others = kit.brokers().keySet().stream().filter(id -> id != busiest).toList();
        stop(kit, others.get(0));
        stop(kit, others.get(1));
        input.sendRest();
        AtomicInteger last = new AtomicInteger(alerts.size());
        await()
            .atMost(Duration.ofMinutes(1))
            .during(Duration.ofSeconds(5))
            .until(() -> last.getAndSet(alerts.poll(Duration.ZERO).size()) == last.get());
        int stalledAt = alerts.size();
        assertThat(stalledAt).as("alerts while two brokers are down").isLessThan(expected);
        assertThat(engine.engine().state()).isNotEqualTo(KafkaStreams.State.ERROR);
        kit.restartBroker(others.get(0), Map.of());

        // then the engine resumes and every transition arrives exactly once
        alerts.awaitAtLeast(expected, Duration.ofMinutes(4));
        List<JsonNode> all = alerts.poll(Duration.ofSeconds(3));
        kit.restartBroker(others.get(1), Map.of());
        List<String> differences = new Oracle(workload).differences(all);
        new FaultReport("broker-loss")
            .put("events", workload.totalEvents())
            .put("brokers", 3)
            .put("stoppedLeaderOfMostPartitions", busiest)
            .put("alertsWhenTwoBrokersDown", stalledAt)
            .put("expectedTransitions", expected)
            .put("receivedTransitions", all.size())
            .put("differences", differences.size())
            .records(all)
            .write();
        assertThat(differences).isEmpty();
        assertThat(engine.engine().state()).isNotEqualTo(KafkaStreams.State.ERROR);
      }
    }
  }

  private static void stop(KafkaClusterTestKit kit, int brokerId) {
    BrokerServer broker = kit.brokers().get(brokerId);
    broker.shutdown();
    broker.awaitShutdown();
  }

  /** The broker that leads the most partitions of every topic in the cluster, internal ones too. */
  private static int brokerLeadingMostPartitions(KafkaTestCluster cluster) throws Exception {
    try (Admin admin = cluster.admin()) {
      var names =
          admin
              .listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
              .names()
              .get();
      Map<Integer, Integer> led = new HashMap<>();
      for (TopicDescription d : admin.describeTopics(names).allTopicNames().get().values()) {
        for (TopicPartitionInfo p : d.partitions()) {
          if (p.leader() != null) {
            led.merge(p.leader().id(), 1, Integer::sum);
          }
        }
      }
      return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
  }
}
