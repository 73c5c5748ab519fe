package io.lightcat.alerts.app.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers — requests refused before they reach a route: a malformed request line,
 * an ambiguous or too long URI, headers over the limit — as {@code {"error": ..., "status": N}}
 * JSON like every other error, never Jetty's HTML page, a stack trace or an exception name.
 */
final class JsonErrorHandler extends ErrorHandler {
  /**
   * Jetty's reasons are short phrases such as "Ambiguous URI path segment"; anything else is not
   * shown.
   */
  private static final Pattern PLAIN_REASON = Pattern.compile("[A-Za-z0-9 ,.:;=/'()_-]{1,120}");

  private final String limitsNote;

  /**
   * @param limitsNote how big a request may be, added to 413, 414 and 431 answers
   */
  JsonErrorHandler(String limitsNote) {
    this.limitsNote = limitsNote;
  }

  /** Every method gets the JSON body, not just GET, POST and HEAD as in Jetty. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    int status = clientStatus(code);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(status, describe(code, message))), callback);
  }

  /**
   * A request in an HTTP version other than 1.0 or 1.1 (or none: HTTP/0.9) is the client's error:
   * 400, not Jetty's 505, so no client can make the server answer 5xx.
   */
  private static int clientStatus(int code) {
    return code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ? HttpStatus.BAD_REQUEST_400 : code;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, describe(status, reason)));
  }

  private static byte[] body(int code, String error) {
    String json = "{\"error\":\"" + escape(error) + "\",\"status\":" + code + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private String describe(int code, String reason) {
    String phrase = HttpStatus.getMessage(code);
    String base = phrase == null ? "error" : phrase.toLowerCase(Locale.ROOT);
    if (code == HttpStatus.PAYLOAD_TOO_LARGE_413
        || code == HttpStatus.URI_TOO_LONG_414
        || code == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431) {
      return base + " (" + limitsNote + ")";
    }
    boolean plain =
        reason != null
            && PLAIN_REASON.matcher(reason).matches()
            && !reason.contains("Exception")
            && !reason.equalsIgnoreCase(phrase);
    return plain ? base + ": " + reason : base;
  }

  private static String escape(String s) {
    // only the characters describe() lets through; quotes and backslashes never do
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
