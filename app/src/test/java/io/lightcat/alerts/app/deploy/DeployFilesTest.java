package io.lightcat.alerts.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file under {@code deploy/} parses, and the Kubernetes ones fit the typed model. */
class DeployFilesTest {
  static Stream<Path> yamlFiles() {
    return DeployFiles.under(DeployFiles.DEPLOY, ".yml", ".yaml").stream();
  }

  static Stream<Path> jsonFiles() {
    return DeployFiles.under(DeployFiles.DEPLOY, ".json").stream();
  }

  static Stream<Path> kubernetesManifests() {
    return kustomization().resources().stream().map(DeployFiles.KUBERNETES::resolve);
  }

  static Kustomization kustomization() {
    try {
      return DeployFiles.YAML
          .copy()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .treeToValue(
              DeployFiles.yaml(DeployFiles.KUBERNETES.resolve("kustomization.yaml")),
              Kustomization.class);
    } catch (IOException e) {
      throw new AssertionError("kustomization.yaml: " + e.getMessage(), e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("yamlFiles")
  void everyYamlFileParses(Path file) {
    assertThat(DeployFiles.yamlDocuments(file)).as(file.toString()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonFiles")
  void everyJsonFileParses(Path file) {
    assertThat(DeployFiles.json(file).isObject()).as(file.toString()).isTrue();
  }

  @Test
  void theFilesTheStackNeedsAreThere() {
    assertThat(yamlFiles()).isNotEmpty();
    assertThat(jsonFiles()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(DeployFiles.DOCKERFILE).isRegularFile();
    assertThat(DeployFiles.ROOT.resolve(".dockerignore")).isRegularFile();
    assertThat(DeployFiles.DEPLOY.resolve("README.md")).isRegularFile();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubernetesManifests")
  void everyKubernetesManifestFitsTheTypedModel(Path file) {
    List<HasMetadata> resources = KubernetesManifests.read(file);
    assertThat(resources).isNotEmpty();
    assertThat(resources).allSatisfy(r -> assertThat(r.getMetadata().getName()).isNotBlank());
  }

  @Test
  void theStrictReadRejectsAnUnknownOrMisplacedField() {
    // given: "replica" for "replicas", and a container field one level too high
    JsonNode typo =
        DeployFiles.YAML.valueToTree(
            java.util.Map.of(
                "apiVersion",
                "apps/v1",
                "kind",
                "StatefulSet",
                "metadata",
                java.util.Map.of("name", "x"),
                "spec",
                java.util.Map.of("replica", 2)));
    // then
    assertThatThrownBy(() -> KubernetesManifests.typed(Path.of("typo.yaml"), typo))
        .hasMessageContaining("replica");
  }

  @Test
  void kustomizationListsEveryManifestAndEveryFileItNamesExists() throws IOException {
    Kustomization k = kustomization();
    assertThat(k.apiVersion()).isEqualTo("kustomize.config.k8s.io/v1beta1");
    assertThat(k.kind()).isEqualTo("Kustomization");
    for (String resource : k.resources()) {
      assertThat(DeployFiles.KUBERNETES.resolve(resource)).as(resource).isRegularFile();
    }
    for (Kustomization.Generator g : k.configMapGenerator()) {
      for (String entry : g.files()) {
        String path = entry.contains("=") ? entry.substring(entry.indexOf('=') + 1) : entry;
        assertThat(DeployFiles.KUBERNETES.resolve(path))
            .as(g.name() + ": " + entry)
            .isRegularFile();
      }
    }
    // every top-level manifest is applied: none is forgotten
    Set<String> manifests = new TreeSet<>();
    try (Stream<Path> files = Files.list(DeployFiles.KUBERNETES)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
          .forEach(manifests::add);
    }
    assertThat(new TreeSet<>(k.resources())).isEqualTo(manifests);
  }

  @Test
  void everyConfigMapAndSecretTheWorkloadsUseIsDeployed() {
    Kustomization k = kustomization();
    Set<String> configMaps = new HashSet<>();
    k.configMapGenerator().forEach(g -> configMaps.add(g.name()));
    Set<String> secrets = new HashSet<>();
    List<io.fabric8.kubernetes.api.model.PodSpec> pods = new ArrayList<>();
    kubernetesManifests()
        .flatMap(f -> KubernetesManifests.read(f).stream())
        .forEach(
            r -> {
              if (r instanceof io.fabric8.kubernetes.api.model.Secret s) {
                secrets.add(s.getMetadata().getName());
              } else if (r instanceof StatefulSet s) {
                pods.add(s.getSpec().getTemplate().getSpec());
              } else if (r instanceof io.fabric8.kubernetes.api.model.apps.Deployment d) {
                pods.add(d.getSpec().getTemplate().getSpec());
              }
            });
    assertThat(pods).isNotEmpty();
    for (var pod : pods) {
      pod.getVolumes().stream()
          .filter(v -> v.getConfigMap() != null)
          .forEach(v -> assertThat(configMaps).contains(v.getConfigMap().getName()));
      pod.getContainers().stream()
          .flatMap(c -> c.getEnv().stream())
          .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
          .forEach(e -> assertThat(secrets).contains(e.getValueFrom().getSecretKeyRef().getName()));
    }
  }

  @Test
  void theRulePackConfigMapIsTheBundledPack() throws IOException {
    // given
    Path pack = DeployFiles.ROOT.resolve("alert-rules/lightcat");
    Set<String> bundled = new TreeSet<>();
    try (Stream<Path> files = Files.list(pack)) {
      files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
          .forEach(bundled::add);
    }
    Kustomization.Generator rules =
        kustomization().configMapGenerator().stream()
            .filter(g -> g.name().equals("alert-engine-rules"))
            .findFirst()
            .orElseThrow();
    // then: the same files, byte for byte (refresh with cp alert-rules/lightcat/*.yaml
    // deploy/kubernetes/rules/ and list new files in kustomization.yaml)
    assertThat(rules.files())
        .containsExactlyInAnyOrderElementsOf(bundled.stream().map(n -> "rules/" + n).toList());
    for (String name : bundled) {
      assertThat(DeployFiles.KUBERNETES.resolve("rules").resolve(name))
          .as("deploy/kubernetes/rules/" + name + " is a copy of alert-rules/lightcat/" + name)
          .hasSameBinaryContentAs(pack.resolve(name));
    }
  }

  @Test
  void grafanaDashboardsHaveUniqueUidsAndUseTheProvisionedDatasource() {
    Set<String> datasourceUids = new HashSet<>();
    DeployFiles.yaml(DeployFiles.DEPLOY.resolve("grafana/provisioning/datasources/datasources.yml"))
        .path("datasources")
        .forEach(d -> datasourceUids.add(d.path("uid").asText()));
    Set<String> uids = new HashSet<>();
    for (Path file : DeployFiles.under(DeployFiles.DASHBOARDS, ".json")) {
      JsonNode dashboard = DeployFiles.json(file);
      assertThat(uids.add(dashboard.path("uid").asText())).as(file + " uid unique").isTrue();
      assertThat(dashboard.path("title").asText()).as(file + " title").isNotBlank();
      assertThat(dashboard.path("panels")).as(file + " panels").isNotEmpty();
      for (JsonNode panel : dashboard.path("panels")) {
        if (panel.path("type").asText().equals("text")) {
          continue;
        }
        assertThat(datasourceUids)
            .as(file + " panel " + panel.path("title"))
            .contains(panel.path("datasource").path("uid").asText());
        assertThat(panel.path("targets")).as(file + " panel " + panel.path("title")).isNotEmpty();
        panel
            .path("targets")
            .forEach(
                t ->
                    assertThat(t.path("expr").asText())
                        .as(panel.path("title").asText())
                        .isNotBlank());
      }
    }
    assertThat(uids)
        .containsExactlyInAnyOrder(
            "lightcat-operations", "lightcat-payments", "lightcat-game", "alert-engine-health");
  }
}
