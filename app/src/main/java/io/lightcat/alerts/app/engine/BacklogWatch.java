package io.lightcat.alerts.app.engine;

import io.lightcat.alerts.stream.Backlog;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the topology's {@link Backlog} flag in step with this instance's lag: behind while Kafka
 * Streams is not RUNNING (starting, restoring, rebalancing) or while any active task's partition
 * has more than {@value #BEHIND_RECORDS} records between its committed offset and the end offset
 * the consumer knows of. A partition whose end offset is not known (-1: Kafka Streams learns it
 * from fetched records, so an empty partition never gets one) is not a backlog.
 */
final class BacklogWatch implements AutoCloseable {
  /**
   * Records of lag that count as a backlog. Live traffic leaves at most one commit interval (100
   * ms) of records uncommitted; this is far above that at LIGHTCAT's rates and far below a
   * restart's worth of backlog.
   */
  static final long BEHIND_RECORDS = 5_000;

  private static final Logger log = LoggerFactory.getLogger(BacklogWatch.class);
  private static final Duration PERIOD = Duration.ofMillis(250);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "backlog-watch");
            t.setDaemon(true);
            return t;
          });

  private BacklogWatch() {}

  /**
   * Starts updating {@code backlog} from {@code streams}; behind until the first check says not.
   */
  static BacklogWatch start(KafkaStreams streams, Backlog backlog) {
    backlog.behind(true);
    BacklogWatch watch = new BacklogWatch();
    watch.timer.scheduleWithFixedDelay(
        () -> {
          try {
            boolean behind = isBehind(streams.state(), streams.metadataForLocalThreads());
            if (behind != backlog.behind()) {
              log.info(behind ? "working through a backlog" : "caught up with the input");
            }
            backlog.behind(behind);
          } catch (RuntimeException e) {
            log.debug("cannot read the task lags: {}", e.toString());
            backlog.behind(true);
          }
        },
        0,
        PERIOD.toMillis(),
        TimeUnit.MILLISECONDS);
    return watch;
  }

  static boolean isBehind(KafkaStreams.State state, Collection<ThreadMetadata> threads) {
    if (state != KafkaStreams.State.RUNNING) {
      return true;
    }
    for (ThreadMetadata thread : threads) {
      for (TaskMetadata task : thread.activeTasks()) {
        if (isBehind(task)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isBehind(TaskMetadata task) {
    Map<TopicPartition, Long> committed = task.committedOffsets();
    for (Map.Entry<TopicPartition, Long> end : task.endOffsets().entrySet()) {
      long endOffset = end.getValue();
      Long done = committed.get(end.getKey());
      if (endOffset < 0) {
        continue; // no record fetched from it yet: nothing known to be waiting there
      }
      long position = done == null || done < 0 ? 0 : done;
      if (endOffset - position > BEHIND_RECORDS) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
