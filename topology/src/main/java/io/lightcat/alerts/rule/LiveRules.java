package io.lightcat.alerts.rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules in force at run time, as the {@code alert-rules} topic defines them. {@link #apply}
 * takes the topic's records in order (key = rule id, value = one rule's definition, null = delete)
 * and puts every change into the {@link RuleBook} the topology reads, as one new immutable {@link
 * RuleSet}: a stream task reads the book once per record, so it always sees one whole rule set.
 *
 * <p>An invalid definition is rejected and whatever was in force for that id stays in force: a bad
 * record can never take a rule away, let alone stop the engine.
 *
 * <p>Thread-safe: one thread applies, any thread reads.
 */
public final class LiveRules {
  /** What applying one record did. */
  public enum ChangeKind {
    /** A rule that was not in force now is. */
    ADDED,
    /** A rule in force has a new version. */
    CHANGED,
    /** The definition equals the one in force (same version): nothing to do. */
    UNCHANGED,
    /** A rule in force was deleted. */
    DELETED,
    /** A deletion of a rule not in force. */
    UNKNOWN,
    /** The record was not a valid rule definition for its key; nothing changed. */
    INVALID
  }

  /**
   * One applied record.
   *
   * @param version the version now in force for {@code id}, or null when none is
   * @param problems why the record was rejected ({@link ChangeKind#INVALID} only)
   */
  public record Change(ChangeKind kind, String id, String version, List<RuleProblem> problems) {
    public Change {
      problems = List.copyOf(problems);
    }
  }

  private final RuleBook book;
  private final Set<String> redact;
  private final RuleDefinitionReader reader;
  private final Map<String, RuleDefinition> definitions = new LinkedHashMap<>();

  /**
   * @param book the book the topology reads; its content is replaced with the first change
   * @param redact the pack's redaction list, kept in every rule set (it is not a rule: it comes
   *     from the rule files at start)
   */
  public LiveRules(RuleBook book, Set<String> redact) {
    this.book = Objects.requireNonNull(book, "book");
    this.redact = Set.copyOf(redact);
    this.reader = new RuleDefinitionReader();
  }

  public RuleBook book() {
    return book;
  }

  /**
   * Applies one record of the rules topic.
   *
   * @param key the rule id (the record key)
   * @param value the definition (YAML or JSON of one rule), or null to delete
   * @param source where the record came from, for problems ({@code alert-rules[0]@42})
   */
  public synchronized Change apply(String key, String value, String source) {
    if (key == null || !RuleFileParser.isValidId(key)) {
      return invalid(key, source, "the record key '" + key + "' is not a rule id");
    }
    if (value == null) {
      if (definitions.remove(key) == null) {
        return new Change(ChangeKind.UNKNOWN, key, null, List.of());
      }
      publish();
      return new Change(ChangeKind.DELETED, key, null, List.of());
    }
    RuleDefinitionReader.Outcome read = reader.readOne(source, value);
    if (!read.ok()) {
      return new Change(ChangeKind.INVALID, key, currentVersion(key), read.problems());
    }
    RuleDefinition definition = read.definition().orElseThrow();
    if (!definition.id().equals(key)) {
      return invalid(
          key,
          source,
          "the record key is '" + key + "' but the rule's id is '" + definition.id() + "'");
    }
    RuleDefinition previous = definitions.get(key);
    if (previous != null && previous.version().equals(definition.version())) {
      return new Change(ChangeKind.UNCHANGED, key, definition.version(), List.of());
    }
    definitions.put(key, definition);
    publish();
    return new Change(
        previous == null ? ChangeKind.ADDED : ChangeKind.CHANGED,
        key,
        definition.version(),
        List.of());
  }

  /** The definition in force for {@code id}. */
  public synchronized Optional<RuleDefinition> get(String id) {
    return Optional.ofNullable(definitions.get(id));
  }

  /** Every definition in force, in the order they were first added. */
  public synchronized List<RuleDefinition> definitions() {
    return new ArrayList<>(definitions.values());
  }

  private String currentVersion(String id) {
    RuleDefinition d = definitions.get(id);
    return d == null ? null : d.version();
  }

  private Change invalid(String key, String source, String message) {
    return new Change(
        ChangeKind.INVALID, key, currentVersion(key), List.of(new RuleProblem(source, 1, message)));
  }

  private void publish() {
    List<CompiledRule> rules = new ArrayList<>();
    definitions.values().forEach(d -> rules.addAll(d.variants()));
    book.replace(new RuleSet(rules, redact));
  }
}
