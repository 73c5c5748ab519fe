package io.lightcat.alerts.notify.email;

import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.AlertmanagerShape;
import io.lightcat.alerts.notify.DeliveryResult;
import io.lightcat.alerts.notify.Notification;
import io.lightcat.alerts.notify.Notifier;
import io.lightcat.alerts.notify.Secret;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Sends one mail per notification over SMTP (Angus Mail): {@code multipart/alternative} with a
 * plain-text and an HTML part, listing every alert of a group notification. Rejected recipients and
 * failed authentication are permanent; a server that cannot be reached or answers 4xx is retryable.
 */
public final class EmailNotifier implements Notifier {

  /** SMTP settings; {@code password} may be null for unauthenticated relays. */
  public record Smtp(
      String host,
      int port,
      String username,
      Secret password,
      boolean startTls,
      String from,
      List<String> to,
      Duration timeout) {
    public Smtp {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(from, "from");
      to = List.copyOf(to);
      Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String toString() {
      return "Smtp[" + host + ":" + port + ", from " + from + ", to " + to + "]";
    }
  }

  private final String name;
  private final Smtp smtp;
  private final Session session;

  public EmailNotifier(String name, Smtp smtp) {
    this.name = Objects.requireNonNull(name, "name");
    this.smtp = Objects.requireNonNull(smtp, "smtp");
    Properties p = new Properties();
    p.put("mail.smtp.host", smtp.host());
    p.put("mail.smtp.port", String.valueOf(smtp.port()));
    String millis = String.valueOf(smtp.timeout().toMillis());
    p.put("mail.smtp.connectiontimeout", millis);
    p.put("mail.smtp.timeout", millis);
    p.put("mail.smtp.writetimeout", millis);
    p.put("mail.smtp.auth", String.valueOf(smtp.password() != null));
    p.put("mail.smtp.starttls.enable", String.valueOf(smtp.startTls()));
    p.put("mail.smtp.starttls.required", String.valueOf(smtp.startTls()));
    this.session = Session.getInstance(p);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public DeliveryResult deliver(Notification n) {
    MimeMessage message;
    try {
      message = message(n);
    } catch (AddressException e) {
      return DeliveryResult.permanent("invalid address: " + e.getRef());
    } catch (MessagingException e) {
      return DeliveryResult.permanent("cannot build mail: " + e.getClass().getSimpleName());
    }
    try {
      if (smtp.password() == null) {
        Transport.send(message);
      } else {
        Transport.send(message, smtp.username(), smtp.password().reveal());
      }
      return DeliveryResult.ok();
    } catch (AuthenticationFailedException e) {
      return DeliveryResult.permanent("SMTP authentication failed at " + server());
    } catch (SendFailedException e) {
      return DeliveryResult.permanent("SMTP rejected recipients at " + server());
    } catch (MessagingException e) {
      // Messages of lower layers may echo the AUTH exchange; keep only the type.
      return DeliveryResult.retryable(
          "SMTP " + e.getClass().getSimpleName() + " at " + server() + cause(e));
    }
  }

  private String server() {
    return smtp.host() + ":" + smtp.port();
  }

  private static String cause(Exception e) {
    return e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ")";
  }

  MimeMessage message(Notification n) throws MessagingException {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(smtp.from(), true));
    for (String to : smtp.to()) {
      m.addRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
    }
    m.setSubject(subject(n), "UTF-8");
    m.setHeader("X-Idempotency-Key", n.idempotencyKey());
    MimeBodyPart text = new MimeBodyPart();
    text.setText(text(n), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(html(n), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    m.setContent(alternative);
    return m;
  }

  static String subject(Notification n) {
    if (n.single()) {
      return subject(n.alert());
    }
    String what =
        n.group().kind() == Notification.Kind.DIGEST
            ? "daily digest"
            : n.group().kind() == Notification.Kind.BUSINESS_DAY
                ? "next business day batch"
                : "group " + n.group().sortedLabels();
    return "["
        + n.topSeverity()
        + "] "
        + n.status().toUpperCase(Locale.ROOT)
        + ": "
        + n.alerts().size()
        + " alert(s), "
        + what;
  }

  static String subject(Alert a) {
    return "["
        + a.severity()
        + "] "
        + String.valueOf(a.status()).toUpperCase(Locale.ROOT)
        + ": "
        + a.title();
  }

  static String text(Notification n) {
    StringBuilder sb = new StringBuilder();
    for (Alert a : n.alerts()) {
      if (!n.single()) {
        sb.append("== ").append(subject(a)).append(" ==\n");
      }
      sb.append(a.summary()).append("\n\n");
      for (Map.Entry<String, String> e : details(a).entrySet()) {
        sb.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
      }
      sb.append('\n');
    }
    return sb.toString().stripTrailing() + "\n";
  }

  static String html(Notification n) {
    StringBuilder sb = new StringBuilder("<html><body>");
    if (!n.single()) {
      sb.append("<h1>").append(escape(subject(n))).append("</h1>");
    }
    for (Alert a : n.alerts()) {
      sb.append("<h2>").append(escape(subject(a))).append("</h2>");
      sb.append("<p>").append(escape(a.summary())).append("</p><table>");
      for (Map.Entry<String, String> e : details(a).entrySet()) {
        sb.append("<tr><th align=\"left\">")
            .append(escape(e.getKey()))
            .append("</th><td>")
            .append(escape(e.getValue()))
            .append("</td></tr>");
      }
      sb.append("</table>");
    }
    return sb.append("</body></html>").toString();
  }

  private static Map<String, String> details(Alert a) {
    Map<String, String> d = new java.util.LinkedHashMap<>();
    d.put("Severity", a.severity());
    d.put("Status", a.status());
    d.put("Rule", a.rule());
    if (a.value() != null) {
      d.put("Value", AlertmanagerShape.number(a.value()));
    }
    if (a.threshold() != null) {
      d.put("Threshold", AlertmanagerShape.number(a.threshold()));
    }
    d.put("Labels", a.labels() == null ? "{}" : new TreeMap<>(a.labels()).toString());
    d.put("Started", String.valueOf(a.startsAt()));
    if (a.endsAt() != null) {
      d.put("Ended", a.endsAt());
    }
    if (a.runbook() != null) {
      d.put("Runbook", a.runbook());
    }
    return d;
  }

  private static String escape(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  @Override
  public String toString() {
    return "EmailNotifier[" + name + " -> " + smtp + "]";
  }
}
