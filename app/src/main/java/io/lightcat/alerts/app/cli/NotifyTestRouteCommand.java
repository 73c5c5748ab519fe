package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.notify.pipeline.Grouping;
import io.lightcat.alerts.notify.pipeline.NotifierConfig;
import io.lightcat.alerts.notify.pipeline.Route;
import io.lightcat.alerts.notify.pipeline.RoutingPolicy;
import io.lightcat.alerts.notify.silence.Silences;
import io.lightcat.alerts.rule.Durations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code alert-engine notify test-route}: prints the receivers an alert with the given labels
 * reaches, comma-separated in routing order, like {@code amtool config routes test}; with {@code
 * --explain}, one more line per receiver with its grouping and what would hold the alert back at
 * {@code --at} (mute time intervals, silences of the configuration, P3/P4 batching).
 */
@Command(
    name = "test-route",
    description = {
      "Prints the receivers an alert with these labels would reach.",
      "severity, rule (or alertname) and status set the alert's fields, every other name a"
          + " label; e.g. --labels severity=P1,rule=api-error-rate,service=api"
    })
public final class NotifyTestRouteCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      required = true,
      description = "Notifier configuration (YAML).")
  Path config;

  @Option(
      names = "--labels",
      paramLabel = "NAME=VALUE",
      split = ",",
      required = true,
      description = "The alert's labels, comma-separated or repeated.")
  List<String> labels;

  @Option(
      names = "--explain",
      description =
          "Also print, per receiver, the group the alert joins and its timers, and whether a mute"
              + " time interval, a silence of the configuration or the P3/P4 batching holds it.")
  boolean explain;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description =
          "The instant mute windows, silences and batching are judged at (ISO-8601, default now).")
  String at;

  @Override
  public Integer call() {
    common.applyLogging();
    Alert alert = alert(labels);
    Instant when = instant();
    NotifierConfig notifiers = NotifierConfigFile.load("--config", config);
    PrintWriter out = spec.commandLine().getOut();
    out.println(String.join(",", notifiers.route().receivers(alert)));
    if (explain) {
      RoutingPolicy policy = RoutingPolicy.of(notifiers, new Silences(notifiers.silences()));
      for (Route node : policy.nodes(alert)) {
        out.println(explain(policy, notifiers, node, alert, when));
      }
    }
    return 0;
  }

  private Instant instant() {
    if (at == null) {
      return Instant.now();
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid value for --at: '" + at + "' (use ISO-8601, e.g. 2026-12-01T22:30:00Z)");
    }
  }

  /** {@code receiver: grouping; holds}, one line, like amtool's routes test with details. */
  private static String explain(
      RoutingPolicy policy, NotifierConfig config, Route node, Alert alert, Instant when) {
    StringBuilder sb = new StringBuilder("  ").append(node.receiver()).append(": ");
    Grouping g = node.grouping();
    Notification.Kind kind = policy.kind(alert, when);
    if (kind == Notification.Kind.DIGEST) {
      sb.append("daily digest at ").append(config.batching().digestAt());
    } else if (kind == Notification.Kind.BUSINESS_DAY) {
      sb.append("held for the next business day, sent ")
          .append(config.batching().nextBusinessStart(when));
    } else if (g.perAlert()) {
      sb.append("each alert on its own, at once");
    } else {
      sb.append("group_by=")
          .append(g.groupBy())
          .append(" group=")
          .append(new TreeMap<>(policy.groupLabels(node, alert, kind)))
          .append(" group_wait=")
          .append(Durations.format(g.groupWait()))
          .append(" group_interval=")
          .append(Durations.format(g.groupInterval()));
    }
    if (g.repeatInterval() != null && kind == Notification.Kind.GROUP) {
      sb.append(" repeat_interval=").append(Durations.format(g.repeatInterval()));
    }
    List<String> mutes = policy.mutedBy(node, when);
    if (!mutes.isEmpty()) {
      sb.append("; muted by ").append(String.join(",", mutes));
    }
    policy
        .silencedBy(alert, when)
        .ifPresent(
            s -> sb.append("; silenced by ").append(s.id()).append(" until ").append(s.endsAt()));
    return sb.toString();
  }

  private Alert alert(List<String> pairs) {
    Map<String, String> labelMap = new LinkedHashMap<>();
    String severity = "";
    String rule = "";
    String status = Alert.FIRING;
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq < 1) {
        throw new ParameterException(
            spec.commandLine(), "invalid value for --labels: '" + pair + "' (use name=value)");
      }
      String name = pair.substring(0, eq).strip();
      String value = pair.substring(eq + 1).strip();
      switch (name) {
        case "severity" -> severity = value;
        case "rule", "alertname" -> rule = value;
        case "status" -> status = value;
        default -> labelMap.put(name, value);
      }
    }
    return new Alert(
        "test-route",
        "test-route",
        rule,
        null,
        status,
        severity,
        null,
        null,
        labelMap,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Map.of());
  }
}
