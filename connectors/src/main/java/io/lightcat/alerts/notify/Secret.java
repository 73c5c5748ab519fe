package io.lightcat.alerts.notify;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * A secret configuration value (webhook URL, routing key, password, HMAC key). Its {@code toString}
 * is {@code ******}; only {@link #reveal()} gives the value, to be used on the wire and nowhere
 * else.
 *
 * <p>Written in the configuration as {@code ${env:VAR}} (an environment variable), {@code
 * file:/path} (a file's content, trailing newline removed, like a Kubernetes secret mount) or a
 * literal.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "value"));
  }

  /** Resolves {@code spec} against the process environment. */
  public static Secret resolve(String spec) {
    return resolve(spec, System.getenv()::get);
  }

  /**
   * Resolves {@code spec} against {@code env}.
   *
   * @throws IllegalArgumentException naming the variable or file (never the value) when it is
   *     unset, empty or unreadable
   */
  public static Secret resolve(String spec, Function<String, String> env) {
    Objects.requireNonNull(spec, "spec");
    String s = spec.strip();
    if (s.startsWith("${env:") && s.endsWith("}")) {
      String var = s.substring(6, s.length() - 1);
      String v = env.apply(var);
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException("environment variable " + var + " is not set");
      }
      return new Secret(v.strip());
    }
    if (s.startsWith("file:")) {
      Path path = Path.of(s.substring(5));
      try {
        String v = Files.readString(path, StandardCharsets.UTF_8).strip();
        if (v.isEmpty()) {
          throw new IllegalArgumentException("secret file " + path + " is empty");
        }
        return new Secret(v);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read secret file " + path + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty secret");
    }
    return new Secret(s);
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "******";
  }

  /**
   * A URL as safe to print: {@code scheme://host[:port]/...} — paths and queries of incoming
   * webhooks are credentials.
   */
  public static String redactUrl(String url) {
    try {
      URI u = URI.create(url);
      if (u.getScheme() == null || u.getHost() == null) {
        return "<url>";
      }
      String port = u.getPort() < 0 ? "" : ":" + u.getPort();
      return u.getScheme() + "://" + u.getHost() + port + "/...";
    } catch (IllegalArgumentException e) {
      return "<url>";
    }
  }

  /** Replaces every occurrence of the given secrets in {@code text} by {@code ******}. */
  public static String scrub(String text, Secret... secrets) {
    String out = text == null ? "" : text;
    for (Secret secret : secrets) {
      if (secret != null && !secret.value.isEmpty()) {
        out = out.replace(secret.value, "******");
      }
    }
    return out;
  }
}
