package io.lightcat.alerts.app.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running command alive until Ctrl-C or SIGTERM, then closes what it runs.
 *
 * <p>The JVM reports a signal-initiated exit as 130 (SIGINT) or 143 (SIGTERM) even when every
 * component stopped cleanly, which service managers read as a failure. So once the close succeeded,
 * the hook ends the process with status 0, or 1 when closing failed.
 */
final class SignalShutdown {
  private static final Logger log = LoggerFactory.getLogger(SignalShutdown.class);

  private SignalShutdown() {}

  /** Blocks the calling thread for the rest of the process; {@code running} closes on signal. */
  static void closeOnSignal(AutoCloseable running) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(running), "alert-engine-shutdown"));
    new CountDownLatch(1).await();
  }

  private static void stop(AutoCloseable running) {
    int status = 0;
    try {
      log.info("shutting down");
      running.close();
      log.info("stopped cleanly");
    } catch (Exception e) {
      log.error("shutdown failed", e);
      status = OneLineErrors.FAILED;
    }
    Runtime.getRuntime().halt(status);
  }
}
