package io.lightcat.alerts.notify.http;

import io.lightcat.alerts.notify.DeliveryResult;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.notify.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a JSON body to a receiver's endpoint and classifies the answer like Alertmanager's {@code
 * notify/util.go}: 2xx ok; 5xx, 429, I/O errors and timeouts retryable; any other status permanent.
 *
 * <p>The endpoint URL is a {@link Secret} (incoming-webhook URLs are credentials): logs and reasons
 * show it redacted to {@code scheme://host/...}. Every request carries {@code Idempotency-Key}.
 */
public final class HttpDelivery {
  /** The header carrying {@link Notification#idempotencyKey()}. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private static final Logger log = LoggerFactory.getLogger(HttpDelivery.class);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final Secret url;
  private final Duration timeout;
  private final Secret[] scrubbed;

  /**
   * @param url the endpoint
   * @param timeout the whole request's timeout
   * @param otherSecrets further secrets (keys, tokens) to scrub from any text this class produces
   */
  public HttpDelivery(Secret url, Duration timeout, Secret... otherSecrets) {
    this.url = Objects.requireNonNull(url, "url");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    List<Secret> scrub = new ArrayList<>(List.of(otherSecrets));
    scrub.addAll(urlParts(url));
    this.scrubbed = scrub.toArray(Secret[]::new);
  }

  /**
   * The URL and its credential-bearing parts: an error body echoing only the path or one token
   * segment of it must not leak either. Longest first, so a part never half-masks a longer one.
   */
  private static List<Secret> urlParts(Secret url) {
    List<String> parts = new ArrayList<>();
    parts.add(url.reveal());
    try {
      URI u = URI.create(url.reveal());
      for (String part :
          new String[] {u.getRawPath(), u.getRawQuery(), u.getRawUserInfo(), u.getPath()}) {
        if (part != null && part.length() > 1) {
          parts.add(part);
        }
      }
      if (u.getRawPath() != null) {
        for (String segment : u.getRawPath().split("/")) {
          if (segment.length() >= 6) {
            parts.add(segment);
          }
        }
      }
    } catch (IllegalArgumentException e) {
      // Not a URL: the whole value is all we can scrub.
    }
    parts.sort(Comparator.comparingInt(String::length).reversed());
    return parts.stream().distinct().map(Secret::of).toList();
  }

  /** The endpoint as safe to print. */
  public String redactedUrl() {
    return Secret.redactUrl(url.reveal());
  }

  /** POSTs {@code body} as JSON with {@code headers} plus the idempotency key. */
  public DeliveryResult post(Notification n, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(url.reveal()))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .header(IDEMPOTENCY_HEADER, n.idempotencyKey())
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    } catch (IllegalArgumentException e) {
      return DeliveryResult.permanent("invalid URL " + redactedUrl());
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return classify(response.statusCode(), response.body());
    } catch (HttpTimeoutException e) {
      log.debug("{} {}: timed out after {}", n.receiver(), redactedUrl(), timeout);
      return DeliveryResult.retryable("timeout after " + timeout + " posting to " + redactedUrl());
    } catch (IOException e) {
      // I/O messages may quote the URL; keep only the exception type.
      log.debug("{} {}: {}", n.receiver(), redactedUrl(), e.getClass().getSimpleName());
      return DeliveryResult.retryable(
          e.getClass().getSimpleName() + " posting to " + redactedUrl());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DeliveryResult.retryable("interrupted posting to " + redactedUrl());
    }
  }

  private DeliveryResult classify(int status, String body) {
    if (status >= 200 && status < 300) {
      return DeliveryResult.ok();
    }
    String reason =
        "HTTP " + status + " from " + redactedUrl() + ": " + Secret.scrub(snippet(body), scrubbed);
    if (status == 429 || status >= 500) {
      return DeliveryResult.retryable(reason);
    }
    return DeliveryResult.permanent(reason);
  }

  private static String snippet(String body) {
    String s = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
