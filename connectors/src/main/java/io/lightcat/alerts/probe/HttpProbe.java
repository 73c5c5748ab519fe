package io.lightcat.alerts.probe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * Probes one URL with a GET: {@code ok} when it answers 2xx or 3xx within the timeout; {@code
 * status} when it answered at all; {@code latencyMs}; for https, {@code tlsExpiryDays} of the
 * server certificate. Never throws for an unreachable target: that is {@code ok=false}.
 */
public final class HttpProbe {
  private final HttpClient client;
  private final Duration timeout;
  private final Clock clock;

  public HttpProbe(Duration timeout, Clock clock) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.timeout = timeout;
    this.clock = clock;
  }

  /** A {@code health_check} event for {@code target} at {@code url}. */
  public ProbeEvent probe(String target, URI url) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("kind", "health_check");
    f.put("ts", Instant.now(clock).toString());
    f.put("target", target);
    f.put("url", url.toString());
    long start = System.nanoTime();
    try {
      HttpResponse<Void> response =
          client.send(
              HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      long latencyMs = (System.nanoTime() - start) / 1_000_000;
      int status = response.statusCode();
      f.put("ok", status >= 200 && status < 400);
      f.put("status", status);
      f.put("latencyMs", latencyMs);
      tlsExpiryDays(response.sslSession()).ifPresent(days -> f.put("tlsExpiryDays", days));
    } catch (IOException e) {
      f.put("ok", false);
      f.put("latencyMs", (System.nanoTime() - start) / 1_000_000);
      f.put("error", e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.put("ok", false);
      f.put("error", "interrupted");
    }
    return new ProbeEvent(target, f);
  }

  private Optional<Long> tlsExpiryDays(Optional<SSLSession> session) {
    if (session.isEmpty()) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.get().getPeerCertificates();
      if (chain.length > 0 && chain[0] instanceof X509Certificate cert) {
        return Optional.of(
            Duration.between(Instant.now(clock), cert.getNotAfter().toInstant()).toDays());
      }
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
