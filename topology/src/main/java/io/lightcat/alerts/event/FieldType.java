package io.lightcat.alerts.event;

/**
 * The type of a declared event field and the Java type its value has in {@link Event#fields()}:
 * {@code STRING} → {@link String}, {@code INT} → {@link Long}, {@code DOUBLE} → {@link Double},
 * {@code BOOL} → {@link Boolean}, {@code MAP} → {@code Map<String, Object>}.
 */
public enum FieldType {
  STRING(String.class),
  INT(Long.class),
  DOUBLE(Double.class),
  BOOL(Boolean.class),
  MAP(java.util.Map.class);

  private final Class<?> javaType;

  FieldType(Class<?> javaType) {
    this.javaType = javaType;
  }

  /** The Java type of this field's values in an {@link Event}. */
  public Class<?> javaType() {
    return javaType;
  }
}
