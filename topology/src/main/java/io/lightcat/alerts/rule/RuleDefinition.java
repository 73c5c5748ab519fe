package io.lightcat.alerts.rule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One rule as the {@code alert-rules} topic carries it: the id its alerts carry, its definition as
 * YAML text (one rule mapping, the form a rule file lists), and its compiled variants (one, or one
 * per {@code anyOf} alternative).
 *
 * @param text the definition, a YAML mapping; the value of the rule's record on the topic
 */
public record RuleDefinition(String id, String text, List<CompiledRule> variants) {

  public RuleDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    variants = List.copyOf(variants);
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("a rule definition has at least one variant");
    }
  }

  /**
   * A content hash of the definition, independent of formatting and of where it was read from: the
   * rule's {@link CompiledRule#version()}, or for an {@code anyOf} rule a hash of its variants'
   * versions. Equal versions mean publishing again would change nothing.
   */
  public String version() {
    if (variants.size() == 1) {
      return variants.get(0).version();
    }
    String joined = variants.stream().map(CompiledRule::version).collect(Collectors.joining(","));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
