package io.lightcat.alerts.app.kafka;

import io.lightcat.alerts.app.StartupException;
import io.lightcat.alerts.config.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the engine's topics (CONTRACT section 2) when they are missing.
 *
 * <p>Idempotent: existing topics are left as they are (a warning names any with fewer partitions
 * than asked for). Replication is {@code min(3, brokers)}; the rule, action and notifier state
 * topics are compacted. The rules topic has one partition: every instance then applies all rule
 * changes in one order, the order they were written (it is tiny, and read by no consumer group).
 * When the principal may not create topics (no Create ACL) but every topic already exists,
 * provisioning succeeds; otherwise it fails naming the missing topics.
 */
public final class TopicProvisioner {
  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Admin admin;
  private final int partitions;

  public TopicProvisioner(Admin admin, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be positive: " + partitions);
    }
    this.admin = admin;
    this.partitions = partitions;
  }

  /**
   * Makes sure every topic in {@code topics} exists.
   *
   * @throws StartupException when a topic is missing and cannot be created
   */
  public void provision(TopicNames topics) {
    try {
      short replication = (short) Math.min(3, await(admin.describeCluster().nodes()).size());
      List<NewTopic> wanted = new ArrayList<>();
      for (String name : topics.all()) {
        int n = name.equals(topics.rules()) ? 1 : partitions;
        wanted.add(new NewTopic(name, n, replication).configs(configFor(name, topics)));
      }
      Map<String, KafkaFuture<Void>> results = admin.createTopics(wanted).values();
      Set<String> denied = new TreeSet<>();
      Set<String> existing = new TreeSet<>();
      for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
        created(result.getKey(), result.getValue(), denied, existing);
      }
      if (!denied.isEmpty()) {
        requireExisting(denied);
        existing.addAll(denied);
      }
      // Only topics that were already there can have fewer partitions; describing the ones just
      // created could race their metadata reaching the broker (UnknownTopicOrPartition).
      existing.remove(topics.rules());
      if (!existing.isEmpty()) {
        warnAboutFewPartitions(existing);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted while creating topics", e);
    }
  }

  /**
   * The topic configs {@link #provision} creates {@code name} with: compaction for state topics.
   */
  public static Map<String, String> configFor(String name, TopicNames topics) {
    if (name.equals(topics.rules())
        || name.equals(topics.actions())
        || name.equals(topics.notificationsState())) {
      return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }
    return Map.of();
  }

  private void created(
      String name, KafkaFuture<Void> result, Set<String> denied, Set<String> existing)
      throws InterruptedException {
    try {
      await(result);
      log.info("created topic {}", name);
    } catch (StartupException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TopicExistsException) {
        log.debug("topic {} exists", name);
        existing.add(name);
      } else if (cause instanceof TopicAuthorizationException
          || cause instanceof ClusterAuthorizationException) {
        denied.add(name);
      } else {
        throw e;
      }
    }
  }

  private void requireExisting(Set<String> denied) throws InterruptedException {
    Set<String> existing = await(admin.listTopics().names());
    Set<String> missing = new TreeSet<>(denied);
    missing.removeAll(existing);
    if (!missing.isEmpty()) {
      throw new StartupException(
          "not allowed to create topics "
              + missing
              + "; grant Create on them or create them beforehand");
    }
    log.info("not allowed to create topics, but all of {} exist", denied);
  }

  private void warnAboutFewPartitions(Set<String> names) throws InterruptedException {
    Map<String, TopicDescription> described = await(admin.describeTopics(names).allTopicNames());
    described.forEach(
        (name, description) -> {
          if (description.partitions().size() < partitions) {
            log.warn(
                "topic {} has {} partitions, fewer than {}: fewer engine instances can share it",
                name,
                description.partitions().size(),
                partitions);
          }
        });
  }

  /** Waits for a Kafka future; failures become a {@link StartupException} with the cause. */
  private static <T> T await(KafkaFuture<T> future) throws InterruptedException {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new StartupException("Kafka refused: " + cause, cause);
    } catch (TimeoutException e) {
      throw new StartupException("Kafka did not answer within " + TIMEOUT.toSeconds() + " s", e);
    }
  }
}
