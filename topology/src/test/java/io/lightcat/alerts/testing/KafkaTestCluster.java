package io.lightcat.alerts.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real in-JVM KRaft Kafka cluster for integration tests (Kafka's own test kit), with the few
 * client helpers every {@code *IT} needs. Close it to stop the brokers and delete their data.
 */
public final class KafkaTestCluster implements AutoCloseable {
  /** The SASL/PLAIN user the test kit makes a super user on a {@link #saslPlain()} cluster. */
  public static final String SASL_USER = "plain-admin";

  /** That user's password, as the test kit configures it. */
  public static final String SASL_PASSWORD = "plain-admin-secret";

  private final KafkaClusterTestKit kit;
  private final Map<String, Object> clientSecurity;

  private KafkaTestCluster(KafkaClusterTestKit kit, Map<String, Object> clientSecurity) {
    this.kit = kit;
    this.clientSecurity = Map.copyOf(clientSecurity);
  }

  /** One combined broker+controller node; ready in about two seconds. */
  public static KafkaTestCluster singleBroker() {
    return start(1, true, Map.of());
  }

  /**
   * {@code brokers} broker nodes beside one controller, so single brokers can be stopped and
   * restarted. Replication settings default to what a 3-node production cluster uses.
   */
  public static KafkaTestCluster brokers(int brokers) {
    return start(brokers, false, Map.of());
  }

  /** A cluster with extra broker properties. */
  public static KafkaTestCluster start(int brokers, boolean combined, Map<String, Object> props) {
    return start(
        new TestKitNodes.Builder()
            .setCombined(combined)
            .setNumBrokerNodes(brokers)
            .setNumControllerNodes(1)
            .build(),
        brokers,
        props,
        Map.of());
  }

  /**
   * One broker whose client listener takes only SASL_PLAINTEXT with the PLAIN mechanism; {@link
   * #SASL_USER} / {@link #SASL_PASSWORD} log in. This cluster's own admin, producer and consumer
   * log in with them.
   */
  public static KafkaTestCluster saslPlain() {
    return start(
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
            .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
            .build(),
        1,
        Map.of(),
        saslClientProperties(SASL_USER, SASL_PASSWORD));
  }

  /** The client settings that log in to a {@link #saslPlain()} cluster as {@code user}. */
  public static Map<String, Object> saslClientProperties(String user, String password) {
    return Map.of(
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        "PLAIN",
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
  }

  private static KafkaTestCluster start(
      TestKitNodes nodes, int brokers, Map<String, Object> props, Map<String, Object> security) {
    try {
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      short rf = (short) Math.min(brokers, 3);
      // Without these a single broker hands groups nothing and exactly-once apps hang.
      builder.setConfigProp("offsets.topic.replication.factor", String.valueOf(rf));
      builder.setConfigProp("transaction.state.log.replication.factor", String.valueOf(rf));
      builder.setConfigProp("transaction.state.log.min.isr", String.valueOf(Math.min(rf, 2)));
      builder.setConfigProp("group.initial.rebalance.delay.ms", "0");
      builder.setConfigProp("num.partitions", "3");
      props.forEach(builder::setConfigProp);
      KafkaClusterTestKit kit = builder.build();
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      return new KafkaTestCluster(kit, security);
    } catch (Exception e) {
      throw new IllegalStateException("could not start the in-JVM Kafka cluster", e);
    }
  }

  public String bootstrapServers() {
    return kit.bootstrapServers();
  }

  /** The underlying test kit, for tests that stop and restart brokers. */
  public KafkaClusterTestKit kit() {
    return kit;
  }

  public Admin admin() {
    Map<String, Object> config = new java.util.HashMap<>(clientSecurity);
    config.put("bootstrap.servers", bootstrapServers());
    return Admin.create(config);
  }

  /** Creates topics with {@code partitions} partitions each (replication = min(brokers, 3)). */
  public void createTopics(int partitions, Collection<String> names) {
    short rf = (short) Math.min(kit.brokers().size(), 3);
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      topics.add(new NewTopic(name, partitions, rf));
    }
    try (Admin admin = admin()) {
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not create topics " + names, e);
    }
  }

  public KafkaProducer<byte[], byte[]> producer() {
    Properties p = new Properties();
    p.putAll(clientSecurity);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    // Idempotent, one request in flight: on a topic just created a first batch refused as
    // NOT_LEADER could otherwise be overtaken by the next and be refused as out of order for good
    // (Kafka 4.4), wedging the test's input (seen once in CrashRecoveryIT).
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(p);
  }

  /** Sends records and waits until every one is acknowledged. */
  public void produce(List<ProducerRecord<byte[], byte[]>> records) {
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      for (ProducerRecord<byte[], byte[]> r : records) {
        acks.add(producer.send(r));
      }
      for (java.util.concurrent.Future<?> ack : acks) {
        ack.get(90, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not produce", e);
    }
  }

  /** A read_committed consumer from the earliest offset, in a fresh group. */
  public KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.putAll(clientSecurity);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return new KafkaConsumer<>(p);
  }

  /**
   * Reads {@code topic} (read_committed) until at least {@code count} records arrived or {@code
   * timeout} passed, and returns what arrived.
   */
  public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count, Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      consumer.subscribe(List.of(topic));
      while (out.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  @Override
  public void close() {
    try {
      kit.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the in-JVM Kafka cluster", e);
    }
  }
}
