package io.lightcat.alerts.event;

/** PLACEHOLDER until the ingestion branch lands. */
public enum FieldType {
  STRING,
  INT,
  DOUBLE,
  BOOL,
  MAP
}
