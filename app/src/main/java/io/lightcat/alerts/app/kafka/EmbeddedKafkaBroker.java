package io.lightcat.alerts.app.kafka;

import io.lightcat.alerts.app.StartupException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) running in this JVM: the real
 * Kafka server, for the {@code demo} command.
 *
 * <p>The log directory is formatted on first start; a later start on the same directory reuses its
 * cluster id, so topics and records survive restarts. The client listener is {@code
 * localhost:<port>}; the controller listener takes a free ephemeral port on each start.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Formats {@code logDir} if it is new and starts the broker on {@code localhost:port}.
   *
   * @throws StartupException when the directory is unusable or the broker cannot start
   */
  public static EmbeddedKafkaBroker start(Path logDir, int port) {
    try {
      Files.createDirectories(logDir);
      int controllerPort = freePort();
      Map<String, Object> props = brokerProperties(logDir, port, controllerPort);
      KafkaConfig config = new KafkaConfig(props);
      String clusterId = format(logDir);
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      try {
        server.startup();
      } catch (RuntimeException e) {
        server.shutdown();
        server.awaitShutdown();
        throw e;
      }
      String bootstrap = "localhost:" + port;
      log.info("Kafka broker up on {} (cluster {}, data in {})", bootstrap, clusterId, logDir);
      return new EmbeddedKafkaBroker(server, bootstrap);
    } catch (IOException e) {
      throw new StartupException("cannot use Kafka data directory " + logDir + ": " + e, e);
    } catch (RuntimeException e) {
      if (e instanceof StartupException) {
        throw e;
      }
      throw new StartupException(
          "cannot start the Kafka broker on port " + port + ": " + rootCause(e), e);
    }
  }

  /** The innermost cause's message: "Address already in use" says more than its wrappers. */
  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops the broker and waits until it has shut down; the data stays on disk. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  private static Map<String, Object> brokerProperties(Path logDir, int port, int controllerPort) {
    Map<String, Object> props = new HashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put(
        "listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir.toAbsolutePath().toString());
    props.put("num.partitions", "3");
    // One node: internal topics cannot have more replicas, and without a zero rebalance delay
    // groups wait for members that never come and exactly-once apps hang in REBALANCING.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    return props;
  }

  /** Formats the directory unless it already is; returns the (possibly existing) cluster id. */
  private static String format(Path logDir) throws IOException {
    String clusterId = existingClusterId(logDir).orElseGet(() -> Uuid.randomUuid().toString());
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(out)
          .setNodeId(NODE_ID)
          .setClusterId(clusterId)
          .setDirectories(List.of(logDir.toAbsolutePath().toString()))
          .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setIgnoreFormatted(true)
          .run();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new StartupException("cannot format Kafka data directory " + logDir + ": " + e, e);
    }
    log.debug("storage format: {}", output.toString(StandardCharsets.UTF_8).trim());
    return clusterId;
  }

  private static Optional<String> existingClusterId(Path logDir) throws IOException {
    Path meta = logDir.resolve("meta.properties");
    if (!Files.exists(meta)) {
      return Optional.empty();
    }
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(meta)) {
      props.load(in);
    }
    return Optional.ofNullable(props.getProperty("cluster.id"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
