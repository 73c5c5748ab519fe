package io.lightcat.alerts.app.kafka;

import io.lightcat.alerts.app.http.NotReadyException;
import io.lightcat.alerts.app.http.RuleWrites;
import io.lightcat.alerts.rule.LiveRules;
import io.lightcat.alerts.rule.RuleDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Rule changes through the {@code alert-rules} topic: definitions whose version differs from the
 * one in force (as this instance's {@link LiveRules} knows it) are published, the others left
 * alone; then it waits, briefly, until this instance's feed has applied them, so a read on this
 * instance right after sees the change.
 */
public final class KafkaRuleWrites implements RuleWrites {
  private static final Duration APPLY_WAIT = Duration.ofSeconds(10);

  private final KafkaRulePublisher publisher;
  private final KafkaRuleFeed feed;
  private final LiveRules rules;

  public KafkaRuleWrites(KafkaRulePublisher publisher, KafkaRuleFeed feed, LiveRules rules) {
    this.publisher = publisher;
    this.feed = feed;
    this.rules = rules;
  }

  @Override
  public List<Result> apply(List<RuleDefinition> definitions) {
    List<Result> results = new ArrayList<>();
    List<RecordMetadata> written = new ArrayList<>();
    for (RuleDefinition d : definitions) {
      Optional<RuleDefinition> current = rules.get(d.id());
      if (current.isPresent() && current.get().version().equals(d.version())) {
        results.add(new Result(d.id(), "unchanged", d.version(), true));
        written.add(null);
        continue;
      }
      written.add(publisher.publish(d));
      results.add(
          new Result(d.id(), current.isPresent() ? "updated" : "created", d.version(), false));
    }
    for (int i = 0; i < results.size(); i++) {
      if (written.get(i) != null) {
        Result r = results.get(i);
        results.set(i, new Result(r.id(), r.change(), r.version(), applied(written.get(i))));
      }
    }
    return results;
  }

  @Override
  public Optional<Result> delete(String id) {
    if (rules.get(id).isEmpty()) {
      return Optional.empty();
    }
    RecordMetadata written = publisher.delete(id);
    return Optional.of(new Result(id, "deleted", null, applied(written)));
  }

  private boolean applied(RecordMetadata written) {
    try {
      return feed.awaitApplied(written.partition(), written.offset(), APPLY_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotReadyException("interrupted while waiting for the rule change to apply");
    }
  }
}
