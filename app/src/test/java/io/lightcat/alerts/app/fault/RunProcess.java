package io.lightcat.alerts.app.fault;

import io.lightcat.alerts.app.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code alert-engine run} in its own OS process, started the way an operator starts it (the
 * command line, not an API), so a test can SIGKILL it: no shutdown hook, no flush, no commit.
 */
final class RunProcess implements AutoCloseable {
  private final Process process;

  private RunProcess(Process process) {
    this.process = process;
  }

  /** Starts {@code run} with {@code args}, appending its console output to {@code log}. */
  static RunProcess start(Path log, List<String> args) throws IOException {
    return start(log, "run", args);
  }

  /**
   * Starts {@code command} (run, notify, ...) with {@code args}, output appended to {@code log}.
   */
  static RunProcess start(Path log, String command, List<String> args) throws IOException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(Main.class.getName());
    cmd.add(command);
    cmd.addAll(args);
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new RunProcess(p);
  }

  /** SIGKILL, then wait until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
