package io.lightcat.alerts.notify;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Captures every log line (message, arguments and stack traces) while open. */
public final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  public LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  /** All captured text, one event per line, including throwables. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (ILoggingEvent e : appender.list) {
      sb.append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        sb.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
      }
    }
    return sb.toString();
  }

  public int size() {
    return appender.list.size();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
  }
}
