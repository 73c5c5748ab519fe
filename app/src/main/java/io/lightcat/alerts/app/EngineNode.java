package io.lightcat.alerts.app;

import io.lightcat.alerts.app.engine.AlertEngine;
import io.lightcat.alerts.app.engine.EngineMeters;
import io.lightcat.alerts.app.engine.StreamsSettings;
import io.lightcat.alerts.app.http.AlertFanOut;
import io.lightcat.alerts.app.http.AlertRoutes;
import io.lightcat.alerts.app.http.ApiAccess;
import io.lightcat.alerts.app.http.BearerAuth;
import io.lightcat.alerts.app.http.DashboardRoutes;
import io.lightcat.alerts.app.http.HealthRoutes;
import io.lightcat.alerts.app.http.HttpServer;
import io.lightcat.alerts.app.http.MetricsRoutes;
import io.lightcat.alerts.app.http.OpenApiRoutes;
import io.lightcat.alerts.app.http.RuleRoutes;
import io.lightcat.alerts.app.http.RuleWrites;
import io.lightcat.alerts.app.http.SeriesRoutes;
import io.lightcat.alerts.app.http.SilenceRoutes;
import io.lightcat.alerts.app.http.StatsFanOut;
import io.lightcat.alerts.app.http.StatsRoutes;
import io.lightcat.alerts.app.kafka.KafkaAlertActions;
import io.lightcat.alerts.app.kafka.KafkaRuleFeed;
import io.lightcat.alerts.app.kafka.KafkaRulePublisher;
import io.lightcat.alerts.app.kafka.KafkaRuleWrites;
import io.lightcat.alerts.app.kafka.KafkaSilences;
import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.query.AlertQueries;
import io.lightcat.alerts.query.SeriesQueries;
import io.lightcat.alerts.query.StatsQueries;
import io.lightcat.alerts.rule.LiveRules;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RulePack;
import io.lightcat.alerts.rule.RuleSet;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running engine instance: the Kafka Streams engine, the rule feed that keeps its rules in step
 * with the {@code alert-rules} topic, and its REST server.
 *
 * <p>Closing stops the engine first (so it leaves the group and commits), then the HTTP server,
 * then the rule feed and the other Kafka clients.
 */
