package io.lightcat.alerts.app.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The manifests of {@code deploy/kubernetes}, read into fabric8's typed Kubernetes model with no
 * tolerance for unknown fields: a misspelt or misplaced field fails the read.
 */
final class KubernetesManifests {
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "Namespace", Namespace.class,
          "Secret", Secret.class,
          "ConfigMap", ConfigMap.class,
          "Service", Service.class,
          "StatefulSet", StatefulSet.class,
          "Deployment", Deployment.class,
          "PodDisruptionBudget", PodDisruptionBudget.class);

  /**
   * fabric8's model keeps unknown fields in an "additionalProperties" map (a Jackson any-setter),
   * which would accept anything. Without any-setters, FAIL_ON_UNKNOWN_PROPERTIES applies.
   */
  static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .annotationIntrospector(
              new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                  return Boolean.FALSE;
                }
              })
          .build();

  private KubernetesManifests() {}

  /** Every resource of {@code file}, typed; fails on an unknown kind, apiVersion or field. */
  static List<HasMetadata> read(Path file) {
    List<HasMetadata> out = new ArrayList<>();
    for (JsonNode doc : DeployFiles.yamlDocuments(file)) {
      out.add(typed(file, doc));
    }
    return out;
  }

  static HasMetadata typed(Path file, JsonNode doc) {
    String kind = doc.path("kind").asText();
    Class<? extends HasMetadata> type = KINDS.get(kind);
    if (type == null) {
      throw new IllegalArgumentException(file + ": kind '" + kind + "' is not one we deploy");
    }
    String apiVersion = HasMetadata.getApiVersion(type);
    if (!apiVersion.equals(doc.path("apiVersion").asText())) {
      throw new IllegalArgumentException(
          file
              + ": "
              + kind
              + " needs apiVersion "
              + apiVersion
              + ", not "
              + doc.path("apiVersion"));
    }
    try {
      return STRICT.treeToValue(doc, type);
    } catch (Exception e) {
      throw new IllegalArgumentException(file + ": " + kind + ": " + e.getMessage(), e);
    }
  }
}
