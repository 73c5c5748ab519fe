package io.lightcat.alerts.app.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightcat.alerts.app.kafka.KafkaClientConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Pre-loads the memory phase's backlog: {@code eventsPerKey} request events for each of {@code
 * keys} distinct client IPs, in rounds — round {@code r} gives every IP one request at {@code START
 * + r × ROUND}, so each IP's requests fall into {@code eventsPerKey} different 10-second buckets of
 * a per-IP rule, all inside one 5-minute window (no group is evicted before it is measured) and in
 * event-time order on every partition (none is late).
 *
 * <p>Records are keyed by client IP, so the IPs spread over all partitions. Statuses are 2xx with
 * about 2% 5xx, latencies log-normal around 100 ms, routes drawn from eight: ordinary API traffic
 * that fires none of {@link MemoryRules}.
 */
final class ClientIpLoader {
  static final Duration ROUND = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ROUTES =
      List.of(
          "/api/tokens",
          "/api/payments/status",
          "/api/invoices",
          "/api/auth/login",
          "/api/user/profile",
          "/api/game/score",
          "/buy",
          "/faq");

  private ClientIpLoader() {}

  /** The {@code i}-th client IP, {@code 10.a.b.c}: a label in the events, never an address used. */
  static String clientIp(int i) {
    return "10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
  }

  /**
   * Sends {@code keys × eventsPerKey} events to {@code topic} and waits until the broker
   * acknowledged all of them.
   *
   * @throws IllegalStateException when a send failed
   */
  static void load(KafkaClientConfig kafka, String topic, int keys, int eventsPerKey, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    AtomicLong failed = new AtomicLong();
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            BacklogLoader.producerProperties(kafka),
            new StringSerializer(),
            new StringSerializer())) {
      producer.partitionsFor(topic);
      for (int round = 0; round < eventsPerKey; round++) {
        Instant at = BacklogLoader.START.plus(ROUND.multipliedBy(round));
        for (int i = 0; i < keys; i++) {
          String ip = clientIp(i);
          producer.send(
              new ProducerRecord<>(
                  topic, null, at.toEpochMilli(), ip, request(at, ip, round, i, random)),
              (metadata, e) -> {
                if (e != null) {
                  failed.incrementAndGet();
                  firstFailure.compareAndSet(null, e);
                }
              });
        }
      }
      producer.flush();
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(
          failed.get() + " memory-phase events could not be sent: " + firstFailure.get(),
          firstFailure.get());
    }
  }

  private static String request(
      Instant at, String ip, int round, int key, SplittableRandom random) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("ts", at.toString());
    f.put("eventId", "mem-" + round + "-" + key);
    f.put("service", "api");
    f.put("method", "GET");
    f.put("route", ROUTES.get(random.nextInt(ROUTES.size())));
    f.put("status", random.nextInt(50) == 0 ? 503 : 200);
    f.put("latencyMs", Math.round(100 * Math.exp(0.4 * gaussian(random)) * 10) / 10.0);
    f.put("clientIp", ip);
    try {
      return JSON.writeValueAsString(f);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a request event", e);
    }
  }

  /** A standard normal draw (Box-Muller), as {@link SplittableRandom} has none in Java 17. */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
