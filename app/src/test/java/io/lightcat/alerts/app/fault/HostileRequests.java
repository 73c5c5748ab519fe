package io.lightcat.alerts.app.fault;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

/**
 * Generators of hostile HTTP/1.1 requests, as the raw bytes a client could send: random methods,
 * paths under every route prefix the API has (and any under {@code /api/} and {@code /internal/} it
 * may get later), path traversal, encoded dots and NULs, overlong UTF-8, very long segments, bad
 * query strings, bad or missing credentials, wrong content types, and bodies that are huge, deeply
 * nested, invalid JSON, YAML or UTF-8; and garbage instead of a request line.
 *
 * <p>Plain Java driven by the caller's {@link Random}: the same seed gives the same sequence of
 * requests, so a failure is reproduced by rerunning with its seed. Where one kind of input is
 * chosen among several, the weights are written next to the choice ({@link #weighted}).
 */
final class HostileRequests {
  /** Where routes live now, plus prefixes of routes other branches add. */
  private static final List<String> PREFIXES =
      List.of(
          "/api/",
          "/api/alerts",
          "/api/alerts/",
          "/api/rules",
          "/api/rules/",
          "/api/series/",
          "/api/silences",
          "/api/metrics/",
          "/api/dashboards/",
          "/internal/alerts/local",
          "/internal/series/",
          "/internal/",
          "/health",
          "/ready",
          "/metrics",
          "/",
          "");

  private static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE");

  /** The common methods, with reads and writes of the real routes most often. */
  private static final List<String> COMMON_METHODS =
      List.of("GET", "GET", "POST", "POST", "DELETE");

  private static final List<String> HOSTILE_SEGMENTS =
      List.of(
          "..",
          ".",
          "%2e%2e",
          "%2E%2E%2F",
          "..%2f..%2fetc%2fpasswd",
          "%00",
          "a%00b",
          "%c0%ae%c0%ae",
          "%c0%af",
          "%e0%80%ae",
          "%ff%fe",
          "%",
          "%zz",
          "%u002e",
          ";jsessionid=1",
          "",
          "ack",
          "local",
          "payments",
          "operations",
          "a b",
          "\\..\\..\\windows",
          "%5c..%5c",
          "~root",
          "*");

  private static final List<String> QUERY_KEYS =
      List.of("status", "severity", "rule", "group", "from", "to", "x", "", "%zz", "a%00");

  private static final List<String> HOSTILE_QUERY_VALUES =
      List.of(
          "firing",
          "resolved",
          "P1",
          "P9",
          "1e999",
          "-1",
          "NaN",
          "Infinity",
          "99999999999999999999999",
          "0x1F",
          "yesterday",
          "2026-13-45T99:00:00Z",
          "2026-11-28T00:00:00Z",
          "-999999999-01-01T00:00:00Z",
          "+999999999-12-31T23:59:59Z",
          "service=svc-1",
          "service=",
          "=",
          "==",
          "%",
          "%zz",
          "%ff%fe",
          "%c0%ae",
          "a%00b",
          "\u00e9");

  private static final List<String> CONTENT_TYPES =
      List.of(
          "Content-Type: application/json",
          "Content-Type: application/json; charset=utf-8",
          "Content-Type: application/yaml",
          "Content-Type: text/plain; charset=bogus",
          "Content-Type: text/plain; charset",
          "Content-Type: text/plain; charset=\"\"",
          "Content-Type: application/x-www-form-urlencoded",
          "Content-Type: multipart/form-data; boundary=x",
          "Content-Type: ;;;",
          "Content-Type: application/json; charset=UTF-32",
          "");

  private static final List<String> EXTRA_HEADERS =
      List.of(
          "",
          "",
          "Accept: text/html",
          "Accept: application/json",
          "Accept: */*",
          "Origin: https://evil.example",
          "X-Forwarded-For: 127.0.0.1",
          "Transfer-Encoding: gzip",
          "Expect: 100-continue",
          "X-Huge: " + "h".repeat(10_000),
          "Cookie: " + "c=1; ".repeat(100),
          "Range: bytes=0-1,2-3,4-5");

  private static final List<String> HOSTILE_BODIES =
      List.of(
          "{}",
          "[]",
          "null",
          "{\"by\": \"alice\"}",
          "{\"by\": 1e999}",
          "{\"by\": \"" + "b".repeat(500) + "\"}",
          "{\"matchers\": [\"service=\\\"api\\\"\"], \"duration\": \"2h\"}",
          "{\"matchers\": [\"service=api\"], \"duration\": \"-2h\"}",
          "{\"matchers\": [\"=~(\"], \"endsAt\": \"yesterday\"}",
          "{\"matchers\": [], \"duration\": \"99999999999d\"}",
          "{\"a\":",
          "{\"a\": NaN, \"b\": Infinity}",
          "- id: x\n  source: requests\n  window: 10s\n  measure: count\n  severity: {P1: \"> 1\"}\n",
          "- id: fault-error-burst\n  source: nowhere\n",
          "- id: \"../../etc\"\n  window: -1s\n",
          "redact: [password]\n",
          // a YAML alias bomb: 9^4 references to one small list
          "a: &a [\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
              + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
          "!!java.net.URL [\"http://localhost/\"]\n",
          "\t\t- - - :\n",
          "\"" + "q".repeat(70_000) + "\"");

