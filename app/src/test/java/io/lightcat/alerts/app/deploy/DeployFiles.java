package io.lightcat.alerts.app.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files under {@code deploy/} (the tests run in {@code app/}), read strictly. */
final class DeployFiles {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path DEPLOY = ROOT.resolve("deploy");
  static final Path COMPOSE = DEPLOY.resolve("docker-compose.yml");
  static final Path DOCKERFILE = DEPLOY.resolve("Dockerfile");
  static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
  static final Path DASHBOARDS = DEPLOY.resolve("grafana/dashboards");
  static final Path PROMETHEUS_CONFIG = DEPLOY.resolve("prometheus/prometheus.yml");
  static final Path PROMETHEUS_RULES = DEPLOY.resolve("prometheus/rules");
  static final Path ALERTMANAGER_CONFIG = DEPLOY.resolve("alertmanager/alertmanager.yml");

  static final ObjectMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();
  static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();

  private DeployFiles() {}

  /** Every file under {@code deploy/} whose name ends with one of {@code suffixes}. */
  static List<Path> under(Path dir, String... suffixes) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a (multi-document) YAML file, as trees; fails on a syntax error. */
  static List<JsonNode> yamlDocuments(Path file) {
    try {
      List<JsonNode> docs = new ArrayList<>();
      var parser = new YAMLFactory().createParser(file.toFile());
      try (var values = YAML.readValues(parser, JsonNode.class)) {
        while (values.hasNext()) {
          JsonNode doc = values.next();
          if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
            docs.add(doc);
          }
        }
      }
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** The single YAML document of {@code file}. */
  static JsonNode yaml(Path file) {
    List<JsonNode> docs = yamlDocuments(file);
    if (docs.size() != 1) {
      throw new IllegalStateException(file + ": expected one YAML document, found " + docs.size());
    }
    return docs.get(0);
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
