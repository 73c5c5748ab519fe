package io.lightcat.alerts.app.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes as they are to a server on loopback and reads the whole answer: for requests a real
 * HTTP client refuses to send (malformed request lines, bad encodings, oversized headers).
 */
public final class RawHttp {
  private RawHttp() {}

  /**
   * A parsed answer: status, headers (lower-case names), body, and whether the server reset the
   * connection after the head arrived instead of closing it. A server that answers before reading
   * the whole request (a refusal, or a route that ignores a body the client sent without waiting
   * for {@code 100 Continue}) closes with bytes unread, and the kernel turns that close into a
   * reset, which can cut a body that no {@code Content-Length} delimits.
   */
  public record Answer(int status, Map<String, String> headers, String body, boolean reset) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Sends {@code request} on a fresh connection, then reads until the server closes it. */
  public static Answer send(int port, byte[] request) {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        socket.shutdownOutput();
      } catch (IOException e) {
        // the server may answer and close before reading everything (a body over the limit)
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads until the server closes; a reset ends the answer only once its head has arrived. */
  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        raw.write(buffer, 0, n);
      }
    } catch (SocketException reset) {
      if (!hasHead(raw.toByteArray())) {
        throw reset;
      }
      return parse(raw.toByteArray(), true);
    }
    return parse(raw.toByteArray(), false);
  }

  private static boolean hasHead(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    return text.startsWith("HTTP/1.1 ") && text.contains("\r\n\r\n");
  }

  /** {@link #send(int, byte[])} of a request written as ISO-8859-1 text. */
  public static Answer send(int port, String request) {
    return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  static Answer parse(byte[] raw, boolean reset) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.1 ") || end < 0) {
      throw new IllegalStateException("not an HTTP/1.1 answer: " + abbreviate(text));
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    return new Answer(status, headers, text.substring(end + 4), reset);
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
