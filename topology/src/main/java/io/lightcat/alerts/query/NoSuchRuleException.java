package io.lightcat.alerts.query;

/** A query names a rule that is not active. */
public final class NoSuchRuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NoSuchRuleException(String id) {
    super("no rule with id " + id);
  }
}
