package io.lightcat.alerts.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ConsoleLoggingTest {
  private final PrintStream originalOut = System.out;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  @AfterEach
  void restore() {
    System.setOut(originalOut);
    ConsoleLogging.use(LogFormat.TEXT);
  }

  private List<String> logOneLine(LogFormat format) {
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    ConsoleLogging.use(format);
    LoggerFactory.getLogger("io.lightcat.test").info("engine {} started", "A");
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void jsonFormatWritesOneJsonObjectPerLine() throws Exception {
    // when
    List<String> lines = logOneLine(LogFormat.JSON);

    // then
    assertThat(lines).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(lines.get(0));
    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("loggerName").asText()).isEqualTo("io.lightcat.test");
    assertThat(line.path("formattedMessage").asText()).isEqualTo("engine A started");
  }

  @Test
  void textFormatWritesPlainLines() {
    // when
    List<String> lines = logOneLine(LogFormat.TEXT);

    // then
    assertThat(lines)
        .singleElement()
        .asString()
        .endsWith(" - engine A started")
        .doesNotStartWith("{");
  }
}
