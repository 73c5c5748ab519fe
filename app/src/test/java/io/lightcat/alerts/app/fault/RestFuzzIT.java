package io.lightcat.alerts.app.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.app.EngineNode;
import io.lightcat.alerts.app.Http;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.streams.KafkaStreams;

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
 */
@Tag("fault")
class RestFuzzIT {
  private static final String TOKEN = "fuzz-t0ken-" + System.nanoTime();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ERROR_FIELDS = Set.of("error", "status");
  private static final Set<String> RULE_ERROR_FIELDS = Set.of("error", "status", "problems");
  private static final Pattern LEAK =
      Pattern.compile(
          "Exception|\\tat |\\bat [a-z]+\\.[a-z]+\\.|java\\.[a-z]+\\.|io\\.lightcat|org\\.eclipse|"
              + "io\\.javalin|com\\.fasterxml|org\\.apache|Caused by");

  private static final AtomicInteger requests = new AtomicInteger();
  private static final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

  private static Path dir;
  private static KafkaTestCluster cluster;
  private static EngineNode engine;
  private static HostileRequests hostile;

  @BeforeContainer
  static void startEngine() throws Exception {
    dir = Files.createTempDirectory("rest-fuzz-");
    FaultRun run = new FaultRun("rest-fuzz", dir, "");
    IncidentWorkload workload = new IncidentWorkload(run.topics.requests(), 3, 2);
    cluster = KafkaTestCluster.singleBroker();
    cluster.createTopics(3, run.topics.all());
    List<String> args = run.runArgs(cluster.bootstrapServers(), "state");
    args.addAll(List.of("--api-token", TOKEN, "--require-auth-for-reads"));
    engine = io.lightcat.alerts.app.cli.InProcessRun.start(args);
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

  @AfterContainer
  static void checkHealthAndStop() throws Exception {
    try {
      // then the engine is unharmed
      assertThat(Http.status(engine.httpPort(), "/health")).isEqualTo(200);
      assertThat(Http.status(engine.httpPort(), "/ready")).isEqualTo(200);
      assertThat(engine.engine().state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(requests.get()).isGreaterThanOrEqualTo(1_000);
      int serverErrors =
          statuses.entrySet().stream()
              .filter(e -> e.getKey() >= 500)
              .mapToInt(Map.Entry::getValue)
              .sum();
      new FaultReport("rest-fuzz")
          .put("requests", requests.get())
          .put("serverErrors", serverErrors)
          .put("statuses", new TreeMap<>(statuses))
          .put("healthAfter", 200)
          .put("readyAfter", 200)
          .put("streamsAfter", engine.engine().state().name())
          .write();
    } finally {
      engine.close();
      cluster.close();
      deleteRecursively(dir);
    }
  }

  @Property(tries = 1200, shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
  void hostileRequestsGetA4xxJsonErrorOrAnAnswerNeverA5xx(
      @ForAll("requests") HostileRequests.Request request) throws Exception {
    // when
    RawHttp.Answer answer = RawHttp.send(engine.httpPort(), request.bytes());
    count(answer);

    // then
    checkAnswer(request.toString(), request.method(), answer);
  }

  @Property(tries = 200, shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
  void garbageInsteadOfARequestLineIsA4xxJsonError(@ForAll("garbage") byte[] line)
      throws Exception {
    // when
    byte[] request =
        concat(
            line,
            "\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.UTF_8));
    RawHttp.Answer answer = RawHttp.send(engine.httpPort(), request);
    count(answer);

    // then
    checkAnswer(new String(line, StandardCharsets.ISO_8859_1), "", answer);
  }

  @Provide
  Arbitrary<HostileRequests.Request> requests() {
    return hostile.requests();
  }

  @Provide
  Arbitrary<byte[]> garbage() {
    Arbitrary<byte[]> noise =
        Arbitraries.bytes()
            .filter(b -> b != '\r' && b != '\n')
            .array(byte[].class)
            .ofMinSize(1)
            .ofMaxSize(300);
    Arbitrary<byte[]> almost =
        Arbitraries.of(
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
                "\u0016\u0003\u0001\u0002\u0000\u0001")
            .map(s -> s.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(noise, almost);
  }

  private static void count(RawHttp.Answer answer) {
    requests.incrementAndGet();
    statuses.merge(answer.status(), 1, Integer::sum);
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
    Set<String> fields = new java.util.TreeSet<>();
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

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void deleteRecursively(Path root) {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
