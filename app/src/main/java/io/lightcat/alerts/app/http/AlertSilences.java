package io.lightcat.alerts.app.http;

import io.lightcat.alerts.notify.silence.Silence;
import java.util.List;

/** Where the REST API keeps silences: the {@code alert-actions} topic in production. */
public interface AlertSilences {
  /**
   * Writes {@code silence} durably before returning (a silence with a known id replaces it).
   *
   * @throws NotReadyException when it cannot be written now
   */
  void publish(Silence silence);

  /** Every silence known, latest end first. */
  List<Silence> all();
}
