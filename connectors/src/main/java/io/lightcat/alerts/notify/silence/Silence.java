package io.lightcat.alerts.notify.silence;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.lightcat.alerts.lifecycle.Alert;
import io.lightcat.alerts.notify.LabelMatcher;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A silence, as in Alertmanager: alerts matching all {@code matchers} are not notified from {@code
 * startsAt} (inclusive) to {@code endsAt} (exclusive). Created in the notifier configuration or
 * through {@code POST /api/silences}; the same {@code id} again replaces it (to expire a silence
 * early, post it again with {@code endsAt} now).
 */
public record Silence(
    String id,
    List<LabelMatcher> matchers,
    Instant startsAt,
    Instant endsAt,
    String createdBy,
    String comment) {

  /** Where a silence is in its life at some instant. */
  public enum State {
    pending,
    active,
    expired
  }

  public Silence {
    Objects.requireNonNull(id, "id");
    matchers = List.copyOf(matchers);
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("a silence needs at least one matcher");
    }
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    if (!endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("endsAt must be after startsAt");
    }
  }

  public State state(Instant now) {
    if (now.isBefore(startsAt)) {
      return State.pending;
    }
    return now.isBefore(endsAt) ? State.active : State.expired;
  }

  /** Whether it silences {@code alert} at {@code now}. */
  public boolean silences(Alert alert, Instant now) {
    return state(now) == State.active && matches(alert);
  }

  @JsonIgnore
  public boolean matches(Alert alert) {
    for (LabelMatcher m : matchers) {
      if (!m.matches(alert)) {
        return false;
      }
    }
    return true;
  }
}
