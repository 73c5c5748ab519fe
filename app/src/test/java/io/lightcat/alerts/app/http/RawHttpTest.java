package io.lightcat.alerts.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The raw client against a stand-in server on loopback that resets the connection (a close with
 * {@code SO_LINGER} 0, as the kernel does when a server closes with request bytes unread).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RawHttpTest {
  private static final String REQUEST = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";

  @Test
  void aResetAfterTheHeadEndsTheAnswerAndIsReported() throws Exception {
    // given a server that sends a head and part of a body, then resets
    String partial = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nmetric 1\nmet";

    // when
    RawHttp.Answer answer = againstResettingServer(partial);

    // then
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.reset()).isTrue();
    assertThat(answer.body()).isEqualTo("metric 1\nmet");
  }

  @Test
  void aResetBeforeAnyHeadIsAnError() {
    assertThatThrownBy(() -> againstResettingServer("HTTP/1.1 200 O"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("reset");
  }

  @Test
  void aClosedConnectionIsNoReset() throws Exception {
    // given
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> serving =
          CompletableFuture.runAsync(
              () -> {
                try (Socket s = server.accept()) {
                  s.getInputStream().readNBytes(REQUEST.length());
                  s.getOutputStream()
                      .write(
                          "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}"
                              .getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });

      // when
      RawHttp.Answer answer = RawHttp.send(server.getLocalPort(), REQUEST);

      // then
      serving.get(10, TimeUnit.SECONDS);
      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.reset()).isFalse();
      assertThat(answer.header("content-length")).isEqualTo("2");
      assertThat(answer.body()).isEqualTo("{}");
    }
  }

  /** Sends the request to a server that reads it, writes {@code written} and resets. */
  private static RawHttp.Answer againstResettingServer(String written) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> serving =
          CompletableFuture.runAsync(
              () -> {
                try (Socket s = server.accept()) {
                  s.getInputStream().readNBytes(REQUEST.length());
                  s.getOutputStream().write(written.getBytes(StandardCharsets.ISO_8859_1));
                  s.getOutputStream().flush();
                  s.setSoLinger(true, 0);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      try {
        return RawHttp.send(server.getLocalPort(), REQUEST);
      } finally {
        serving.get(10, TimeUnit.SECONDS);
      }
    }
  }
}
