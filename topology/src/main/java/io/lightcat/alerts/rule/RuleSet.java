package io.lightcat.alerts.rule;

import io.lightcat.alerts.event.EventStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable set of compiled rules, indexed by id and by source stream, plus the pack's redaction
 * list. Processors read the current set through a {@link RuleBook}.
 */
public final class RuleSet {
  private final Map<String, CompiledRule> byId;
  private final Map<EventStream, List<CompiledRule>> bySource;
  private final Set<String> redact;

  public RuleSet(Collection<CompiledRule> rules, Set<String> redact) {
    Map<String, CompiledRule> ids = new LinkedHashMap<>();
    Map<EventStream, List<CompiledRule>> sources = new EnumMap<>(EventStream.class);
    for (EventStream s : EventStream.values()) {
      sources.put(s, new ArrayList<>());
    }
    for (CompiledRule r : rules) {
      if (ids.putIfAbsent(r.id(), r) != null) {
        throw new IllegalArgumentException("duplicate rule id " + r.id());
      }
      sources.get(r.rule().source()).add(r);
    }
    sources.replaceAll((k, v) -> List.copyOf(v));
    this.byId = Map.copyOf(ids);
    this.bySource = sources;
    this.redact = Set.copyOf(redact);
  }

  public static RuleSet empty() {
    return new RuleSet(List.of(), Set.of());
  }

  public Optional<CompiledRule> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public List<CompiledRule> forSource(EventStream stream) {
    return bySource.get(stream);
  }

  public Collection<CompiledRule> all() {
    return byId.values();
  }

  public Set<String> redact() {
    return redact;
  }

  public int size() {
    return byId.size();
  }
}
