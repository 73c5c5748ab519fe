package io.lightcat.alerts.app.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Events scheduled for later: a confirmation seconds after its invoice, the end of a game session.
 * Ties in time keep the order they were scheduled in, so the output is deterministic.
 */
final class FollowUps {
  private record Due(SimEvent event, long sequence) {}

  private final PriorityQueue<Due> queue =
      new PriorityQueue<>(
          Comparator.comparing((Due d) -> d.event().time()).thenComparingLong(Due::sequence));
  private long sequence;

  void schedule(SimEvent event) {
    queue.add(new Due(event, sequence++));
  }

  /** Removes and returns, oldest first, every event due at or before {@code now}. */
  List<SimEvent> dueBy(Instant now) {
    List<SimEvent> due = new ArrayList<>();
    while (!queue.isEmpty() && !queue.peek().event().time().isAfter(now)) {
      due.add(queue.poll().event());
    }
    return due;
  }

  int pending() {
    return queue.size();
  }
}
