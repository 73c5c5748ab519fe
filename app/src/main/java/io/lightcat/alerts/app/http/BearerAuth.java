package io.lightcat.alerts.app.http;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Guards write endpoints with {@code Authorization: Bearer <token>} when a token is configured;
 * without one, writes are open (the demo, a trusted network).
 *
 * <p>Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, which takes the
 * same time wherever the first difference is, and hashing first hides the token's length too.
 */
public final class BearerAuth {
  private static final String PREFIX = "Bearer ";
  private final Optional<byte[]> expected;

  private BearerAuth(Optional<byte[]> expected) {
    this.expected = expected;
  }

  /** Requires {@code token} when it is present and not blank; open otherwise. */
  public static BearerAuth of(Optional<String> token) {
    return new BearerAuth(token.filter(t -> !t.isBlank()).map(BearerAuth::digest));
  }

  public static BearerAuth open() {
    return new BearerAuth(Optional.empty());
  }

  /**
   * Returns when the request may write.
   *
   * @throws UnauthorizedResponse without a matching bearer token (the mapper answers 401 JSON)
   */
  public void require(Context ctx) {
    if (expected.isEmpty()) {
      return;
    }
    String header = ctx.header("Authorization");
    boolean ok =
        header != null
            && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
            && MessageDigest.isEqual(
                expected.get(), digest(header.substring(PREFIX.length()).strip()));
    if (!ok) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new UnauthorizedResponse("a valid Authorization: Bearer token is required");
    }
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
