package io.lightcat.alerts.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.stream.backtest.AlertDifference;
import io.lightcat.alerts.stream.backtest.BacktestResult;
import io.lightcat.alerts.stream.backtest.Episode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How {@code rules backtest} prints a run, or the comparison of two, as a table or as JSON. */
final class BacktestReport {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private BacktestReport() {}

  /** One run: {@code rules} is what was backtested. */
  record Run(String rules, BacktestResult result) {}

  /** The JSON of one run. */
  record RunJson(String rules, Instant from, Instant to, long records, List<Alert> transitions) {
    static RunJson of(Run run) {
      BacktestResult r = run.result();
      return new RunJson(run.rules(), r.from(), r.to(), r.records(), r.transitions());
    }
  }

  /** The JSON of a comparison. */
  record CompareJson(
      RunJson baseline,
      RunJson candidate,
      Map<String, Long> summary,
      List<AlertDifference> differences) {}

  static String json(Run run) {
    return write(RunJson.of(run));
  }

  static String json(Run baseline, Run candidate) {
    List<AlertDifference> diff = differences(baseline, candidate);
    return write(new CompareJson(RunJson.of(baseline), RunJson.of(candidate), summary(diff), diff));
  }

  static String table(Run run) {
    BacktestResult r = run.result();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "backtest of %s from %s to %s: %d records, %d alert transitions%n",
            run.rules(),
            r.from(),
            r.to(),
            r.records(),
            r.transitions().size()));
    if (r.transitions().isEmpty()) {
      return out.toString();
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TIME", "RULE", "STATUS", "SEVERITY", "LABELS", "VALUE", "THRESHOLD"});
    for (Alert a : r.transitions()) {
      rows.add(
          new String[] {
            time(a),
            a.rule(),
            a.status(),
            a.severity(),
            labels(a.labels()),
            number(a.value()),
            number(a.threshold())
          });
    }
    return out.append(columns(rows)).toString();
  }

  static String table(Run baseline, Run candidate) {
    List<AlertDifference> diff = differences(baseline, candidate);
    Map<String, Long> summary = summary(diff);
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "compare from %s to %s: baseline %s (%d transitions), candidate %s (%d transitions)"
                + "%n%d added, %d removed, %d shifted%n",
            baseline.result().from(),
            baseline.result().to(),
            baseline.rules(),
            baseline.result().transitions().size(),
            candidate.rules(),
            candidate.result().transitions().size(),
            summary.get(AlertDifference.ADDED),
            summary.get(AlertDifference.REMOVED),
            summary.get(AlertDifference.SHIFTED)));
    if (diff.isEmpty()) {
      return out.toString();
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CHANGE", "RULE", "LABELS", "BASELINE", "CANDIDATE"});
    for (AlertDifference d : diff) {
      rows.add(
          new String[] {
            d.change(), d.rule(), labels(d.labels()), episode(d.before()), episode(d.after())
          });
    }
    return out.append(columns(rows)).toString();
  }

  private static List<AlertDifference> differences(Run baseline, Run candidate) {
    return AlertDifference.between(
        Episode.of(baseline.result().transitions()), Episode.of(candidate.result().transitions()));
  }

  private static Map<String, Long> summary(List<AlertDifference> diff) {
    Map<String, Long> counts = new TreeMap<>();
    for (String change :
        List.of(AlertDifference.ADDED, AlertDifference.REMOVED, AlertDifference.SHIFTED)) {
      counts.put(change, diff.stream().filter(d -> d.change().equals(change)).count());
    }
    return counts;
  }

  /** When the transition happened: the end of a resolution, else the evaluation it came from. */
  private static String time(Alert a) {
    if (!a.firing() && a.endsAt() != null) {
      return a.endsAt();
    }
    return a.window() != null ? a.window().end() : a.startsAt();
  }

  private static String episode(Episode e) {
    if (e == null) {
      return "-";
    }
    return String.join(">", e.severities())
        + " "
        + e.startsAt()
        + " to "
        + (e.endsAt() == null ? "(still firing)" : e.endsAt().toString());
  }

  private static String labels(Map<String, String> labels) {
    return labels.isEmpty()
        ? "-"
        : new TreeMap<>(labels)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
  }

  private static String number(Double v) {
    if (v == null) {
      return "-";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.valueOf(v.longValue())
        : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String columns(List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(
            i == row.length - 1 ? row[i] : String.format("%-" + (width[i] + 2) + "s", row[i]));
      }
      out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    return out.toString();
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the backtest as JSON", e);
    }
  }
}
