package io.lightcat.alerts.app.simulator;

import io.lightcat.alerts.event.EventStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Browser game sessions: start and page load (about 1.8 s) now; then, as follow-ups, frame-rate
 * samples (about 58 FPS), a score from 0 to 50 with the tier it unlocks, and the end of the
 * session, completed in about 67% of sessions.
 */
final class GameTraffic {
  static final double COMPLETED = 0.67;

  /** Events one session produces: start, page load, three FPS samples, score, end. */
  static final int EVENTS_PER_SESSION = 7;

  private final Dice dice;

  GameTraffic(Dice dice) {
    this.dice = dice;
  }

  /** Starts a session at {@code now}; returns its first event and schedules the rest. */
  SimEvent session(Instant now, FollowUps later) {
    String sessionId = "gs-" + dice.hex(16);
    String playerId = "player-" + dice.between(1, 800);
    later.schedule(event(now, "page_load", sessionId, playerId, "loadMs", loadMs()));
    for (int second : new int[] {5, 15, 25}) {
      later.schedule(event(now.plusSeconds(second), "fps", sessionId, playerId, "fps", fps()));
    }
    long lengthMs = (long) (dice.uniform(30, 90) * 1000);
    boolean completed = dice.chance(COMPLETED);
    long score =
        completed ? Math.round(Dice.clamp(dice.normal(30, 10), 0, 50)) : dice.between(0, 19);
    SimEvent scored =
        event(now.plusMillis(lengthMs - 500), "score", sessionId, playerId, "score", score);
    String tier = completed ? tierFor(score) : null;
    if (tier != null) {
      Map<String, Object> f = new LinkedHashMap<>(scored.fields());
      f.put("tierUnlocked", tier);
      scored = new SimEvent(EventStream.GAME, sessionId, scored.time(), f);
    }
    later.schedule(scored);
    later.schedule(
        event(
            now.plusMillis(lengthMs),
            "session_ended",
            sessionId,
            playerId,
            "completed",
            completed));
    Map<String, Object> started = fields("session_started", sessionId, playerId);
    return new SimEvent(EventStream.GAME, sessionId, now, started);
  }

  private double loadMs() {
    return Dice.tenth(dice.logNormal(1750, 0.2));
  }

  private double fps() {
    return Dice.tenth(Dice.clamp(dice.normal(58, 2), 0, 60));
  }

  private static String tierFor(long score) {
    return score >= 45 ? "gold" : score >= 35 ? "silver" : score >= 20 ? "bronze" : null;
  }

  private SimEvent event(
      Instant at, String kind, String sessionId, String playerId, String field, Object value) {
    Map<String, Object> f = fields(kind, sessionId, playerId);
    f.put(field, value);
    return new SimEvent(EventStream.GAME, sessionId, at, f);
  }

  private Map<String, Object> fields(String kind, String sessionId, String playerId) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("eventId", "game-" + dice.hex(16));
    f.put("kind", kind);
    f.put("sessionId", sessionId);
    f.put("playerId", playerId);
    return f;
  }
}
