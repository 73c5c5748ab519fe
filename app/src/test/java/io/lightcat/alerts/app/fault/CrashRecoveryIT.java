package io.lightcat.alerts.app.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightcat.alerts.testing.AlertReader;
import io.lightcat.alerts.testing.Directories;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash under exactly-once: {@code run} as its own OS process, SIGKILLed three times at random
 * points of a 200k-event run and restarted (the second time with its state dir wiped). A
 * read_committed consumer must see exactly the oracle's transitions. Records the recovery time of
 * each kill: from the kill to the next committed alert.
 */
@Tag("fault")
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class CrashRecoveryIT {
  private static final int SERVICES = 80;
  private static final int INCIDENTS = 50;
  private static final int KILLS = 3;
  private static final long SEED = 20261128L;

  @TempDir Path tmp;

  @Test
  void killedThreeTimesTheEngineNeitherLosesNorDuplicatesAnAlert() throws Exception {
    // A dead member is noticed after the session timeout; 10 s instead of 45 s keeps the run short.
    FaultRun run = new FaultRun("crash", tmp, "session.timeout.ms=10000\n");
    IncidentWorkload workload = new IncidentWorkload(run.topics.requests(), SERVICES, INCIDENTS);
    Path state = run.stateDir("state");
    Path log = Path.of("target", "reliability", "crash-recovery-engine.log");
    Files.createDirectories(log.getParent());
    Files.deleteIfExists(log);
    try (KafkaTestCluster cluster = KafkaTestCluster.singleBroker()) {
      cluster.createTopics(3, run.topics.all());
      List<String> runArgs = run.runArgs(cluster.bootstrapServers(), "state");
      int expected = workload.expectedTransitions();
      List<Integer> killAt = killPoints(expected);
      List<Long> recoveryMillis = new ArrayList<>();
      RunProcess engine = RunProcess.start(log, runArgs);
      try (AlertReader alerts = new AlertReader(cluster, run.topics.alerts());
          PacedProducer input = new PacedProducer(cluster, workload)) {
        input.start(0, Duration.ofMillis(700));
        for (int k = 0; k < KILLS; k++) {
          // given the engine has published part of the alerts
          alerts.awaitAtLeast(killAt.get(k), Duration.ofMinutes(3));
          // when it is killed without warning (the second time losing its local state too)
          engine.kill();
          Instant killed = Instant.now();
          // what the killed process committed is below this end; anything beyond is the new one's
          var killedEnd = alerts.committedEnd();
          if (k == 1) {
            Directories.deleteRecursively(state);
          }
          engine = RunProcess.start(log, runArgs);
          // then it recovers: the restarted engine commits its first alert
          await()
              .atMost(Duration.ofMinutes(3))
              .until(
                  () ->
                      alerts.poll(Duration.ZERO) != null
                          && alerts.firstArrivalBeyond(killedEnd).isPresent());
          recoveryMillis.add(
              Duration.between(killed, alerts.firstArrivalBeyond(killedEnd).orElseThrow())
                  .toMillis());
        }
        await().atMost(Duration.ofMinutes(3)).until(input::done);
        alerts.awaitAtLeast(expected, Duration.ofMinutes(4));
        // and nothing more arrives: a duplicate would show up here
        List<JsonNode> all = alerts.poll(Duration.ofSeconds(3));

        List<String> differences = new Oracle(workload).differences(all);
        new FaultReport("crash-recovery")
            .put("events", workload.totalEvents())
            .put("expectedTransitions", expected)
            .put("receivedTransitions", all.size())
            .put("kills", KILLS)
            .put("killedAtAlertCount", killAt)
            .put("stateDirWipedAtKill", 2)
            .put("recoveryMillis", recoveryMillis)
            .put("differences", differences.size())
            .records(all)
            .write();
        assertThat(differences).isEmpty();
        assertThat(all).hasSize(expected);
      } finally {
        engine.close();
      }
    }
  }

  /** Three distinct alert counts between 10% and 85% of the run, from a fixed seed. */
  private static List<Integer> killPoints(int expected) {
    Random random = new Random(SEED);
    return random.ints(KILLS, expected / 10, expected * 85 / 100).sorted().boxed().toList();
  }
}
