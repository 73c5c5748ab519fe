package io.lightcat.alerts.app.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain Java generators behind {@code RestFuzzIT}: a seed gives one sequence, the weights hold,
 * and the 1,200 requests and 200 garbage lines of one run contain every kind of hostile input.
 */
class HostileRequestsTest {
  private static final String TOKEN = "test-token";
  private static final Set<String> STANDARD_METHODS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE");

  private final HostileRequests hostile =
      new HostileRequests(TOKEN, List.of("fault-error-burst", "svc-0", "service=svc-1"));

  @Test
  void theSameSeedGivesTheSameRequestsAndGarbage() {
    // given
    Random first = new Random(42);
    Random second = new Random(42);

    // when / then
    for (int i = 0; i < 200; i++) {
      assertThat(hostile.next(first).bytes()).isEqualTo(hostile.next(second).bytes());
      assertThat(hostile.garbageLine(first)).isEqualTo(hostile.garbageLine(second));
    }
  }

  @Test
  void theOrderOfTheKnownWordsDoesNotChangeWhatASeedGenerates() {
    // given
    HostileRequests reordered =
        new HostileRequests(TOKEN, List.of("service=svc-1", "fault-error-burst", "svc-0"));
    Random first = new Random(7);
    Random second = new Random(7);

    // when / then
    for (int i = 0; i < 200; i++) {
      assertThat(reordered.next(first).bytes()).isEqualTo(hostile.next(second).bytes());
    }
  }

  @Test
  void weightedDrawsFollowTheirWeights() {
    // given the weights of the bodies
    int[] weights = {4, 4, 1, 1, 2, 2, 1};
    int draws = 150_000;
    int[] seen = new int[weights.length];
    Random random = new Random(1);

    // when
    for (int i = 0; i < draws; i++) {
      seen[HostileRequests.weighted(random, weights)]++;
    }

    // then
    for (int i = 0; i < weights.length; i++) {
      assertThat(seen[i] / (double) draws)
          .as("share of alternative %d", i)
          .isCloseTo(weights[i] / 15.0, within(0.01));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {RestFuzzIT.DEFAULT_SEED, 1L, -5L})
  void oneRunOfRequestsHasEveryKindOfHostileInput(long seed) {
    // given
    Random random = new Random(seed);
    List<HostileRequests.Request> requests = new ArrayList<>();

    // when
    for (int i = 0; i < 1_200; i++) {
      requests.add(hostile.next(random));
    }

    // then
    Kinds<HostileRequests.Request> kinds = new Kinds<>(requests);
    kinds.expect(
        "a lower-case method", r -> r.method().equals(r.method().toLowerCase(Locale.ROOT)));
    kinds.expect(
        "an invented upper-case method",
        r -> !STANDARD_METHODS.contains(r.method()) && r.method().matches("[A-Z]{1,12}"));
    kinds.expect("a path under /internal/", r -> r.target().startsWith("/internal/"));
    kinds.expect("a path under /api/", r -> r.target().startsWith("/api/"));
    kinds.expect("a path segment of 200+ chars", r -> r.target().contains("s".repeat(200)));
    kinds.expect("traversal", r -> r.target().contains("/../") || r.target().endsWith("/.."));
    kinds.expect("encoded traversal", r -> r.target().contains("%2e%2e"));
    kinds.expect("an encoded NUL", r -> r.target().contains("%00"));
    kinds.expect("overlong UTF-8", r -> r.target().contains("%c0%ae"));
    kinds.expect("an encoded random char", r -> r.target().matches(".*%[89A-F][0-9A-F].*"));
    kinds.expect("no query string", r -> !r.target().contains("?"));
    kinds.expect("a query value of 100+ chars", r -> r.target().contains("v".repeat(100)));
    kinds.expect("a bad time in the query", r -> r.target().contains("=2026-13-45T99:00:00Z"));
    kinds.expect("a known word", r -> r.target().contains("fault-error-burst"));
    kinds.expect("the right token", r -> r.headers().contains("Authorization: Bearer " + TOKEN));
    kinds.expect("a wrong token", r -> r.headers().contains("Authorization: Bearer wrong"));
    kinds.expect(
        "a huge token",
        r -> r.headers().stream().anyMatch(h -> h.startsWith("Authorization: Bearer tttt")));
    kinds.expect(
        "no Authorization",
        r -> r.headers().stream().noneMatch(h -> h.startsWith("Authorization")));
    kinds.expect(
        "a bogus charset", r -> r.headers().contains("Content-Type: text/plain; charset=bogus"));
    kinds.expect(
        "a huge header", r -> r.headers().stream().anyMatch(h -> h.startsWith("X-Huge: ")));
    kinds.expect("an empty body", r -> r.body().length == 0);
    kinds.expect(
        "invalid JSON", r -> new String(r.body(), StandardCharsets.UTF_8).equals("{\"a\":"));
    kinds.expect("a YAML alias bomb", r -> text(r).contains("b: &b [*a,*a"));
    kinds.expect("JSON nested 1,000+ deep", r -> text(r).startsWith("[".repeat(1_000)));
    kinds.expect(
        "YAML nested 1,000+ deep", r -> text(r).startsWith("a:\n  - " + "[".repeat(1_000)));
    kinds.expect("a body of over 1 MiB", r -> r.body().length > 1 << 20);
    kinds.expect("a body of invalid UTF-8", r -> !validUtf8(r.body()));
    kinds.assertAllSeen();
  }

  @Test
  void garbageLinesHaveNoLineEndAndAreNoiseOrAlmostRequestLines() {
    // given
    Random random = new Random(RestFuzzIT.DEFAULT_SEED);
    List<byte[]> lines = new ArrayList<>();

    // when
    for (int i = 0; i < 200; i++) {
      lines.add(hostile.garbageLine(random));
    }

    // then
    for (byte[] line : lines) {
      assertThat(line).isNotEmpty().doesNotContain((byte) '\r', (byte) '\n');
    }
    Kinds<byte[]> kinds = new Kinds<>(lines);
    kinds.expect(
        "an almost right request line",
        l -> new String(l, StandardCharsets.UTF_8).equals("GET health HTTP/1.1"));
    kinds.expect("a TLS hello", l -> l[0] == 0x16);
    kinds.expect("random bytes", l -> !validUtf8(l));
    kinds.assertAllSeen();
  }

  private static String text(HostileRequests.Request r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static boolean validUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** Named predicates, each of which some generated value must match. */
  private static final class Kinds<T> {
    private final List<T> values;
    private final List<String> missing = new ArrayList<>();

    Kinds(List<T> values) {
      this.values = values;
    }

    void expect(String kind, Predicate<T> test) {
      if (values.stream().noneMatch(test)) {
        missing.add(kind);
      }
    }

    void assertAllSeen() {
      assertThat(missing).as("kinds of input never generated").isEmpty();
    }
  }
}
