package io.lightcat.alerts.lifecycle;

import io.lightcat.alerts.rule.CompiledRule;
import io.lightcat.alerts.rule.Durations;
import io.lightcat.alerts.rule.Evaluation;
import io.lightcat.alerts.rule.Rule;
import io.lightcat.alerts.rule.Severity;
import io.lightcat.alerts.rule.SeverityLevel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Builds the published {@link Alert} records for lifecycle transitions. */
public final class AlertFactory {
  private AlertFactory() {}

  /**
   * The record for a firing alert (first firing or a severity change).
   *
   * @param state the state after the transition (firing)
   */
  public static Alert firing(
      CompiledRule compiled, Map<String, String> groupLabels, AlertState state, Evaluation eval) {
    Rule rule = compiled.rule();
    SeverityLevel level = eval.level() != null ? eval.level() : rule.level(state.severity());
    return build(
        compiled, groupLabels, state.since(), Alert.FIRING, state.severity(), level, eval, null);
  }

  /**
   * The record for a resolution.
   *
   * @param previous the state before it resolved (firing)
   * @param resolvedAt event time of the resolution
   * @param reason why it resolved, when not simply because the condition stopped holding
   */
  public static Alert resolved(
      CompiledRule compiled,
      Map<String, String> groupLabels,
      AlertState previous,
      Evaluation eval,
      long resolvedAt,
      String reason) {
    Rule rule = compiled.rule();
    Alert a =
        build(
            compiled,
            groupLabels,
            previous.since(),
            Alert.RESOLVED,
            previous.severity(),
            rule.level(previous.severity()),
            eval,
            Instant.ofEpochMilli(resolvedAt).toString());
    if (reason == null) {
      return a;
    }
    Map<String, Object> evidence = new LinkedHashMap<>(a.evidence());
    evidence.put("resolvedBecause", reason);
    return new Alert(
        a.id(),
        a.fingerprint(),
        a.rule(),
        a.ruleVersion(),
        a.status(),
        a.severity(),
        a.title(),
        a.summary(),
        a.labels(),
        a.value(),
        a.threshold(),
        a.window(),
        a.startsAt(),
        a.endsAt(),
        a.runbook(),
        a.responseTarget(),
        evidence);
  }

  /**
   * The resolution of a firing alert its rule can no longer judge: the rule was deleted, lost the
   * alert's severity, or changed what it measures. Built from the episode's last published record
   * when there is one, so title, labels, runbook and rule version stay those of the version that
   * fired it; otherwise a minimal record. {@code evidence.resolvedBecause} says why.
   *
   * @param ruleId the internal rule id (an {@code anyOf} variant's own id)
   * @param state the firing state being resolved
   * @param lastPublished the last record published for this group, or null
   * @param resolvedAt event time of the resolution
   */
  public static Alert withdrawn(
      String ruleId,
      Map<String, String> groupLabels,
      AlertState state,
      Alert lastPublished,
      long resolvedAt,
      String reason) {
    String fingerprint = Fingerprint.of(ruleId, groupLabels);
    String episode = Fingerprint.episodeId(fingerprint, state.since());
    String endsAt = Instant.ofEpochMilli(resolvedAt).toString();
    Map<String, Object> evidence = new LinkedHashMap<>();
    if (lastPublished != null && episode.equals(lastPublished.id())) {
      evidence.putAll(lastPublished.evidence());
      evidence.put("resolvedBecause", reason);
      Alert a = lastPublished;
      return new Alert(
          a.id(),
          a.fingerprint(),
          a.rule(),
          a.ruleVersion(),
          Alert.RESOLVED,
          state.severity().name(),
          a.title(),
          a.summary(),
          a.labels(),
          a.value(),
          a.threshold(),
          a.window(),
          a.startsAt(),
          endsAt,
          a.runbook(),
          state.severity().responseTarget().toString(),
          evidence);
    }
    evidence.put("resolvedBecause", reason);
    String publicId = Rule.publicIdOf(ruleId);
    return new Alert(
        episode,
        fingerprint,
        publicId,
        null,
        Alert.RESOLVED,
        state.severity().name(),
        publicId,
        "Resolved: " + reason,
        new TreeMap<>(groupLabels),
        null,
        null,
        null,
        Instant.ofEpochMilli(state.since()).toString(),
        endsAt,
        null,
        state.severity().responseTarget().toString(),
        evidence);
  }

  private static Alert build(
      CompiledRule compiled,
      Map<String, String> groupLabels,
      long firedAt,
      String status,
      Severity severity,
      SeverityLevel level,
      Evaluation eval,
      String endsAt) {
    Rule rule = compiled.rule();
    Map<String, String> labels = new TreeMap<>(rule.labels());
    labels.putAll(groupLabels);
    // The internal id: variants of one anyOf rule keep their own fingerprints, even on equal
    // labels.
    String fingerprint = Fingerprint.of(rule.id(), groupLabels);
    double threshold = level.when().threshold();
    String template = rule.summary() != null ? rule.summary() : defaultSummary(rule);
    String summary =
        SummaryRenderer.render(
            template,
            new SummaryRenderer.Context(
                rule.publicId(),
                rule.title(),
                severity.name(),
                eval.value(),
                threshold,
                eval.window(),
                eval.events(),
                labels,
                eval.figures()));
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("events", eval.events());
    evidence.put("measure", rule.measure().describe());
    evidence.put("condition", level.when().toString());
    if (eval.confirmWindow() != null) {
      evidence.put("window", Durations.format(eval.window()));
      evidence.put("confirmWindow", Durations.format(eval.confirmWindow()));
      evidence.put("confirmValue", eval.confirmValue());
    }
    if (!eval.figures().isEmpty()) {
      Map<String, Object> figures = new LinkedHashMap<>();
      eval.figures().forEach((k, v) -> figures.put(k, Double.isNaN(v) ? null : v));
      evidence.put("figures", figures);
    }
    if (!eval.samples().isEmpty()) {
      evidence.put("samples", eval.samples());
    }
    return new Alert(
        Fingerprint.episodeId(fingerprint, firedAt),
        fingerprint,
        rule.publicId(),
        compiled.version(),
        status,
        severity.name(),
        rule.title(),
        summary,
        labels,
        Double.isNaN(eval.value()) ? null : eval.value(),
        threshold,
        new Alert.Window(
            Instant.ofEpochMilli(eval.windowStart()).toString(),
            Instant.ofEpochMilli(eval.windowEnd()).toString()),
        Instant.ofEpochMilli(firedAt).toString(),
        endsAt,
        rule.runbook(),
        severity.responseTarget().toString(),
        evidence);
  }

  private static String defaultSummary(Rule rule) {
    return rule.title()
        + ": "
        + rule.measure().describe()
        + " is {{value}} (threshold {{threshold}}) over {{window}}";
  }
}
