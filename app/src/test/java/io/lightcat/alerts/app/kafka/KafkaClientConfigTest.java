package io.lightcat.alerts.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightcat.alerts.app.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientConfigTest {

  @Test
  void extraPropertiesComeFromTheFileAndBootstrapFromTheOption(@TempDir Path dir) throws Exception {
    // given
    Path file = dir.resolve("client.properties");
    Files.writeString(
        file, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nbootstrap.servers=ignored:1\n");

    // when
    KafkaClientConfig config = KafkaClientConfig.load("broker:9092", file);

    // then
    assertThat(config.clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry("bootstrap.servers", "broker:9092");
  }

  @Test
  void aDirectoryIsNotAPropertiesFile(@TempDir Path dir) {
    assertThatThrownBy(() -> KafkaClientConfig.load("broker:9092", dir))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("cannot read --kafka-config " + dir + ": ");
  }
}
