package io.lightcat.alerts.app;

/**
 * The process cannot start: a file or directory it was pointed at is unusable, or a service it
 * needs (Kafka, a port) is unavailable.
 *
 * <p>The message is one line that names the problem; the CLI prints it and exits with status 1.
 */
public final class StartupException extends RuntimeException {
  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
