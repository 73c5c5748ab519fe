package io.lightcat.alerts.app.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures one fault test measured (records, kills, recovery times, bad inputs tried), written
 * to {@code target/reliability/<test>.json} so RELIABILITY.md can quote the latest run.
 */
final class FaultReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String test;
  private final Map<String, Object> figures = new LinkedHashMap<>();

  FaultReport(String test) {
    this.test = test;
  }

  FaultReport put(String name, Object value) {
    figures.put(name, value);
    return this;
  }

  /** Keeps every alert record beside the figures, one JSON object per line, for diagnosis. */
  FaultReport records(java.util.List<com.fasterxml.jackson.databind.JsonNode> alerts) {
    Path dir = Path.of("target", "reliability");
    try {
      Files.createDirectories(dir);
      StringBuilder lines = new StringBuilder();
      for (com.fasterxml.jackson.databind.JsonNode a : alerts) {
        lines.append(a.toString()).append('\n');
      }
      Files.writeString(dir.resolve(test + "-alerts.jsonl"), lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the alerts of " + test, e);
    }
    return this;
  }

  void write() {
    Path dir = Path.of("target", "reliability");
    try {
      Files.createDirectories(dir);
      JSON.writeValue(dir.resolve(test + ".json").toFile(), figures);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the fault report of " + test, e);
    }
  }
}
