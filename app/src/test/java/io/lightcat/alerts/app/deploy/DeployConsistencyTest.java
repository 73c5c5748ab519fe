package io.lightcat.alerts.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.lightcat.alerts.app.kafka.TopicProvisioner;
import io.lightcat.alerts.config.TopicNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, the compose stack and the Kubernetes manifests agree with the CLI and with each
 * other: every flag and environment variable exists, and image, ports and paths match.
 */
class DeployConsistencyTest {
  private static final String IMAGE = "lightcat/alert-engine";
  private static final Pattern K8S_VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  /** Read by the JVM itself, not by our options. */
  private static final Set<String> JVM_VARS = Set.of("JAVA_TOOL_OPTIONS");

  private final Dockerfile dockerfile = Dockerfile.read(DeployFiles.DOCKERFILE);
  private final JsonNode compose = DeployFiles.yaml(DeployFiles.COMPOSE).path("services");
  private final List<HasMetadata> kubernetes = kubernetesResources();

  private static List<HasMetadata> kubernetesResources() {
    List<HasMetadata> all = new ArrayList<>();
    DeployFilesTest.kubernetesManifests().forEach(f -> all.addAll(KubernetesManifests.read(f)));
    return all;
  }

  // ---- the CLI ----------------------------------------------------------------------------

  @Test
  void theImagesDefaultCommandIsAValidRunCommandLine() {
    List<String> cmd = dockerfile.last("CMD").execForm();
    assertThat(cmd.get(0)).isEqualTo("run");
    assertThatCode(() -> CliSpec.parse(cmd)).doesNotThrowAnyException();
    assertThat(CliSpec.envVars("run")).containsAll(dockerfile.runtimeEnv().keySet());
  }

  @Test
  void everyComposeServiceOfOurImageRunsAValidCommandLineWithKnownEnvironment() {
    Map<String, JsonNode> ours = ourComposeServices();
    assertThat(ours.keySet())
        .containsExactlyInAnyOrder("engine", "notifier", "prober", "simulator");
    ours.forEach(
        (name, service) -> {
          List<String> args = strings(service.path("command"));
          assertThatCode(() -> CliSpec.parse(args)).as(name).doesNotThrowAnyException();
          Set<String> known = new HashSet<>(CliSpec.envVars(args.get(0)));
          known.addAll(configEnvReferences(args, composeMounts(service)));
          assertThat(fieldNames(service.path("environment")))
              .as("environment of compose service " + name)
              .isSubsetOf(known);
        });
  }

  @Test
  void everyKubernetesContainerOfOurImageRunsAValidCommandLineWithKnownEnvironment() {
    List<Container> containers = ourContainers();
    assertThat(containers)
        .extracting(Container::getName)
        .containsExactlyInAnyOrder("engine", "notifier");
    for (Container c : containers) {
      List<String> args = c.getArgs();
      assertThatCode(() -> CliSpec.parse(args)).as(c.getName()).doesNotThrowAnyException();
      Set<String> known = new HashSet<>(CliSpec.envVars(args.get(0)));
      known.addAll(JVM_VARS);
      for (String arg : args) {
        Matcher m = K8S_VAR.matcher(arg);
        while (m.find()) {
          known.add(m.group(1)); // set for $(VAR) expansion in args
        }
      }
      Map<String, Path> mounts = new LinkedHashMap<>();
      for (VolumeMount m : c.getVolumeMounts()) {
        configMapFiles(m).forEach((key, file) -> mounts.put(m.getMountPath() + "/" + key, file));
      }
      known.addAll(configEnvReferences(args, mounts));
      assertThat(c.getEnv()).extracting(EnvVar::getName).as(c.getName()).isSubsetOf(known);
    }
  }

  // ---- image, ports, paths -----------------------------------------------------------------

  @Test
  void oneImageNameAndTagEverywhere() {
    Set<String> images = new TreeSet<>();
    ourComposeServices().values().forEach(s -> images.add(s.path("image").asText()));
    ourContainers().forEach(c -> images.add(c.getImage()));
    assertThat(images).hasSize(1);
    String image = images.iterator().next();
    Kustomization.Image pinned = DeployFilesTest.kustomization().images().get(0);
    assertThat(image).isEqualTo(pinned.name() + ":" + pinned.newTag()).startsWith(IMAGE + ":");
    JsonNode build = compose.path("engine").path("build");
    assertThat(Path.of("deploy").resolve(build.path("context").asText()).normalize().toString())
        .isEmpty();
    assertThat(build.path("dockerfile").asText()).isEqualTo("deploy/Dockerfile");
  }

