package io.lightcat.alerts.lifecycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stable identity of an alert: a hash of the rule id and the sorted group labels. The same rule
 * and labels always give the same fingerprint, on every instance and across restarts; it is
 * URL-safe, so it can be used in REST paths.
 */
public final class Fingerprint {
  private Fingerprint() {}

  public static String of(String ruleId, Map<String, String> labels) {
    StringBuilder canonical = new StringBuilder(ruleId);
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      canonical.append('\u0000').append(e.getKey()).append('\u0000').append(e.getValue());
    }
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** The id of one firing episode: the fingerprint and the event time it fired at. */
  public static String episodeId(String fingerprint, long firedAt) {
    return fingerprint + "-" + Long.toString(firedAt, 36);
  }
}
