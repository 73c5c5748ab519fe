package io.lightcat.alerts.query;

/** A query parameter has a value the query cannot accept; the message names it and why. */
public final class BadQueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BadQueryException(String message) {
    super(message);
  }
}
