package io.lightcat.alerts.testing;

import io.lightcat.alerts.config.EngineConfig;
import io.lightcat.alerts.metrics.EngineMetrics;
import io.lightcat.alerts.rule.RuleBook;
import io.lightcat.alerts.rule.RuleLoader;
import io.lightcat.alerts.stream.EngineTopology;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The engine in its own OS process, so a test can kill it with SIGKILL — no shutdown hook, no
 * flush, no transaction commit — and start it again, the way a crashed pod restarts.
 */
public final class EngineProcess implements AutoCloseable {
  private final Process process;

  private EngineProcess(Process process) {
    this.process = process;
  }

  /** Starts the engine against {@code bootstrap} with the rules at {@code rules}. */
  public static EngineProcess start(
      String bootstrap, String applicationId, Path stateDir, Path rules, Path log)
      throws IOException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(EngineProcess.class.getName());
    cmd.add(bootstrap);
    cmd.add(applicationId);
    cmd.add(stateDir.toString());
    cmd.add(rules.toString());
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new EngineProcess(p);
  }

  /** SIGKILL: the process gets no chance to clean up. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  /** Entry point of the child process: bootstrap, application id, state dir, rules path. */
  public static void main(String[] args) throws InterruptedException {
    RuleBook rules = new RuleBook(new RuleLoader().load(Path.of(args[3])));
    Properties props = new Properties();
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
    props.put(StreamsConfig.STATE_DIR_CONFIG, new File(args[2]).getAbsolutePath());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
    KafkaStreams streams =
        new KafkaStreams(
            EngineTopology.build(EngineConfig.defaults(), rules, EngineMetrics.inMemory()), props);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  streams.close();
                  stopped.countDown();
                }));
    streams.start();
    stopped.await();
  }
}
