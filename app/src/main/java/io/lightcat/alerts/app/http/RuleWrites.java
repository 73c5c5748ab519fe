package io.lightcat.alerts.app.http;

import io.lightcat.alerts.rule.RuleDefinition;
import java.util.List;
import java.util.Optional;

/** Where the rules API sends rule changes: the {@code alert-rules} topic, in production. */
public interface RuleWrites {
  /**
   * What one write did.
   *
   * @param change {@code created}, {@code updated}, {@code unchanged} or {@code deleted}
   * @param version the version now defined for the rule; null after a deletion
   * @param applied whether this instance applied it before answering (every instance will)
   */
  record Result(String id, String change, String version, boolean applied) {}

  /** Publishes every definition whose version differs from the one in force. */
  List<Result> apply(List<RuleDefinition> definitions);

  /** Publishes the deletion of rule {@code id}; empty when no such rule is in force. */
  Optional<Result> delete(String id);
}