public final class EngineNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EngineNode.class);

  private final AlertEngine engine;
  private final HttpServer http;
  private final List<AutoCloseable> clients;
  private final LiveRules rules;
  private final PrometheusMeterRegistry registry;

  private EngineNode(
      AlertEngine engine,
      HttpServer http,
      List<AutoCloseable> clients,
      LiveRules rules,
      PrometheusMeterRegistry registry) {
    this.engine = engine;
    this.http = http;
    this.clients = clients;
    this.rules = rules;
    this.registry = registry;
  }

  /** {@link #start(StreamsSettings, EngineConfig, RulePack, int, ApiAccess)}, open to all. */
  public static EngineNode start(
      StreamsSettings streams, EngineConfig config, RulePack rules, int httpPort) {
    return start(streams, config, rules, httpPort, ApiAccess.open());
  }

  /**
   * Publishes the rules of {@code pack} whose version differs from what the rules topic holds,
   * reads the topic's rules (the source of truth: they include rules added through the API), starts
   * the engine with them and follows the topic from then on, then serves REST on {@code httpPort}.
   * The pack's redaction list is added to the configured one.
   *
   * <p>Any instance answers {@code /api/alerts}, {@code /api/metrics/*} and {@code
   * /api/dashboards/*} for all: other instances are reached at the {@code application.server} they
   * advertise, with {@code access}'s token. Who may call what is {@code access}: the bearer token
   * for writes (and reads, when so configured), the CORS origins.
   *
   * @throws StartupException when the rules topic cannot be read or the port cannot be bound
   *     (whatever was started is stopped again)
   */
  public static EngineNode start(
      StreamsSettings streams, EngineConfig config, RulePack pack, int httpPort, ApiAccess access) {
    PrometheusMeterRegistry registry = EngineMeters.newRegistry();
    EngineMetrics metrics = EngineMeters.engineMetrics(registry);
    Set<String> redacted = new HashSet<>(config.redactedFields());
    redacted.addAll(pack.redact());
    RuleBook ruleBook = new RuleBook(RuleSet.empty());
    LiveRules live = new LiveRules(ruleBook, pack.redact());
    List<AutoCloseable> clients = new ArrayList<>();
    AlertEngine engine = null;
    try {
      KafkaRulePublisher publisher =
          new KafkaRulePublisher(streams.kafka(), config.topics().rules());
      clients.add(publisher);
      KafkaRuleFeed feed =
          KafkaRuleFeed.open(streams.kafka(), config.topics().rules(), live, metrics);
      clients.add(feed);
      feed.catchUp();
      feed.follow();
      KafkaRuleWrites ruleWrites = new KafkaRuleWrites(publisher, feed, live);
      for (RuleWrites.Result r : ruleWrites.apply(pack.definitions())) {
        if (!r.change().equals("unchanged")) {
          log.info(
              "published rule {} from the rule files: {} ({})", r.id(), r.change(), r.version());
        }
      }
      log.info(
          "starting with {} rules from topic {}",
          live.definitions().size(),
          config.topics().rules());
      engine = AlertEngine.start(streams, config.withRedactedFields(redacted), ruleBook, metrics);
      KafkaAlertActions actions = new KafkaAlertActions(streams.kafka(), config.topics().actions());
      clients.add(actions);
      KafkaSilences silences =
          new KafkaSilences(streams.kafka(), config.topics().actions(), Clock.systemUTC());
      clients.add(silences);
      AlertQueries local = new AlertQueries(engine.streams());
      HostInfo self = HostInfo.buildFromEndpoint(streams.applicationServer());
      AlertFanOut cluster = new AlertFanOut(self, local, local::hosts, access);
      BearerAuth auth = access.bearerAuth();
      StatsQueries localStats = new StatsQueries(engine.streams(), self);
      Clock clock = Clock.systemUTC();
      EngineMeters meters = EngineMeters.bind(registry, engine.streams(), localStats, clock);
      clients.add(meters);
      HttpServer http =
          HttpServer.start(
              httpPort,
              access,
              List.of(
                  new DashboardRoutes(),
                  new OpenApiRoutes(),
                  new HealthRoutes(engine::state),
                  new MetricsRoutes(registry),
                  new AlertRoutes(cluster, local, actions, auth, clock),
                  new SilenceRoutes(silences, auth, clock),
                  new RuleRoutes(ruleBook, ruleWrites, auth),
                  new SeriesRoutes(new SeriesQueries(engine.streams()), ruleBook, self, access),
                  new StatsRoutes(
                      new StatsFanOut(self, localStats, localStats::hosts, access),
                      localStats,
                      cluster,
                      clock)));
      return new EngineNode(engine, http, clients, live, registry);
    } catch (RuntimeException e) {
      if (engine != null) {
        engine.close();
      }
      closeAll(clients, e);
      throw e;
    }
  }

  private static void closeAll(List<AutoCloseable> clients, RuntimeException failure) {
    for (AutoCloseable c : clients) {
      try {
        c.close();
      } catch (Exception suppressed) {
        failure.addSuppressed(suppressed);
      }
    }
  }

  /** The rules in force on this instance, as the rules topic defines them. */
  public LiveRules rules() {
    return rules;
  }

  public AlertEngine engine() {
    return engine;
  }

  /** The registry {@code /metrics} serves; the demo's notifier adds its meters here. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Every endpoint the REST server routes, as {@code METHOD path}. */
  public List<String> httpEndpoints() {
    return http.endpoints();
  }

  /** The port the REST server is bound to. */
  public int httpPort() {
    return http.port();
  }

  @Override
  public void close() {
    try {
      log.info("stopping engine");
      engine.close();
      log.info("engine stopped");
    } finally {
      log.info("stopping HTTP server");
      http.close();
      log.info("HTTP server stopped");
      RuntimeException failure = new IllegalStateException("closing Kafka clients failed");
      closeAll(clients, failure);
      if (failure.getSuppressed().length > 0) {
        throw failure;
      }
    }
  }
}
