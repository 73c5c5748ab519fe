package io.lightcat.alerts.app.deploy;

import java.util.List;

/** The fields of {@code kustomization.yaml} we use; read strictly, so others fail the read. */
record Kustomization(
    String apiVersion,
    String kind,
    String namespace,
    List<String> resources,
    List<Image> images,
    List<Generator> configMapGenerator) {

  record Image(String name, String newName, String newTag) {}

  /** {@code files} entries are {@code path} or {@code key=path}. */
  record Generator(String name, List<String> files) {}
}
