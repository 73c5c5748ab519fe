package io.lightcat.alerts.rule;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.lightcat.alerts.event.EventSchema;
import io.lightcat.alerts.event.EventStream;
import io.lightcat.alerts.event.FieldType;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles rule expressions with CEL against each stream's declared fields, so a misspelt field or
 * a type error ({@code status > "500"}) is caught when rules are validated, not when events flow.
 * Thread-safe; compiled expressions are too.
 */
public final class ExpressionCompiler {
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final CelOptions OPTIONS =
      CelOptions.current()
          .enableHeterogeneousNumericComparisons(true)
          .maxParseRecursionDepth(32)
          .maxParseExpressionNodeCount(1000)
          .comprehensionMaxIterations(1000)
          .build();

  private final Map<EventStream, CelCompiler> compilers = new EnumMap<>(EventStream.class);
  private final CelRuntime runtime;

  public ExpressionCompiler() {
    for (EventStream stream : EventStream.values()) {
      var builder =
          CelCompilerFactory.standardCelCompilerBuilder()
              .setOptions(OPTIONS)
              .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
      EventSchema.of(stream).fields().forEach((name, type) -> builder.addVar(name, celType(type)));
      compilers.put(stream, builder.build());
    }
    runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
  }

  /**
   * Compiles {@code expression} over {@code stream}'s fields, checking its result type.
   *
   * @throws IllegalArgumentException with a message that quotes the expression and says what is
   *     wrong
   */
  public CompiledExpression compile(
      EventStream stream, String expression, Measure.ExpressionType expected) {
    CelValidationResult result = compilers.get(stream).compile(expression);
    if (result.hasError()) {
      throw new IllegalArgumentException(
          "expression '" + expression + "' is invalid: " + firstLine(result.getErrorString()));
    }
    try {
      var ast = result.getAst();
      CelType type = ast.getResultType();
      checkType(expression, type, expected);
      Set<String> fields = referencedFields(stream, expression);
      return new CompiledExpression(
          expression, runtime.createProgram(ast), fields, Shortcut.of(ast.getExpr()).orElse(null));
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalArgumentException(
          "expression '" + expression + "' is invalid: " + firstLine(e.getMessage()), e);
    }
  }

  private static void checkType(String expression, CelType type, Measure.ExpressionType expected) {
    boolean ok =
        switch (expected) {
          case BOOL -> type.equals(SimpleType.BOOL) || type.equals(SimpleType.DYN);
          case NUMBER ->
              type.equals(SimpleType.INT)
                  || type.equals(SimpleType.DOUBLE)
                  || type.equals(SimpleType.UINT)
                  || type.equals(SimpleType.DYN);
          case ANY -> true;
        };
    if (!ok) {
      String want = expected == Measure.ExpressionType.BOOL ? "a bool" : "a number";
      throw new IllegalArgumentException(
          "expression '" + expression + "' must be " + want + " but is " + type.name());
    }
  }

  private static Set<String> referencedFields(EventStream stream, String expression) {
    Set<String> declared = EventSchema.of(stream).fields().keySet();
    Set<String> out = new LinkedHashSet<>();
    // Identifiers inside string literals may be collected too; that only makes the
    // "field absent -> not applicable" check more lenient, never wrong for real fields.
    Matcher m = IDENT.matcher(expression);
    while (m.find()) {
      if (declared.contains(m.group())) {
        out.add(m.group());
      }
    }
    return Set.copyOf(out);
  }

  private static CelType celType(FieldType type) {
    return switch (type) {
      case STRING -> SimpleType.STRING;
      case INT -> SimpleType.INT;
      case DOUBLE -> SimpleType.DOUBLE;
      case BOOL -> SimpleType.BOOL;
      case MAP -> MapType.create(SimpleType.STRING, SimpleType.DYN);
    };
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    String t = s.strip();
    // CEL prefixes errors with "ERROR: <input>:1:5: "; keep the message and position.
    t = t.replaceFirst("^ERROR: <input>:", "at ");
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
