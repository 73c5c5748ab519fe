package io.lightcat.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.lightcat.alerts.notify.email.EmailNotifier;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The email receiver against a real SMTP server on loopback (GreenMail). */
class EmailNotifierTest {
  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(
              GreenMailConfiguration.aConfig().withUser("bot@example.com", "bot", "SMTP-PASS-42"));

  private static EmailNotifier notifier(int port, String password) {
    return new EmailNotifier(
        "mail",
        new EmailNotifier.Smtp(
            "127.0.0.1",
            port,
            "bot",
            Secret.of(password),
            false,
            "alerts@example.com",
            List.of("oncall@example.com"),
            Duration.ofSeconds(5)));
  }

  @Test
  void sendsPlainTextAndHtml() throws Exception {
    DeliveryResult result =
        notifier(smtp.getSmtp().getPort(), "SMTP-PASS-42")
            .deliver(Notification.of(Alerts.alert().build(), "mail"));

    assertThat(result).isEqualTo(DeliveryResult.ok());
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage m = received[0];
    assertThat(m.getSubject()).isEqualTo("[P1] FIRING: API error rate high");
    assertThat(m.getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
    assertThat(m.getHeader("X-Idempotency-Key")).containsExactly("a-1:firing");
    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(GreenMailUtil.getBody(parts.getBodyPart(0)))
        .contains("api error rate 6.2% > 5% over 5m", "Value: 0.062", "Threshold: 0.05");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(GreenMailUtil.getBody(parts.getBodyPart(1)))
        .contains("<h2>[P1] FIRING: API error rate high</h2>", "&gt; 5%");
  }

  @Test
  void wrongPasswordIsPermanentAndNotLeaked() {
    try (LogCapture logs = new LogCapture()) {
      EmailNotifier n = notifier(smtp.getSmtp().getPort(), "WRONG-PASS-7");
      DeliveryResult result = n.deliver(Notification.of(Alerts.alert().build(), "mail"));

      assertThat(result).isInstanceOf(DeliveryResult.Permanent.class);
      assertThat(result + n.toString() + logs.text()).doesNotContain("WRONG-PASS-7");
    }
  }

  @Test
  void unreachableServerIsRetryable() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    DeliveryResult result =
        notifier(closed, "SMTP-PASS-42").deliver(Notification.of(Alerts.alert().build(), "mail"));
    assertThat(result).isInstanceOf(DeliveryResult.Retryable.class);
    assertThat(result.toString()).doesNotContain("SMTP-PASS-42");
  }
}
