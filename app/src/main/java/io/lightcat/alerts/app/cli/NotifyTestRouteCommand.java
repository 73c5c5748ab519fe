package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.pipeline.NotifierConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code alert-engine notify test-route}: prints the receivers an alert with the given labels
 * reaches, comma-separated in routing order, like {@code amtool config routes test}.
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

  @Override
  public Integer call() {
    common.applyLogging();
    Alert alert = alert(labels);
    NotifierConfig notifiers = NotifierConfigFile.load("--config", config);
    spec.commandLine().getOut().println(String.join(",", notifiers.route().receivers(alert)));
    return 0;
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
