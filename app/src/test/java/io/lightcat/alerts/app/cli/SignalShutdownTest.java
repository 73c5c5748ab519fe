package io.lightcat.alerts.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightcat.alerts.app.StartupException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SignalShutdownTest {
  @Test
  @Timeout(10)
  void aComponentThatDiesIsClosedAndReportedAsOneLine() {
    // given
    AtomicBoolean closed = new AtomicBoolean();
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    stopped.completeExceptionally(new IllegalStateException("cannot write to notifications.dlq"));

    // when / then: what OneLineErrors prints as "alert-engine notify: stopped: ..." with exit 1
    assertThatThrownBy(() -> SignalShutdown.closeOnSignalOrFailure(() -> closed.set(true), stopped))
        .isInstanceOf(StartupException.class)
        .hasMessage("stopped: cannot write to notifications.dlq");
    assertThat(closed).isTrue();
  }
}
