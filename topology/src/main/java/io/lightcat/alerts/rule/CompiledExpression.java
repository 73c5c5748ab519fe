package io.lightcat.alerts.rule;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.lightcat.alerts.event.Event;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A checked CEL expression ready to evaluate against events. Evaluating an expression that reads a
 * field the event lacks gives {@link Optional#empty()} — the rule does not apply to that event —
 * rather than an error; any other failure is an {@link ExpressionException}.
 */
public final class CompiledExpression {
  private final String source;
  private final CelRuntime.Program program;
  private final Set<String> fields;
  private final Shortcut shortcut;

  CompiledExpression(
      String source, CelRuntime.Program program, Set<String> fields, Shortcut shortcut) {
    this.source = source;
    this.program = program;
    this.fields = fields;
    this.shortcut = shortcut;
  }

  public String source() {
    return source;
  }

  /** Whether the common shapes' direct evaluation ({@link Shortcut}) may answer for CEL. */
  boolean hasShortcut() {
    return shortcut != null;
  }

  /** The value, or empty when the event lacks a field the expression reads. */
  public Optional<Object> evaluate(Event event) {
    Map<String, Object> values = event.fields();
    for (String f : fields) {
      if (values.get(f) == null) {
        return Optional.empty();
      }
    }
    if (shortcut != null) {
      Object direct = shortcut.apply(values);
      if (direct != null) {
        return Optional.of(direct);
      }
    }
    return Optional.of(viaCel(values));
  }

  /** The value as the CEL program computes it; fields the expression reads are all present. */
  Object viaCel(Map<String, Object> values) {
    try {
      return program.eval(name -> Optional.ofNullable(values.get(name)));
    } catch (CelEvaluationException e) {
      throw new ExpressionException("'" + source + "' failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ExpressionException("'" + source + "' failed: " + e, e);
    }
  }

  /** Evaluates a boolean expression; absent fields make it false. */
  public boolean test(Event event) {
    Optional<Object> v = evaluate(event);
    if (v.isEmpty()) {
      return false;
    }
    if (v.get() instanceof Boolean b) {
      return b;
    }
    throw new ExpressionException(
        "'" + source + "' is not a bool: " + v.get().getClass().getSimpleName(), null);
  }

  /** Evaluates a numeric expression; empty when a field is absent. */
  public Optional<Double> number(Event event) {
    Optional<Object> v = evaluate(event);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.get() instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    }
    throw new ExpressionException(
        "'" + source + "' is not a number: " + v.get().getClass().getSimpleName(), null);
  }

  /** A failure evaluating an expression against one event. */
  public static final class ExpressionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExpressionException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
