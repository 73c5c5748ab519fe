package io.lightcat.alerts.app.fault;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of hostile HTTP/1.1 requests, as the raw bytes a client could send: random
 * methods, paths under every route prefix the API has (and any under {@code /api/} it may get
 * later), path traversal, encoded dots and NULs, overlong UTF-8, very long segments, bad query
 * strings, bad or missing credentials, wrong content types, and bodies that are huge, deeply
 * nested, invalid JSON, YAML or UTF-8.
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

  private final String token;
  private final List<String> knownWords;

  /**
   * @param token the engine's bearer token, sent in some requests so the routes behind the guard
   *     are reached
   * @param knownWords real rule ids, fingerprints and group keys, so requests also reach existing
   *     state
   */
  HostileRequests(String token, List<String> knownWords) {
    this.token = token;
    this.knownWords = List.copyOf(knownWords);
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

  Arbitrary<Request> requests() {
    return Combinators.combine(methods(), targets(), headers(), bodies()).as(Request::new);
  }

  private Arbitrary<String> methods() {
    return Arbitraries.oneOf(
        Arbitraries.of("GET", "GET", "POST", "POST", "DELETE"),
        Arbitraries.of(METHODS),
        Arbitraries.of(METHODS).map(m -> m.toLowerCase(java.util.Locale.ROOT)),
        Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12));
  }

  Arbitrary<String> targets() {
    Arbitrary<String> path =
        Combinators.combine(Arbitraries.of(PREFIXES), segments().list().ofMaxSize(4))
            .as((prefix, segs) -> prefix + String.join("/", segs));
    return Combinators.combine(path, queries().optional())
        .as(
            (p, q) ->
                (p.isEmpty() ? "/" : p.startsWith("/") ? p : "/" + p)
                    + q.map(s -> "?" + s).orElse(""));
  }

  private Arbitrary<String> segments() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.of(knownWords).map(HostileRequests::encode)),
        net.jqwik.api.Tuple.of(
            3,
            Arbitraries.of(
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
                "*")),
        net.jqwik.api.Tuple.of(
            2, Arbitraries.strings().all().ofMaxLength(30).map(HostileRequests::encode)),
        net.jqwik.api.Tuple.of(
            1, Arbitraries.integers().between(200, 9000).map(n -> "s".repeat(n))));
  }

  private Arbitrary<String> queries() {
    Arbitrary<String> key =
        Arbitraries.of("status", "severity", "rule", "group", "from", "to", "x", "", "%zz", "a%00");
    Arbitrary<String> value =
        Arbitraries.oneOf(
            Arbitraries.of(
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
                "\u00e9"),
            Arbitraries.of(knownWords).map(HostileRequests::encode),
            Arbitraries.strings().all().ofMaxLength(40).map(HostileRequests::encode),
            Arbitraries.integers().between(100, 7000).map(n -> "v".repeat(n)));
    Arbitrary<String> pair = Combinators.combine(key, value).as((k, v) -> k + "=" + v);
    return pair.list().ofMinSize(1).ofMaxSize(6).map(ps -> String.join("&", ps));
  }

  private Arbitrary<List<String>> headers() {
    Arbitrary<String> authorization =
        Arbitraries.of(
            "Authorization: Bearer " + token,
            "Authorization: Bearer " + token,
            "Authorization: Bearer " + token,
            "Authorization: bearer " + token,
            "Authorization: Bearer wrong",
            "Authorization: Bearer ",
            "Authorization: Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(("u:" + token).getBytes(StandardCharsets.UTF_8)),
            "Authorization: " + token,
            "Authorization: Bearer " + token + " extra",
            "Authorization: Bearer " + "t".repeat(5000),
            "Authorization: \u00ff\u00fe",
            "");
    Arbitrary<String> contentType =
        Arbitraries.of(
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
    Arbitrary<String> extra =
        Arbitraries.of(
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
    return Combinators.combine(authorization, contentType, extra)
        .as(
            (a, c, e) -> {
              List<String> out = new ArrayList<>();
              for (String h : List.of(a, c, e)) {
                if (!h.isEmpty()) {
                  out.add(h);
                }
              }
              return out;
            });
  }

  private Arbitrary<byte[]> bodies() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.just(new byte[0])),
        net.jqwik.api.Tuple.of(
            4,
            Arbitraries.of(
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
                    "a: &a [\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
                    "!!java.net.URL [\"http://localhost/\"]\n",
                    "\t\t- - - :\n",
                    "\"" + "q".repeat(70_000) + "\"")
                .map(s -> s.getBytes(StandardCharsets.UTF_8))),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.integers()
                .between(1_000, 20_000)
                .map(n -> ("[".repeat(n) + "]".repeat(n)).getBytes(StandardCharsets.UTF_8))),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.integers()
                .between(1_000, 5_000)
                .map(
                    n ->
                        ("a:\n" + "  - ".repeat(1).repeat(1) + "[".repeat(n) + "]".repeat(n))
                            .getBytes(StandardCharsets.UTF_8))),
        net.jqwik.api.Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
        net.jqwik.api.Tuple.of(
            2,
            Arbitraries.strings()
                .all()
                .ofMaxLength(300)
                .map(s -> s.getBytes(StandardCharsets.UTF_8))),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.integers()
                .between(1_000_000, 1_200_000)
                .map(
                    n ->
                        ("{\"by\": \"" + "x".repeat(n) + "\"}").getBytes(StandardCharsets.UTF_8))));
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
}
