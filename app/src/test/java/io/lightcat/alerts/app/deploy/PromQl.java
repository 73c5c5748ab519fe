package io.lightcat.alerts.app.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Enough of PromQL for our dashboards and rules:
 * strings, label matchers, ranges, grouping clauses, functions, keywords and numbers are not names.
 */
final class PromQl {
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
  private static final Pattern NAME =
      Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?!\\w)(\\s*\\()?");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan",
          "Inf",
          "NaN");

  private PromQl() {}

  static Set<String> metricNames(String expr) {
    String s = STRING.matcher(expr).replaceAll("\"\"");
    s = MATCHERS.matcher(s).replaceAll(" ");
    s = RANGE.matcher(s).replaceAll(" ");
    s = GROUPING.matcher(s).replaceAll(" ");
    s = VARIABLE.matcher(s).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = NAME.matcher(s);
    while (m.find()) {
      boolean isCall = m.group(2) != null;
      String name = m.group(1);
      if (!isCall && !KEYWORDS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }
}
