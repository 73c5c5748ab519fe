package io.lightcat.alerts.app.cli;

import io.lightcat.alerts.app.http.ApiAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Who may call the REST API: {@code --api-token}, {@code --require-auth-for-reads} and {@code
 * --cors-origin}, each with an environment variable. A picocli mixin: {@code @Mixin
 * ApiAccessOptions access}.
 */
public final class ApiAccessOptions {
  @Option(
      names = "--api-token",
      paramLabel = "TOKEN",
      defaultValue = "${env:ALERT_ENGINE_API_TOKEN}",
      description = "Bearer token for write endpoints (prefer env ALERT_ENGINE_API_TOKEN).")
  String apiToken;

  @Option(
      names = "--require-auth-for-reads",
      defaultValue = "${env:ALERT_ENGINE_REQUIRE_AUTH_FOR_READS:-false}",
      description =
          "Reads (GET /api/...) need the bearer token too; /health, /ready and /metrics stay"
              + " open. Needs --api-token (env ALERT_ENGINE_REQUIRE_AUTH_FOR_READS=true).")
  boolean requireAuthForReads;

  @Option(
      names = "--cors-origin",
      paramLabel = "ORIGIN",
      split = ",",
      defaultValue = "${env:ALERT_ENGINE_CORS_ORIGINS}",
      description =
          "Browser origin (scheme://host[:port]) allowed to call the API cross-origin; repeat or"
              + " separate with commas (env ALERT_ENGINE_CORS_ORIGINS). Default: none, no CORS"
              + " headers are sent.")
  List<String> corsOrigins;

  /**
   * The access these options describe.
   *
   * @throws ParameterException when reads need a token but none is set, or an origin is invalid
   */
  ApiAccess toAccess(CommandSpec spec) {
    Optional<String> token = Optional.ofNullable(apiToken);
    List<String> origins = new ArrayList<>();
    if (corsOrigins != null) {
      corsOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).forEach(origins::add);
    }
    boolean hasToken = token.filter(t -> !t.isBlank()).isPresent();
    if (requireAuthForReads && !hasToken) {
      throw new ParameterException(
          spec.commandLine(),
          "--require-auth-for-reads needs a token: --api-token or ALERT_ENGINE_API_TOKEN");
    }
    try {
      return new ApiAccess(token, requireAuthForReads, origins);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "invalid value for --cors-origin: " + e.getMessage());
    }
  }
}
