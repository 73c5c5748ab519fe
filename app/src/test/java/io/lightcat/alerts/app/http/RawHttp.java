package io.lightcat.alerts.app.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
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

  /** A parsed answer: status, headers (lower-case names), body. */
  public record Answer(int status, Map<String, String> headers, String body) {
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
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #send(int, byte[])} of a request written as ISO-8859-1 text. */
  public static Answer send(int port, String request) {
    return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  static Answer parse(byte[] raw) {
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
    return new Answer(status, headers, text.substring(end + 4));
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
