package io.lightcat.alerts.app.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.app.EngineNode;
import io.lightcat.alerts.app.Http;
import io.lightcat.alerts.app.cli.InProcessRun;
import io.lightcat.alerts.app.http.RawHttp;
import io.lightcat.alerts.testing.AlertReader;
import io.lightcat.alerts.testing.KafkaTestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile requests against a real running engine (the {@code run} command in this JVM, on an in-JVM
 * broker, with alerts raised so the routes have state to read): random methods, paths under every
 * route prefix and any under {@code /api/} (so routes added later are covered), traversal,
 * encodings, query strings, credentials, content types and bodies, plus raw garbage instead of a
 * request line. The engine runs with a token and {@code --require-auth-for-reads}; most requests
 * carry the right token so they get past the guard to the routes.
 *
 * <p>Every answer must be below 500; every error answer {@code {"error", "status"}} JSON with the
 * status repeated and no stack trace or exception name; afterwards {@code /health} and {@code
 * /ready} are 200 and Kafka Streams is RUNNING. Figures go to {@code
 * target/reliability/rest-fuzz.json}.
 *
 * <p>The requests come from {@link HostileRequests} driven by a {@link Random} with a fixed seed,
 * {@value #DEFAULT_SEED} unless {@code -Dfuzz.seed=N} says otherwise; the first failing request
 * fails the test with the seed, its index and its raw bytes, and rerunning with that seed sends the
 * same requests again.
 */
@Tag("fault")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestFuzzIT {
  static final long DEFAULT_SEED = 20_261_128L;
  private static final int HOSTILE_REQUESTS = 1_200;
  private static final int GARBAGE_LINES = 200;
  private static final int RAW_SHOWN = 2_000;

  private static final String TOKEN = "fuzz-t0ken-" + System.nanoTime();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ERROR_FIELDS = Set.of("error", "status");
  private static final Set<String> RULE_ERROR_FIELDS = Set.of("error", "status", "problems");
  private static final Pattern LEAK =
      Pattern.compile(
          "Exception|\\tat |\\bat [a-z]+\\.[a-z]+\\.|java\\.[a-z]+\\.|io\\.lightcat|org\\.eclipse|"
              + "io\\.javalin|com\\.fasterxml|org\\.apache|Caused by");

  private final long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
  private final Map<Integer, Integer> statuses = new TreeMap<>();
  private int requests;
  private int resetAfterHead;

  private Path dir;
  private KafkaTestCluster cluster;
  private EngineNode engine;
  private HostileRequests hostile;

  @BeforeAll
  void startEngine() throws Exception {
    dir = Files.createTempDirectory("rest-fuzz-");
    FaultRun run = new FaultRun("rest-fuzz", dir, "");
    IncidentWorkload workload = new IncidentWorkload(run.topics.requests(), 3, 2);
    cluster = KafkaTestCluster.singleBroker();
    cluster.createTopics(3, run.topics.all());
    List<String> args = run.runArgs(cluster.bootstrapServers(), "state");
    args.addAll(List.of("--api-token", TOKEN, "--require-auth-for-reads"));
    engine = InProcessRun.start(args);
    // alerts to read, acknowledge and chart: real state behind the routes
    List<String> words =
        new ArrayList<>(List.of(IncidentWorkload.RULE_ID, "svc-0", "service=svc-1"));
    try (AlertReader alerts = new AlertReader(cluster, run.topics.alerts())) {
      cluster.produce(workload.chunk(0));
      cluster.produce(workload.chunk(1));
      for (JsonNode alert :
          alerts.awaitAtLeast(workload.expectedTransitions(), Duration.ofMinutes(2))) {
        words.add(alert.path("fingerprint").asText());
      }
    }
    hostile = new HostileRequests(TOKEN, words);
  }

  @AfterAll
  void checkHealthAndStop() {
    try {
      // then the engine is unharmed
      assertThat(Http.status(engine.httpPort(), "/health")).isEqualTo(200);
      assertThat(Http.status(engine.httpPort(), "/ready")).isEqualTo(200);
      assertThat(engine.engine().state()).isEqualTo(KafkaStreams.State.RUNNING);
      int serverErrors =
          statuses.entrySet().stream()
              .filter(e -> e.getKey() >= 500)
              .mapToInt(Map.Entry::getValue)
              .sum();
      new FaultReport("rest-fuzz")
          .put("seed", seed)
          .put("requests", requests)
          .put("serverErrors", serverErrors)
          .put("statuses", statuses)
          .put("resetAfterHead", resetAfterHead)
          .put("healthAfter", 200)
          .put("readyAfter", 200)
          .put("streamsAfter", engine.engine().state().name())
          .write();
    } finally {
      if (engine != null) {
        engine.close();
      }
      if (cluster != null) {
        cluster.close();
      }
      if (dir != null) {
        deleteRecursively(dir);
      }
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void hostileRequestsGetA4xxJsonErrorOrAnAnswerNeverA5xx() {
    Random random = new Random(seed);
    for (int i = 0; i < HOSTILE_REQUESTS; i++) {
      // given
      HostileRequests.Request request = hostile.next(random);

      // when / then
      sendAndCheck("hostile request", i, request.toString(), request.method(), request.bytes());
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void garbageInsteadOfARequestLineIsA4xxJsonError() {
    // its own stream of the seed, so the garbage does not depend on the requests before it
    Random random = new Random(~seed);
    for (int i = 0; i < GARBAGE_LINES; i++) {
      // given
      byte[] line = hostile.garbageLine(random);
      byte[] request =
          concat(
              line,
              "\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.UTF_8));

      // when / then
      sendAndCheck(
          "garbage request line", i, new String(line, StandardCharsets.ISO_8859_1), "", request);
    }
  }

  /**
   * Sends one request and checks its answer; a failure names the seed, the index and the raw bytes
   * so the run can be repeated with {@code -Dfuzz.seed}.
   */
  private void sendAndCheck(String kind, int index, String summary, String method, byte[] raw) {
    try {
      RawHttp.Answer answer = RawHttp.send(engine.httpPort(), raw);
      count(answer);
      checkAnswer(summary, method, answer);
    } catch (AssertionError | RuntimeException | IOException e) {
      throw new AssertionError(
          String.format(
              "%s #%d of seed %d failed (rerun with -Dfuzz.seed=%d): %s%nraw request: %s",
              kind, index, seed, seed, e.getMessage(), printable(raw, RAW_SHOWN)),
          e);
    }
  }

  private void count(RawHttp.Answer answer) {
    requests++;
    statuses.merge(answer.status(), 1, Integer::sum);
    if (answer.reset()) {
      resetAfterHead++;
    }
  }

  private static void checkAnswer(String request, String method, RawHttp.Answer answer)
      throws IOException {
    assertThat(answer.status()).as("status of %s: %s", request, answer.body()).isLessThan(500);
    if (answer.status() < 400 || method.equalsIgnoreCase("HEAD")) {
      return;
    }
    assertThat(answer.header("Content-Type"))
        .as("type of %s", request)
        .startsWith("application/json");
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.isObject()).as("body of %s: %s", request, answer.body()).isTrue();
    Set<String> fields = new TreeSet<>();
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      fields.add(names.next());
    }
    assertThat(fields)
        .as("fields of %s: %s", request, answer.body())
        .isIn(ERROR_FIELDS, RULE_ERROR_FIELDS);
    assertThat(body.path("status").asInt())
        .as("status field of %s", request)
        .isEqualTo(answer.status());
    assertThat(body.path("error").isTextual()).isTrue();
    assertThat(LEAK.matcher(answer.body()).find())
        .as("stack trace or class name in the answer to %s: %s", request, answer.body())
        .isFalse();
  }

  /**
   * The first {@code max} bytes of a raw request as text: printable ASCII as is, CR and LF as
   * {@code \r}/{@code \n} (with a line break after LF), anything else as {@code \xNN}.
   */
  static String printable(byte[] raw, int max) {
    StringBuilder out = new StringBuilder();
    int shown = Math.min(raw.length, max);
    for (int i = 0; i < shown; i++) {
      int c = raw[i] & 0xff;
      if (c == '\r') {
        out.append("\\r");
      } else if (c == '\n') {
        out.append("\\n\n");
      } else if (c >= 0x20 && c < 0x7f && c != '\\') {
        out.append((char) c);
      } else {
        out.append(String.format("\\x%02X", c));
      }
    }
    if (shown < raw.length) {
      out.append("... (").append(raw.length).append(" bytes in all)");
    }
    return out.toString();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void deleteRecursively(Path root) {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
