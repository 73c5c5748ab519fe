package io.lightcat.alerts.app.engine;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Keeps {@code /metrics} clean for {@code promtool check metrics}, whose lint the Kafka client and
 * some JVM binders' meter names fail:
 *
 * <ul>
 *   <li>Meters named in an abbreviated non-base unit ({@code ..._time_ns_total}, {@code
 *       ..._start_time_ms}, {@code process_cpu_time_ns_total}) are dropped: a Micrometer filter can
 *       rename a meter but not rescale its values to seconds, and a name in the wrong unit is worse
 *       than none. The Kafka clients' latency and rate metrics in base units remain.
 *   <li>Gauges named {@code ..._count} (a suffix Prometheus reserves for histograms and summaries)
 *       are renamed to the plural: {@code kafka_consumer_connection_count} becomes {@code
 *       kafka_consumer_connections}, {@code system_cpu_count} {@code system_cpus}.
 *   <li>Meters without a description (some Kafka client metrics) get their name as help text.
 * </ul>
 */
public final class PrometheusLint implements MeterFilter {
  private static final Set<String> ABBREVIATED_UNITS = Set.of("ns", "us", "ms");

  @Override
  public MeterFilterReply accept(Meter.Id id) {
    boolean abbreviated =
        (id.getBaseUnit() != null && ABBREVIATED_UNITS.contains(id.getBaseUnit()))
            || Arrays.stream(id.getName().split("[._-]")).anyMatch(ABBREVIATED_UNITS::contains);
    return abbreviated ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
  }

  @Override
  public Meter.Id map(Meter.Id id) {
    String name = id.getName();
    if (id.getType() == Meter.Type.GAUGE && name.endsWith(".count")) {
      name = name.substring(0, name.length() - ".count".length()) + "s";
    }
    String description = id.getDescription();
    if (description == null || description.isBlank()) {
      description = String.join(" ", List.of(name.split("[._-]")));
    }
    if (name.equals(id.getName()) && description.equals(id.getDescription())) {
      return id;
    }
    return new Meter.Id(
        name, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
  }
}
