package io.lightcat.alerts.stream;

/**
 * Whether this engine instance is still working through a backlog of input — after a restart, a
 * rebalance or an outage — rather than keeping up with live traffic.
 *
 * <p>Wall-clock time may only stand in for event time while a stream is silent (CONTRACT section
 * 4). A group whose events are waiting in a backlog is not silent: counting its silence on the wall
 * clock would resolve its alert (or fire an absence) before its own events are read, and the events
 * would then raise a second episode. So while the instance is behind, silence is not counted; it
 * starts counting once the backlog is worked off. The application sets this from the consumer's
 * view of lag; the topology only reads it.
 */
public final class Backlog {
  private volatile boolean behind;

  /** A backlog that is never behind: for TopologyTestDriver runs and tools without a consumer. */
  public static Backlog none() {
    return new Backlog();
  }

  public boolean behind() {
    return behind;
  }

  public void behind(boolean behind) {
    this.behind = behind;
  }
}
