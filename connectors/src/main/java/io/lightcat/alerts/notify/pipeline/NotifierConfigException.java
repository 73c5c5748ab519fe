package io.lightcat.alerts.notify.pipeline;

/** A notifier configuration that cannot be used; the message is {@code file:line: problem}. */
public final class NotifierConfigException extends RuntimeException {
  public NotifierConfigException(String message) {
    super(message);
  }
}
