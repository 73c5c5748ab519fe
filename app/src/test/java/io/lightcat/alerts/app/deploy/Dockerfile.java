package io.lightcat.alerts.app.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A Dockerfile as its instructions (continuations joined, comments dropped), for tests. */
record Dockerfile(List<Instruction> instructions) {
  record Instruction(String keyword, String arguments) {
    /** The exec-form (JSON array) arguments. */
    List<String> execForm() {
      try {
        return DeployFiles.JSON.readValue(arguments, new TypeReference<List<String>>() {});
      } catch (IOException e) {
        throw new UncheckedIOException(keyword + " is not in exec form: " + arguments, e);
      }
    }
  }

  static Dockerfile read(Path file) {
    List<Instruction> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : DeployFiles.text(file).split("\n")) {
      String stripped = line.strip();
      if (current.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
        continue;
      }
      if (stripped.endsWith("\\")) {
        current.append(stripped, 0, stripped.length() - 1).append(' ');
        continue;
      }
      current.append(stripped);
      String text = current.toString().strip();
      int space = text.indexOf(' ');
      out.add(
          new Instruction(
              text.substring(0, space).toUpperCase(Locale.ROOT),
              text.substring(space + 1).strip()));
      current.setLength(0);
    }
    return new Dockerfile(out);
  }

  List<Instruction> all(String keyword) {
    return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  Instruction last(String keyword) {
    List<Instruction> found = all(keyword);
    if (found.isEmpty()) {
      throw new AssertionError("no " + keyword + " in the Dockerfile");
    }
    return found.get(found.size() - 1);
  }

  /** The ENV settings of the final stage ({@code KEY=value} pairs). */
  Map<String, String> runtimeEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    boolean lastStage = false;
    int stages = all("FROM").size();
    int seen = 0;
    for (Instruction i : instructions) {
      if (i.keyword().equals("FROM")) {
        lastStage = ++seen == stages;
      } else if (lastStage && i.keyword().equals("ENV")) {
        for (String pair : i.arguments().split("\\s+")) {
          int eq = pair.indexOf('=');
          env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    return env;
  }
}
