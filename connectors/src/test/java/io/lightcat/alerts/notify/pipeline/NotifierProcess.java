package io.lightcat.alerts.notify.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The notifier in its own OS process, so a test can kill it with SIGKILL — no shutdown hook, no
 * commit — and start it again, the way a crashed pod restarts.
 */
final class NotifierProcess implements AutoCloseable {
  private final Process process;

  private NotifierProcess(Process process) {
    this.process = process;
  }

  /** Starts a notifier with the configuration at {@code config}. */
  static NotifierProcess start(
      String bootstrap, Path config, String alerts, String dlq, String group, Path log)
      throws IOException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(NotifierProcess.class.getName());
    cmd.addAll(List.of(bootstrap, config.toString(), alerts, dlq, group));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new NotifierProcess(p);
  }

  /** SIGKILL: the process gets no chance to commit or clean up. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  /**
   * Entry point of the child: bootstrap, config file, alerts topic, dlq topic, group id; actions
   * and state topics are the alerts topic's name plus {@code .actions} and {@code .state}.
   */
  public static void main(String[] args) throws InterruptedException {
    NotifierConfig config = NotifierConfig.load(Path.of(args[1]));
    // A short session so the restarted process does not wait long for the dead one's partitions.
    Map<String, Object> client = Map.of("bootstrap.servers", args[0], "session.timeout.ms", "6000");
    RunningNotifier running =
        RunningNotifier.start(
            config,
            new RunningNotifier.Settings(
                client, args[2], args[3], args[4], args[2] + ".actions", args[2] + ".state"),
            System::getenv,
            System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
