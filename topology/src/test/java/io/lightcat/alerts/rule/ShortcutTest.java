package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightcat.alerts.event.Event;
import io.lightcat.alerts.event.EventStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The direct evaluation of common expression shapes gives exactly what CEL gives, or defers. */
class ShortcutTest {
  private static final ExpressionCompiler COMPILER = new ExpressionCompiler();

  /** Infra events with every combination of a few interesting values of the fields used below. */
  private static List<Event> events() {
    List<Event> events = new ArrayList<>();
    for (long status : new long[] {100, 399, 400, 404, 429, 499, 500, 501, 599}) {
      for (double latency : new double[] {0.0, -0.0, 999.5, 1000.0, 1000.25, 12_345.0}) {
        for (boolean ok : new boolean[] {true, false}) {
          for (String kind : new String[] {"health_check", "host", "Host", ""}) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("status", status);
            f.put("latencyMs", latency);
            f.put("ok", ok);
            f.put("kind", kind);
            f.put("max", status % 2);
            f.put("host", "h1"); // "host" inside a literal counts as a field read
            events.add(new Event(EventStream.INFRA, 0, null, f));
          }
        }
      }
    }
    return events;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "status >= 500 ; true",
        "status > 499 ; true",
        "status < 400 ; true",
        "status <= 399 ; true",
        "status == 429 ; true",
        "status != 404 ; true",
        "max > 0 ; true",
        "kind == \"host\" ; true",
        "kind != 'host' ; true",
        "ok == false ; true",
        "!ok ; true",
        "latencyMs > 1000.0 ; true",
        "latencyMs <= 0.0 ; true",
        "latencyMs == 0.0 ; true",
        "latencyMs >= 1000 ; true",
        "status >= 500.0 ; true",
        "latencyMs ; true",
        "status ; true",
        "kind ; true",
        "ok ; true",
        "500 ; true",
        "\"x\" ; true",
        "status >= 500 && ok ; true",
        "status >= 400 && status < 500 ? 1 : 0 ; true",
        "kind == 'host' && !ok ? 1 : 0 ; true",
        "status == 429 || status == 404 ; true",
        "ok ? latencyMs : 0.0 ; true",
        "kind == 'host' ? status : 0 ; true",
        "!(status >= 500) ; true",
        "latencyMs >= 1000 ? 1 : 0 ; true",
        "500 <= status ; false",
        "status >= 500 && kind in ['host'] ; false",
        "(status > 499 ? latencyMs : 0.0) + 1.0 ; false",
        "kind in ['host', 'db_pool'] ; false",
        "kind < 'host' ; false",
        "status + 1 > 500 ; false",
        "double(status) ; false"
      })
  void agreesWithCelOnEveryEvent(String expression, boolean shortcut) {
    // given
    CompiledExpression compiled =
        COMPILER.compile(EventStream.INFRA, expression, Measure.ExpressionType.ANY);

    // then the shapes that have a shortcut have one
    assertThat(compiled.hasShortcut()).as(expression).isEqualTo(shortcut);
    // and on every event it gives CEL's value, of CEL's type
    for (Event event : events()) {
      Optional<Object> ours = compiled.evaluate(event);
      Object cel = compiled.viaCel(event.fields());
      assertThat(ours).as(expression + " on " + event.fields()).contains(cel);
      assertThat(ours.get().getClass()).isEqualTo(cel.getClass());
    }
  }
}
