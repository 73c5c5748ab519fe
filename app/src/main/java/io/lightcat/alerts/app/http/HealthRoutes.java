package io.lightcat.alerts.app.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code GET /health} (liveness: the process answers) and {@code GET /ready} (readiness: Kafka
 * Streams is RUNNING, so state is queryable and events are processed).
 */
public final class HealthRoutes implements Routes {
  private final Supplier<KafkaStreams.State> streamsState;

  /** {@code streamsState} is asked on every {@code /ready} request. */
  public HealthRoutes(Supplier<KafkaStreams.State> streamsState) {
    this.streamsState = Objects.requireNonNull(streamsState, "streamsState");
  }

  /** {@code /health} answer. */
  public record Health(String status) {}

  /** {@code /ready} answer when ready. */
  public record Readiness(String status, String streams) {}

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/health", ctx -> ctx.json(new Health("UP")));
    routes.get("/ready", this::ready);
  }

  private void ready(Context ctx) {
    KafkaStreams.State state = streamsState.get();
    if (state == KafkaStreams.State.RUNNING) {
      ctx.json(new Readiness("READY", state.name()));
    } else {
      int status = HttpStatus.SERVICE_UNAVAILABLE.getCode();
      ctx.status(status).json(new ErrorBody("streams not running: " + state, status));
    }
  }
}
