package io.lightcat.alerts.event;

import java.util.Objects;

/** The outcome of parsing one record: a valid {@link Event} or the reason it was rejected. */
public sealed interface ParseResult permits ParseResult.Valid, ParseResult.Invalid {

  /** The record is a valid event. */
  record Valid(Event event) implements ParseResult {
    public Valid {
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * The record was rejected.
   *
   * @param reason one human-readable sentence naming the field and the rule violated; never
   *     contains a secret or raw input
   * @param category a short, stable metric label, one of the constants below
   */
  record Invalid(String reason, String category) implements ParseResult {
    public static final String JSON = "json";
    public static final String NOT_OBJECT = "not_object";
    public static final String MISSING_FIELD = "missing_field";
    public static final String WRONG_TYPE = "wrong_type";
    public static final String OUT_OF_RANGE = "out_of_range";
    public static final String UNKNOWN_KIND = "unknown_kind";
    public static final String TOO_LARGE = "too_large";
    public static final String TOO_DEEP = "too_deep";
    public static final String BAD_TIMESTAMP = "bad_timestamp";
    public static final String EMPTY = "empty";

    /** Not a property of the record: the engine failed on it. Used by the stream processor. */
    public static final String INTERNAL = "internal";

    public Invalid {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(category, "category");
    }
  }
}
