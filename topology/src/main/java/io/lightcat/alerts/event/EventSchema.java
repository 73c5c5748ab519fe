package io.lightcat.alerts.event;

import java.util.Map;
import java.util.Set;

/** PLACEHOLDER until the ingestion branch lands. */
public final class EventSchema {
  private final Map<String, FieldType> fields;

  private EventSchema(Map<String, FieldType> fields) {
    this.fields = fields;
  }

  public static EventSchema of(EventStream s) {
    return switch (s) {
      case REQUESTS ->
          new EventSchema(
              Map.of(
                  "service",
                  FieldType.STRING,
                  "method",
                  FieldType.STRING,
                  "route",
                  FieldType.STRING,
                  "status",
                  FieldType.INT,
                  "latencyMs",
                  FieldType.DOUBLE,
                  "clientIp",
                  FieldType.STRING,
                  "userId",
                  FieldType.STRING,
                  "dbQueryMs",
                  FieldType.DOUBLE,
                  "headers",
                  FieldType.MAP,
                  "eventId",
                  FieldType.STRING));
      case PAYMENTS ->
          new EventSchema(
              Map.of(
                  "kind",
                  FieldType.STRING,
                  "invoiceId",
                  FieldType.STRING,
                  "tier",
                  FieldType.STRING,
                  "amountSats",
                  FieldType.INT,
                  "reason",
                  FieldType.STRING,
                  "durationMs",
                  FieldType.DOUBLE,
                  "remainingBatches",
                  FieldType.INT,
                  "eventId",
                  FieldType.STRING));
      case GAME ->
          new EventSchema(
              Map.of(
                  "kind",
                  FieldType.STRING,
                  "sessionId",
                  FieldType.STRING,
                  "fps",
                  FieldType.DOUBLE,
                  "score",
                  FieldType.DOUBLE,
                  "loadMs",
                  FieldType.DOUBLE,
                  "eventId",
                  FieldType.STRING));
      case INFRA ->
          new EventSchema(
              Map.of(
                  "kind",
                  FieldType.STRING,
                  "host",
                  FieldType.STRING,
                  "memPct",
                  FieldType.DOUBLE,
                  "target",
                  FieldType.STRING,
                  "ok",
                  FieldType.BOOL,
                  "service",
                  FieldType.STRING,
                  "eventId",
                  FieldType.STRING));
    };
  }

  public Map<String, FieldType> fields() {
    return fields;
  }

  public Set<String> kinds() {
    return Set.of();
  }
}
