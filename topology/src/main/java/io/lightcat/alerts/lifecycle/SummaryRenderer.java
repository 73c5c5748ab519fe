package io.lightcat.alerts.lifecycle;

import io.lightcat.alerts.rule.Durations;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a rule's {@code summary} template: {@code {{value | percent}} of requests to {{service}}
 * failed over {{window}}}. Names: {@code value}, {@code threshold}, {@code window}, {@code
 * severity}, {@code rule}, {@code title}, {@code events}, {@code figures.<name>}, and every group
 * label. Filters: {@code percent}, {@code round}, {@code int}, {@code ms}, {@code seconds}. Unknown
 * names render as {@code ?} rather than failing: a typo in a summary must never stop an alert.
 */
public final class SummaryRenderer {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*(?:\\|\\s*([a-z]+)\\s*)?}}");

  private SummaryRenderer() {}

  /** Values a template can refer to. */
  public record Context(
      String rule,
      String title,
      String severity,
      double value,
      double threshold,
      java.time.Duration window,
      long events,
      Map<String, String> labels,
      Map<String, Double> figures) {

    public Context(
        String rule,
        String title,
        String severity,
        double value,
        double threshold,
        java.time.Duration window,
        long events,
        Map<String, String> labels) {
      this(rule, title, severity, value, threshold, window, events, labels, Map.of());
    }
  }

  public static String render(String template, Context c) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(resolve(m.group(1), m.group(2), c)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String resolve(String name, String filter, Context c) {
    Object v =
        switch (name) {
          case "value" -> c.value();
          case "threshold" -> c.threshold();
          case "window" -> Durations.format(c.window());
          case "severity" -> c.severity();
          case "rule" -> c.rule();
          case "title" -> c.title();
          case "events" -> c.events();
          default ->
              name.startsWith("figures.")
                  ? c.figures().get(name.substring("figures.".length()))
                  : c.labels().get(name);
        };
    if (v == null) {
      return "?";
    }
    if (v instanceof Number n && filter != null) {
      return applyFilter(n.doubleValue(), filter);
    }
    if (v instanceof Double d) {
      return number(d);
    }
    return String.valueOf(v);
  }

  private static String applyFilter(double v, String filter) {
    if (Double.isNaN(v)) {
      return number(v); // "n/a", not "NaN%" or "NaN ms"
    }
    return switch (filter) {
      case "percent" -> String.format(Locale.ROOT, "%.2f%%", v * 100);
      case "round" -> String.format(Locale.ROOT, "%.2f", v);
      case "int" -> String.valueOf(Math.round(v));
      case "ms" -> String.format(Locale.ROOT, "%.0f ms", v);
      case "seconds" -> String.format(Locale.ROOT, "%.1f s", v);
      default -> number(v);
    };
  }

  /** Numbers as people read them: at most four significant decimals, no trailing zeros. */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    String s = String.format(Locale.ROOT, "%.4f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
