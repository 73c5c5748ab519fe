package io.lightcat.alerts.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class BacklogWatchTest {
  private static final TopicPartition P = new TopicPartition("events.requests", 0);

  @Test
  void anInstanceThatIsNotRunningIsBehind() {
    assertThat(BacklogWatch.isBehind(KafkaStreams.State.REBALANCING, List.of())).isTrue();
    assertThat(BacklogWatch.isBehind(KafkaStreams.State.RUNNING, List.of())).isFalse();
  }

  @Test
  void lagAboveTheThresholdIsABacklogAndLiveLagIsNot() {
    long end = 1_000_000;
    assertThat(behind(end - 10, end)).isFalse();
    assertThat(behind(end - BacklogWatch.BEHIND_RECORDS, end)).isFalse();
    assertThat(behind(end - BacklogWatch.BEHIND_RECORDS - 1, end)).isTrue();
  }

  @Test
  void anUnknownEndOffsetIsNoBacklogAndNoCommitCountsFromTheStart() {
    // Kafka Streams reports -1 for both offsets of a partition it has fetched no record from
    assertThat(behind(-1, -1)).isFalse();
    assertThat(behindWithoutCommit(100)).isFalse();
    assertThat(behindWithoutCommit(BacklogWatch.BEHIND_RECORDS + 1)).isTrue();
  }

  private static boolean behind(long committed, long end) {
    return BacklogWatch.isBehind(
        KafkaStreams.State.RUNNING, List.of(thread(task(Map.of(P, committed), Map.of(P, end)))));
  }

  private static boolean behindWithoutCommit(long end) {
    return BacklogWatch.isBehind(
        KafkaStreams.State.RUNNING, List.of(thread(task(Map.of(), Map.of(P, end)))));
  }

  private static TaskMetadata task(
      Map<TopicPartition, Long> committed, Map<TopicPartition, Long> end) {
    return new TaskMetadata() {
      @Override
      public TaskId taskId() {
        return new TaskId(0, 0);
      }

      @Override
      public Set<TopicPartition> topicPartitions() {
        return Set.of(P);
      }

      @Override
      public Map<TopicPartition, Long> committedOffsets() {
        return committed;
      }

      @Override
      public Map<TopicPartition, Long> endOffsets() {
        return end;
      }

      @Override
      public Optional<Long> timeCurrentIdlingStarted() {
        return Optional.empty();
      }
    };
  }

  private static ThreadMetadata thread(TaskMetadata task) {
    return new ThreadMetadata() {
      @Override
      public String threadState() {
        return "RUNNING";
      }

      @Override
      public String threadName() {
        return "t";
      }

      @Override
      public Set<TaskMetadata> activeTasks() {
        return Set.of(task);
      }

      @Override
      public Set<TaskMetadata> standbyTasks() {
        return Set.of();
      }

      @Override
      public String consumerClientId() {
        return "c";
      }

      @Override
      public String restoreConsumerClientId() {
        return "r";
      }

      @Override
      public Set<String> producerClientIds() {
        return Set.of();
      }

      @Override
      public String adminClientId() {
        return "a";
      }
    };
  }
}