  @Test
  void theImageIsBuiltWithMavenAndJdk17AndRunsOnAJre17AsANonRootUser() {
    List<Dockerfile.Instruction> from = dockerfile.all("FROM");
    assertThat(from).hasSize(2);
    assertThat(from.get(0).arguments()).startsWith("maven:3.9").contains("17").endsWith("AS build");
    assertThat(from.get(1).arguments()).isEqualTo("eclipse-temurin:17-jre");
    assertThat(dockerfile.all("RUN").get(0).arguments()).contains("mvn -B -DskipTests package");
    String user = dockerfile.last("USER").arguments();
    assertThat(user).doesNotStartWith("0").doesNotStartWith("root");
    List<String> entrypoint = dockerfile.last("ENTRYPOINT").execForm();
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint).anyMatch(a -> a.startsWith("-XX:MaxRAMPercentage="));
    assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size()))
        .containsExactly("-jar", "/app/alert-engine.jar");
    assertThat(dockerfile.all("COPY"))
        .extracting(Dockerfile.Instruction::arguments)
        .contains("--from=build /src/app/target/alert-engine.jar /app/alert-engine.jar");
  }

  @Test
  void theStateDirectoryIsTheVolumeEverywhere() {
    String stateDir = dockerfile.last("VOLUME").execForm().get(0);
    assertThat(CliSpec.value(dockerfile.last("CMD").execForm(), "--state-dir")).isEqualTo(stateDir);
    JsonNode engine = compose.path("engine");
    assertThat(CliSpec.value(strings(engine.path("command")), "--state-dir")).isEqualTo(stateDir);
    assertThat(composeVolumeTargets(engine)).contains(stateDir);
    StatefulSet sts = statefulSet();
    Container c = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(CliSpec.value(c.getArgs(), "--state-dir")).isEqualTo(stateDir);
    String claim = sts.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
    assertThat(c.getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getName()).isEqualTo(claim);
              assertThat(m.getMountPath()).isEqualTo(stateDir);
            });
  }

  @Test
  void theEngineHttpPortAgreesEverywhere() {
    String port = dockerfile.last("EXPOSE").arguments();
    assertThat(dockerfile.runtimeEnv()).containsEntry("ALERT_ENGINE_HTTP_PORT", port);
    assertThat(dockerfile.last("HEALTHCHECK").arguments())
        .contains("http://localhost:${ALERT_ENGINE_HTTP_PORT}/ready");
    JsonNode engine = compose.path("engine");
    assertThat(engine.path("environment").path("ALERT_ENGINE_HTTP_PORT").asText()).isEqualTo(port);
    assertThat(strings(engine.path("ports"))).contains(port + ":" + port);
    assertThat(scrapeTargets("alert-engine")).containsExactly("engine:" + port);

    Container c = statefulSet().getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(env(c)).containsEntry("ALERT_ENGINE_HTTP_PORT", port);
    assertThat(c.getPorts().get(0).getContainerPort()).hasToString(port);
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(statefulSet().getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", port)
        .containsEntry("prometheus.io/path", "/metrics");
    for (Service s : resources(Service.class)) {
      assertThat(s.getSpec().getPorts()).allSatisfy(p -> assertThat(p.getPort()).hasToString(port));
      assertThat(s.getSpec().getSelector())
          .isEqualTo(statefulSet().getSpec().getSelector().getMatchLabels());
    }
  }

  @Test
  void theNotifierMetricsPortAgreesEverywhere() {
    JsonNode notifier = compose.path("notifier");
    String port = CliSpec.value(strings(notifier.path("command")), "--metrics-port");
    assertThat(notifier.path("healthcheck").path("test").toString())
        .contains("http://localhost:" + port + "/health");
    assertThat(scrapeTargets("alert-engine-notifier")).containsExactly("notifier:" + port);
    Deployment d = resources(Deployment.class).get(0);
    Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(CliSpec.value(c.getArgs(), "--metrics-port")).isEqualTo(port);
    assertThat(c.getPorts().get(0).getContainerPort()).hasToString(port);
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/port", port);
  }

  @Test
  void theRuleDirectoryIsTheBundledPackInTheImageAndTheConfigMapInKubernetes() {
    String rules = dockerfile.runtimeEnv().get("ALERT_ENGINE_RULES");
    assertThat(dockerfile.all("COPY"))
        .extracting(Dockerfile.Instruction::arguments)
        .contains("--from=build /src/alert-rules /app/alert-rules");
    assertThat(rules).isEqualTo("/app/alert-rules/lightcat");
    assertThat(compose.path("engine").path("environment").path("ALERT_ENGINE_RULES").asText())
        .isEqualTo(rules);
    PodTemplateSpec pod = statefulSet().getSpec().getTemplate();
    Container c = pod.getSpec().getContainers().get(0);
    String mounted = env(c).get("ALERT_ENGINE_RULES");
    VolumeMount mount =
        c.getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals(mounted))
            .findFirst()
            .orElseThrow(() -> new AssertionError("nothing mounted at " + mounted));
    assertThat(
            pod.getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName()))
                .findFirst()
                .orElseThrow()
                .getConfigMap()
                .getName())
        .isEqualTo("alert-engine-rules");
  }

  @Test
  void eachEngineAdvertisesTheNameItsPeersReachItAt() {
    JsonNode engine = compose.path("engine");
    assertThat(CliSpec.value(strings(engine.path("command")), "--advertised-host"))
        .isEqualTo(engine.path("hostname").asText())
        .isEqualTo("engine");
    StatefulSet sts = statefulSet();
    Container c = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(CliSpec.value(c.getArgs(), "--advertised-host"))
        .isEqualTo(
            "$(POD_NAME)."
                + sts.getSpec().getServiceName()
                + ".$(POD_NAMESPACE).svc.cluster.local");
    Service headless =
        resources(Service.class).stream()
            .filter(s -> s.getMetadata().getName().equals(sts.getSpec().getServiceName()))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no headless service " + sts.getSpec().getServiceName()));
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
    assertThat(env(c)).containsKeys("POD_NAME", "POD_NAMESPACE");
  }

  @Test
  void theComposeInitStepCreatesTheTopicsRunWould() {
    String script = DeployFiles.text(DeployFiles.DEPLOY.resolve("kafka/create-topics.sh"));
    TopicNames topics = TopicNames.defaults();
    assertThat(shellList(script, "TOPICS")).containsExactlyElementsOf(topics.all());
    List<String> compacted =
        topics.all().stream()
            .filter(
                t ->
                    TopicConfig.CLEANUP_POLICY_COMPACT.equals(
                        TopicProvisioner.configFor(t, topics)
                            .get(TopicConfig.CLEANUP_POLICY_CONFIG)))
            .toList();
    assertThat(shellList(script, "COMPACTED")).containsExactlyElementsOf(compacted);
    JsonNode init = compose.path("kafka-init");
    assertThat(strings(init.path("volumes")))
        .contains("./kafka/create-topics.sh:/create-topics.sh:ro");
    for (String service : ourComposeServices().keySet()) {
      assertThat(
              compose.path(service).path("depends_on").has("kafka-init")
                  || compose.path(service).path("depends_on").has("engine"))
          .as(service + " starts after the topics exist")
          .isTrue();
    }
  }

  @Test
  void theBrokerImageIsTheKafkaVersionWeBuildWith() {
    String pom = DeployFiles.text(DeployFiles.ROOT.resolve("pom.xml"));
    Matcher m = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(pom);
    assertThat(m.find()).isTrue();
    assertThat(compose.path("kafka").path("image").asText())
        .isEqualTo("apache/kafka:" + m.group(1));
    assertThat(compose.path("kafka-init").path("image").asText())
        .isEqualTo("apache/kafka:" + m.group(1));
    assertThat(compose.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
        .isEqualTo("broker,controller");
  }

  @Test
  void grafanaLoadsTheDashboardsFromWhereComposeMountsThem() {
    String path =
        DeployFiles.yaml(
                DeployFiles.DEPLOY.resolve("grafana/provisioning/dashboards/dashboards.yml"))
            .path("providers")
            .get(0)
            .path("options")
            .path("path")
            .asText();
    List<String> volumes = strings(compose.path("grafana").path("volumes"));
    assertThat(volumes)
        .contains(
            "./grafana/dashboards:" + path + ":ro",
            "./grafana/provisioning:/etc/grafana/provisioning:ro");
    assertThat(strings(compose.path("prometheus").path("volumes")))
        .contains("./prometheus:/etc/prometheus:ro");
    assertThat(strings(compose.path("alertmanager").path("volumes")))
        .contains("./alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro");
  }

  // ---- helpers -----------------------------------------------------------------------------

  private Map<String, JsonNode> ourComposeServices() {
    Map<String, JsonNode> ours = new LinkedHashMap<>();
    compose
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().path("image").asText().startsWith(IMAGE + ":")) {
                ours.put(e.getKey(), e.getValue());
              }
            });
    return ours;
  }

  private List<Container> ourContainers() {
    List<Container> out = new ArrayList<>();
    for (HasMetadata r : kubernetes) {
      PodTemplateSpec pod =
          r instanceof StatefulSet s
              ? s.getSpec().getTemplate()
              : r instanceof Deployment d ? d.getSpec().getTemplate() : null;
      if (pod != null) {
        pod.getSpec().getContainers().stream()
            .filter(c -> c.getImage().startsWith(IMAGE + ":"))
            .forEach(out::add);
      }
    }
    return out;
  }

  private StatefulSet statefulSet() {
    List<StatefulSet> all = resources(StatefulSet.class);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private <T> List<T> resources(Class<T> type) {
    return kubernetes.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static Map<String, String> env(Container c) {
    Map<String, String> env = new LinkedHashMap<>();
    c.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
    return env;
  }

  /** For a ConfigMap-backed mount: file name in the volume → file in deploy/kubernetes. */
  private Map<String, Path> configMapFiles(VolumeMount mount) {
    Map<String, Path> files = new LinkedHashMap<>();
    for (HasMetadata r : kubernetes) {
      PodTemplateSpec pod =
          r instanceof StatefulSet s
              ? s.getSpec().getTemplate()
              : r instanceof Deployment d ? d.getSpec().getTemplate() : null;
      if (pod == null) {
        continue;
      }
      pod.getSpec().getVolumes().stream()
          .filter(v -> v.getName().equals(mount.getName()) && v.getConfigMap() != null)
          .forEach(
              v ->
                  DeployFilesTest.kustomization().configMapGenerator().stream()
                      .filter(g -> g.name().equals(v.getConfigMap().getName()))
                      .flatMap(g -> g.files().stream())
                      .forEach(
                          entry -> {
                            String[] kv =
                                entry.contains("=")
                                    ? entry.split("=", 2)
                                    : new String[] {Path.of(entry).getFileName().toString(), entry};
                            files.put(kv[0], DeployFiles.KUBERNETES.resolve(kv[1]));
                          }));
    }
    return files;
  }

  /** Env references in the file a {@code --config} option names, found through the mounts. */
  private static Set<String> configEnvReferences(List<String> args, Map<String, ?> mounts) {
    if (!args.contains("--config")) {
      return Set.of();
    }
    String config = CliSpec.value(args, "--config");
    Object file = mounts.get(config);
    assertThat(file).as("--config " + config + " is mounted").isNotNull();
    Path path =
        file instanceof Path p ? p : DeployFiles.DEPLOY.resolve(file.toString()).normalize();
    assertThat(path).isRegularFile();
    return CliSpec.envReferences(DeployFiles.text(path));
  }

  /** Compose bind mounts: container path → host path (relative to deploy/). */
  private static Map<String, String> composeMounts(JsonNode service) {
    Map<String, String> mounts = new LinkedHashMap<>();
    for (String v : strings(service.path("volumes"))) {
      String[] parts = v.split(":");
      mounts.put(parts[1], parts[0]);
    }
    return mounts;
  }

  private static Set<String> composeVolumeTargets(JsonNode service) {
    return composeMounts(service).keySet();
  }

  private static List<String> scrapeTargets(String job) {
    List<String> targets = new ArrayList<>();
    for (JsonNode config : DeployFiles.yaml(DeployFiles.PROMETHEUS_CONFIG).path("scrape_configs")) {
      if (config.path("job_name").asText().equals(job)) {
        config.path("static_configs").forEach(s -> targets.addAll(strings(s.path("targets"))));
      }
    }
    return targets;
  }

  private static List<String> shellList(String script, String variable) {
    Matcher m = Pattern.compile("(?m)^" + variable + "=\"([^\"]*)\"").matcher(script);
    assertThat(m.find()).as(variable + " in create-topics.sh").isTrue();
    return List.of(m.group(1).strip().split("\\s+"));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Set<String> fieldNames(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
