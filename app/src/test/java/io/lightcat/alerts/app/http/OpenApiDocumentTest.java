package io.lightcat.alerts.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.query.QueryResult;
import io.lightcat.alerts.query.SeriesQueries;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RuleSet;
import io.lightcat.alerts.stream.EngineTopology;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.json} is a valid OpenAPI 3 document that describes exactly the endpoints the
 * server registers: every route group an engine serves, introspected from Javalin's router.
 * (DashboardIT checks the same against a running engine's own wiring.)
 */
class OpenApiDocumentTest {
  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private KafkaStreams unstarted;
  private HttpServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    // SeriesRoutes needs a KafkaStreams to exist, not to run: routes are only registered here.
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "openapi-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 0); // no thread, no clients connecting
    RuleBook rules = new RuleBook(RuleSet.empty());
    unstarted =
        new KafkaStreams(
            EngineTopology.build(EngineConfig.defaults(), rules, EngineMetrics.inMemory()), props);
    Clock clock = Clock.systemUTC();
    HostInfo self = new HostInfo("localhost", 8080);
    server =
        HttpServer.start(
            0,
            List.of(
                new DashboardRoutes(),
                new OpenApiRoutes(),
                new HealthRoutes(() -> KafkaStreams.State.RUNNING),
                new MetricsRoutes(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
                new AlertRoutes(
                    f -> QueryResult.ready(List.of()),
                    f -> QueryResult.ready(List.of()),
                    action -> {},
                    BearerAuth.open(),
                    clock),
                new SilenceRoutes(new NoSilences(), BearerAuth.open(), clock),
                new RuleRoutes(rules, new NoRuleWrites(), BearerAuth.open()),
                new SeriesRoutes(new SeriesQueries(unstarted), rules, self),
                new StatsRoutes(
                    w -> QueryResult.notReady("test"),
                    w -> QueryResult.notReady("test"),
                    f -> QueryResult.ready(List.of()),
                    clock)));
    api = new ApiClient(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
    unstarted.close();
  }

  @Test
  void theDocumentIsValidOpenApi3() throws Exception {
    // when
    HttpResponse<String> response = api.get("/openapi.json");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(response.body(), null, null);
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI()).isNotNull();
    assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.");
    assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
  }

  @Test
  void everyRegisteredEndpointIsDocumentedAndNothingElse() throws Exception {
    // given
    JsonNode document = ApiClient.body(api.get("/openapi.json"));

    // when
    Set<String> documented = operations(document);
    Set<String> registered = new TreeSet<>(server.endpoints());

    // then
    assertThat(registered)
        .contains("GET /", "GET /openapi.json", "POST /api/alerts/{fingerprint}/ack");
    assertThat(documented).isEqualTo(registered);
  }

  @Test
  void everyOperationDocumentsItsAnswersAndWritesDocumentTheirToken() throws Exception {
    // given
    JsonNode paths = ApiClient.body(api.get("/openapi.json")).path("paths");

    // then
    List<String> problems = new ArrayList<>();
    paths
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                          if (!op.getValue().path("responses").fieldNames().hasNext()) {
                            problems.add(name + " documents no response");
                          }
                          boolean write = !op.getKey().equals("get");
                          if (write && !op.getValue().has("security")) {
                            problems.add(name + " is a write without security");
                          }
                        }));
    assertThat(problems).isEmpty();
  }

  /** {@code METHOD path} of every operation in the document. */
  static Set<String> operations(JsonNode document) {
    Set<String> found = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fieldNames()
          .forEachRemaining(
              method -> {
                if (HTTP_METHODS.contains(method)) {
                  found.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
              });
    }
    return found;
  }

  private static final class NoSilences implements AlertSilences {
    @Override
    public void publish(io.lightcat.alerts.notify.silence.Silence silence) {}

    @Override
    public List<io.lightcat.alerts.notify.silence.Silence> all() {
      return List.of();
    }
  }

  private static final class NoRuleWrites implements RuleWrites {
    @Override
    public List<Result> apply(List<io.lightcat.alerts.rule.RuleDefinition> definitions) {
      return List.of();
    }

    @Override
    public Optional<Result> delete(String id) {
      return Optional.empty();
    }
  }
}
