package io.lightcat.alerts.event;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Removes secrets (CONTRACT section 3) from events and from raw records: {@code authorization}
 * inside {@code headers}, top-level {@code rgbInvoice}, and every configured field name at any
 * depth. Names match in any case.
 *
 * <p>Raw records that are not a parseable JSON object get a textual scrub instead: the value after
 * any secret name ({@code "name": "value"} or {@code name=value}) and any {@code Bearer} token are
 * replaced by {@code [REDACTED]}. The scrub is best effort on text that is not JSON (for example,
 * names spelled with JSON unicode escapes are not recognized).
 *
 * <p>Immutable and thread-safe.
 */
public final class Redactor {
  /** What replaces a secret value in scrubbed text. */
  public static final String REDACTED = "[REDACTED]";

  private static final String AUTHORIZATION = "authorization";
  private static final String RGB_INVOICE = "rgbinvoice";
  private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+[^\\s\"',;&}\\]\\\\]+");

  private final Set<String> configured;
  private final Pattern secretAssignment;
  private final ObjectMapper mapper;

  /** A redactor for the built-in secrets plus {@code redactedFields} (any case, any depth). */
  public Redactor(Set<String> redactedFields) {
    this.configured =
        redactedFields.stream()
            .map(f -> f.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    Set<String> names = new LinkedHashSet<>(List.of(AUTHORIZATION, RGB_INVOICE));
    names.addAll(configured);
    String alternatives =
        names.stream().map(Pattern::quote).collect(Collectors.joining("|", "(?:", ")"));
    // name, optional closing quote(s), ':' or '=', then a quoted (possibly unterminated) string
    // or a bare value that may start with an auth scheme ("Authorization: Basic abc").
    this.secretAssignment =
        Pattern.compile(
            "(?i)("
                + alternatives
                + "[\\\\\"']*\\s*[:=]\\s*)"
                + "(\"(?:[^\"\\\\]|\\\\.)*\"?|(?:(?:bearer|basic|digest|token)\\s+)?[^\\s,;&}\\]]+)");
    this.mapper = JsonLimits.newMapper();
  }

  /**
   * Removes secret fields from {@code root} in place.
   *
   * @return whether anything was removed
   */
  public boolean redact(ObjectNode root) {
    boolean changed = removeNames(root, name -> name.equals(RGB_INVOICE));
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (e.getKey().equalsIgnoreCase("headers") && e.getValue() instanceof ObjectNode headers) {
        changed |= removeNames(headers, name -> name.equals(AUTHORIZATION));
      }
    }
    if (!configured.isEmpty()) {
      changed |= removeConfigured(root);
    }
    return changed;
  }

  /**
   * Whether {@link #redact} removes a top-level field of this name whatever its value: {@code
   * rgbInvoice} and the configured names, in any case. (Inside objects it removes more.)
   */
  public boolean removesField(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals(RGB_INVOICE) || configured.contains(lower);
  }

  /**
   * A copy of {@code original} without secrets, for the dead-letter topic: a JSON object is
   * re-serialized without secret fields (returned unchanged when it has none); anything else is
   * scrubbed textually. {@code null} stays {@code null}.
   */
  public byte[] redactRaw(byte[] original) {
    if (original == null) {
      return null;
    }
    JsonNode root;
    try {
      root = mapper.readTree(original);
    } catch (JacksonException notJson) {
      // Expected for the malformed records the dead-letter topic receives: fall back to text.
      return scrub(new String(original, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading an in-memory byte array failed", e);
    }
    if (!(root instanceof ObjectNode object)) {
      return scrub(new String(original, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
    if (!redact(object)) {
      return original;
    }
    try {
      return mapper.writeValueAsBytes(object);
    } catch (IOException e) {
      throw new UncheckedIOException("writing a JSON tree to memory failed", e);
    }
  }

  /** {@code text} with the value after every secret name, and every Bearer token, replaced. */
  public String scrub(String text) {
    String noBearer =
        BEARER.matcher(text).replaceAll("Bearer " + Matcher.quoteReplacement(REDACTED));
    return secretAssignment
        .matcher(noBearer)
        .replaceAll(
            m -> {
              String replacement = m.group(2).startsWith("\"") ? "\"" + REDACTED + "\"" : REDACTED;
              return Matcher.quoteReplacement(m.group(1) + replacement);
            });
  }

  private boolean removeConfigured(JsonNode node) {
    boolean changed = false;
    if (node instanceof ObjectNode object) {
      changed = removeNames(object, configured::contains);
      for (JsonNode child : object) {
        changed |= removeConfigured(child);
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        changed |= removeConfigured(child);
      }
    }
    return changed;
  }

  private static boolean removeNames(
      ObjectNode object, java.util.function.Predicate<String> isSecretLowerCase) {
    List<String> doomed = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (isSecretLowerCase.test(name.toLowerCase(Locale.ROOT))) {
        doomed.add(name);
      }
    }
    object.remove(doomed);
    return !doomed.isEmpty();
  }
}
