package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.StartupException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
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

  /**
   * Like {@link #closeOnSignal}, but returns early when {@code stopped} fails (a component died on
   * its own): the shutdown hook is taken back, {@code running} is closed, and the failure is thrown
   * as one line for the command to report with a non-zero exit.
   *
   * @throws StartupException naming the failure
   */
  static void closeOnSignalOrFailure(AutoCloseable running, CompletableFuture<?> stopped)
      throws InterruptedException {
    Thread hook = new Thread(() -> stop(running), "alert-engine-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.get();
    } catch (ExecutionException e) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        new CountDownLatch(1).await(); // the hook ends the process
      }
      Throwable cause = e.getCause() == null ? e : e.getCause();
      try {
        running.close();
      } catch (Exception closing) {
        cause.addSuppressed(closing);
      }
      throw new StartupException(
          "stopped: "
              + (cause.getMessage() == null
                  ? cause.getClass().getSimpleName()
                  : cause.getMessage()),
          cause);
    }
    // Completed normally: closed by the hook, which ends the process.
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
