package io.lightcat.alerts.app.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may call the REST API: the bearer token (when one is configured), whether reads need it too,
 * and the browser origins allowed to call it cross-origin (none by default: no {@code
 * Access-Control-*} header is ever sent).
 *
 * <p>Every instance of one engine shares the token, and sends it when it asks another instance for
 * its part of a query ({@link #authorize}).
 *
 * @param token the bearer token; empty or blank: the API is open
 * @param readsNeedToken {@code GET}s need the token too, except {@link AccessGuard#OPEN_PATHS}
 * @param corsOrigins origins such as {@code https://ops.example.com} allowed to call from a browser
 */
public record ApiAccess(Optional<String> token, boolean readsNeedToken, List<String> corsOrigins) {

  /**
   * @throws IllegalArgumentException when reads need a token but none is set, or an origin is not
   *     {@code http(s)://host[:port]}
   */
  public ApiAccess {
    token = Objects.requireNonNull(token, "token").filter(t -> !t.isBlank());
    corsOrigins = List.copyOf(corsOrigins);
    if (readsNeedToken && token.isEmpty()) {
      throw new IllegalArgumentException("reads can only require a token when a token is set");
    }
    corsOrigins.forEach(ApiAccess::checkOrigin);
  }

  /** No token, no cross-origin calls: the demo, tests, a trusted network. */
  public static ApiAccess open() {
    return new ApiAccess(Optional.empty(), false, List.of());
  }

  /** Writes need {@code token} when it is present; reads are open; no cross-origin calls. */
  public static ApiAccess writesNeed(Optional<String> token) {
    return new ApiAccess(token, false, List.of());
  }

  /** The check for write endpoints. */
  public BearerAuth bearerAuth() {
    return BearerAuth.of(token);
  }

  /** Adds the token to a request for another instance, when there is one. */
  public HttpRequest.Builder authorize(HttpRequest.Builder request) {
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return request;
  }

  private static void checkOrigin(String origin) {
    URI uri;
    try {
      uri = new URI(origin);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + origin, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean bare =
        (uri.getPath() == null || uri.getPath().isEmpty())
            && uri.getQuery() == null
            && uri.getFragment() == null
            && uri.getUserInfo() == null;
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
      throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + origin);
    }
  }

  @Override
  public String toString() {
    // never the token
    return "ApiAccess[token="
        + (token.isPresent() ? "set" : "none")
        + ", readsNeedToken="
        + readsNeedToken
        + ", corsOrigins="
        + corsOrigins
        + "]";
  }
}
