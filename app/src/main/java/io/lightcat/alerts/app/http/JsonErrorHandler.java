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

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, reason));
  }

  private byte[] body(int code, String reason) {
    String error = describe(code, reason);
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
