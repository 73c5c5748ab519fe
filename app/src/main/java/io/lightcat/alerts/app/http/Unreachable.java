package io.lightcat.alerts.app.http;

/**
 * Why another instance could not be asked, in words fit for a REST answer: the failure's message,
 * never its class name or stack trace (those go to the log).
 */
final class Unreachable {
  private Unreachable() {}

  static String describe(Throwable failure) {
    if (failure instanceof java.net.http.HttpTimeoutException) {
      return "timed out";
    }
    if (failure instanceof java.net.ConnectException) {
      return "connection refused";
    }
    String message = failure.getMessage();
    // some messages are just another exception's toString()
    boolean plain = message != null && !message.isBlank() && !message.contains("Exception");
    return plain ? message : "connection failed";
  }
}