  /** Request lines that are almost right, or a TLS hello on the plain port. */
  private static final List<String> ALMOST_REQUEST_LINES =
      List.of(
          "GET",
          "GET /",
          "GET / HTTP/1.1 extra",
          "GET  /health  HTTP/1.1",
          "GET /health HTTP/1.1\u0000",
          "GET /\u0000 HTTP/1.1",
          "GET /h\u00e9alth HTTP/1.1",
          "GET health HTTP/1.1",
          "GET http://localhost/health HTTP/1.1",
          "GET //localhost/health HTTP/1.1",
          "GET /health?%%% HTTP/1.1",
          "G\u00c9T /health HTTP/1.1",
          "GET /health HTTP/1.1\tx",
          "\u0016\u0003\u0001\u0002\u0000\u0001");

  private final List<String> authorizations;
  private final List<String> knownWords;

  /**
   * @param token the engine's bearer token, sent in some requests so the routes behind the guard
   *     are reached
   * @param knownWords real rule ids, fingerprints and group keys, so requests also reach existing
   *     state; sorted here so their order of discovery does not change what a seed generates
   */
  HostileRequests(String token, List<String> knownWords) {
    if (knownWords.isEmpty()) {
      throw new IllegalArgumentException("no known words to aim requests at existing state");
    }
    this.knownWords = List.copyOf(new TreeSet<>(knownWords));
    this.authorizations =
        List.of(
            "Authorization: Bearer " + token,
            "Authorization: Bearer " + token,
            "Authorization: Bearer " + token,
            "Authorization: bearer " + token,
            "Authorization: Bearer wrong",
            "Authorization: Bearer ",
            "Authorization: Basic "
                + Base64.getEncoder()
                    .encodeToString(("u:" + token).getBytes(StandardCharsets.UTF_8)),
            "Authorization: " + token,
            "Authorization: Bearer " + token + " extra",
            "Authorization: Bearer " + "t".repeat(5000),
            "Authorization: \u00ff\u00fe",
            "");
  }

  /** One request, described for failure reports, and its bytes. */
  record Request(String method, String target, List<String> headers, byte[] body) {
    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("Host: localhost\r\nConnection: close\r\n");
      headers.forEach(h -> head.append(h).append("\r\n"));
      head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      out.writeBytes(body);
      return out.toByteArray();
    }

