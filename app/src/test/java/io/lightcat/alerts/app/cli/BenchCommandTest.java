package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightcat.alerts.app.bench.Benchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The {@code bench} options as settings: what runs, without running it. */
class BenchCommandTest {
  private static final String RULES = Path.of("..", "alert-rules", "lightcat").toString();

  static Stream<Arguments> memoryKeys() {
    return Stream.of(
        Arguments.of(List.of(), List.of(1_000, 10_000, 100_000)),
        Arguments.of(List.of("--quick"), List.of(100, 1_000)),
        Arguments.of(List.of("--memory-keys", "10,20"), List.of(10, 20)),
        Arguments.of(List.of("--quick", "--memory-keys", "50"), List.of(50)),
        Arguments.of(List.of("--skip-memory"), List.of()),
        Arguments.of(List.of("--quick", "--skip-memory"), List.of()));
  }

  @ParameterizedTest
  @MethodSource("memoryKeys")
  void memoryPhaseKeys(List<String> args, List<Integer> expected) {
    // when
    Benchmark.Settings settings = settings(args);

    // then
    assertThat(settings.memoryKeys()).isEqualTo(expected);
    assertThat(settings.memoryEventsPerKey()).isEqualTo(5);
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of(List.of("--memory-keys", "0"), "--memory-keys"),
        Arguments.of(List.of("--memory-keys", "100,-1"), "--memory-keys"),
        Arguments.of(List.of("--memory-events-per-key", "0"), "--memory-events-per-key: 0"),
        Arguments.of(List.of("--memory-events-per-key", "31"), "--memory-events-per-key: 31"));
  }

  @ParameterizedTest
  @MethodSource("badOptions")
  void badMemoryOptionsAreRejected(List<String> args, String message) {
    assertThatThrownBy(() -> settings(args))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining(message);
  }

  private static Benchmark.Settings settings(List<String> args) {
    CommandLine cmd = AlertEngineCommand.commandLine();
    String[] all =
        Stream.concat(Stream.of("bench", "--rules", RULES), args.stream()).toArray(String[]::new);
    CommandLine.ParseResult parsed = cmd.parseArgs(all);
    BenchCommand bench = (BenchCommand) parsed.subcommand().commandSpec().userObject();
    return bench.settings();
  }
}
