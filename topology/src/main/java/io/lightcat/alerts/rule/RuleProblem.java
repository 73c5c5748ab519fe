package io.lightcat.alerts.rule;

/** One thing wrong with a rule file, printed as {@code file:line: message}. */
public record RuleProblem(String file, int line, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