    @Override
    public String toString() {
      String t =
          target.length() > 300
              ? target.substring(0, 300) + "...(" + target.length() + ")"
              : target;
      List<String> hs =
          headers.stream().map(h -> h.length() > 200 ? h.substring(0, 200) + "..." : h).toList();
      return method + " " + t + " " + hs + " body " + body.length + " bytes";
    }
  }

  /** The next hostile request: method, target, headers and body drawn independently. */
  Request next(Random r) {
    return new Request(method(r), target(r), headers(r), body(r));
  }

  /**
   * Garbage where a request line belongs, without CR or LF (the caller ends the line): random bytes
   * (1 to 300) or a request line that is almost right, half and half.
   */
  byte[] garbageLine(Random r) {
    if (r.nextBoolean()) {
      byte[] noise = new byte[between(r, 1, 300)];
      for (int i = 0; i < noise.length; i++) {
        byte b;
        do {
          b = (byte) r.nextInt(256);
        } while (b == '\r' || b == '\n');
        noise[i] = b;
      }
      return noise;
    }
    return pick(r, ALMOST_REQUEST_LINES).getBytes(StandardCharsets.UTF_8);
  }

  /** Common methods, any standard one, one in lower case, or an invented upper-case token. */
  private static String method(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> pick(r, COMMON_METHODS);
      case 1 -> pick(r, METHODS);
      case 2 -> pick(r, METHODS).toLowerCase(Locale.ROOT);
      default -> randomString(r, 'A', 'Z', between(r, 1, 12));
    };
  }

  /** A prefix, 0 to 4 segments, and (19 times in 20) a query string. */
  private String target(Random r) {
    List<String> segments = new ArrayList<>();
    int count = between(r, 0, 4);
    for (int i = 0; i < count; i++) {
      segments.add(segment(r));
    }
    String path = pick(r, PREFIXES) + String.join("/", segments);
    String query = r.nextInt(20) == 0 ? "" : "?" + query(r);
    return (path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path) + query;
  }

  /**
   * Weights 4 : 3 : 2 : 1 — a known word, a hostile segment, any 0-30 chars encoded, a segment of
   * 200 to 9,000 chars.
   */
  private String segment(Random r) {
    return switch (weighted(r, 4, 3, 2, 1)) {
      case 0 -> encode(pick(r, knownWords));
      case 1 -> pick(r, HOSTILE_SEGMENTS);
      case 2 -> encode(anyString(r, between(r, 0, 30)));
      default -> "s".repeat(towardsMin(r, 200, 9000));
    };
  }

  /** 1 to 6 {@code key=value} pairs. */
  private String query(Random r) {
    List<String> pairs = new ArrayList<>();
    int count = between(r, 1, 6);
    for (int i = 0; i < count; i++) {
      String key = pick(r, QUERY_KEYS);
      pairs.add(key + "=" + queryValue(r));
    }
    return String.join("&", pairs);
  }

  /**
   * Equally likely: a hostile value, a known word, any 0-40 chars encoded, a value of 100 to 7,000
   * chars.
   */
  private String queryValue(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> pick(r, HOSTILE_QUERY_VALUES);
      case 1 -> encode(pick(r, knownWords));
      case 2 -> encode(anyString(r, between(r, 0, 40)));
      default -> "v".repeat(towardsMin(r, 100, 7000));
    };
  }

  /** An {@code Authorization}, a {@code Content-Type} and one more header, each possibly absent. */
  private List<String> headers(Random r) {
    List<String> out = new ArrayList<>();
    for (String h :
        List.of(pick(r, authorizations), pick(r, CONTENT_TYPES), pick(r, EXTRA_HEADERS))) {
      if (!h.isEmpty()) {
        out.add(h);
      }
    }
    return out;
  }

  /**
   * Weights 4 : 4 : 1 : 1 : 2 : 2 : 1 — empty; a hostile JSON or YAML document; 1,000 to 20,000
   * nested JSON arrays; 1,000 to 5,000 nested flow sequences in YAML; 0 to 200 random bytes (mostly
   * invalid UTF-8); any 0-300 chars as UTF-8; a JSON string of over 1 MiB.
   */
  private static byte[] body(Random r) {
    return switch (weighted(r, 4, 4, 1, 1, 2, 2, 1)) {
      case 0 -> new byte[0];
      case 1 -> utf8(pick(r, HOSTILE_BODIES));
      case 2 -> {
        int n = between(r, 1_000, 20_000);
        yield utf8("[".repeat(n) + "]".repeat(n));
      }
      case 3 -> {
        int n = between(r, 1_000, 5_000);
        yield utf8("a:\n  - " + "[".repeat(n) + "]".repeat(n));
      }
      case 4 -> {
        byte[] bytes = new byte[between(r, 0, 200)];
        r.nextBytes(bytes);
        yield bytes;
      }
      case 5 -> utf8(anyString(r, between(r, 0, 300)));
      default -> utf8("{\"by\": \"" + "x".repeat(between(r, 1_000_000, 1_200_000)) + "\"}");
    };
  }

  /** Percent-encodes what cannot stand in a request target; leaves {@code %} escapes alone. */
  static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~!$&'()*+,;=:@%".indexOf(c) >= 0;
      if (plain) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  /**
   * The index of the alternative drawn, alternative {@code i} with probability {@code weights[i] /
   * sum(weights)}.
   */
  static int weighted(Random r, int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int draw = r.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      draw -= weights[i];
      if (draw < 0) {
        return i;
      }
    }
    throw new IllegalStateException("unreachable: the draw is below the sum of the weights");
  }

  private static <T> T pick(Random r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  /** Uniform in {@code [min, max]}, both included. */
  private static int between(Random r, int min, int max) {
    return min + r.nextInt(max - min + 1);
  }

  /**
   * In {@code [min, max]}, small values more likely (the square of a uniform draw): most long
   * segments and values stay under the server's 8 KiB head limit, so they reach the routes instead
   * of all ending as 414 or 431, yet lengths near {@code max} still occur.
   */
  private static int towardsMin(Random r, int min, int max) {
    double u = r.nextDouble();
    return min + (int) Math.round(u * u * (max - min));
  }

  /** Any UTF-16 chars, controls, NUL, private use and lone surrogates included. */
  private static String anyString(Random r, int length) {
    return randomString(r, Character.MIN_VALUE, Character.MAX_VALUE, length);
  }

  private static String randomString(Random r, char from, char to, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append((char) between(r, from, to));
    }
    return s.toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
