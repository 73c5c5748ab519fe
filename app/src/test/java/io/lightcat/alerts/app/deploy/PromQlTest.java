package io.lightcat.alerts.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromQlTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          sum by (stream) (rate(events_in_total[5m]))                                   | events_in_total
          histogram_quantile(0.95, sum by (le) (rate(a_seconds_bucket{job="x"}[5m])))  | a_seconds_bucket
          sum(rate(a_sum[1h])) / sum(rate(a_count[1h]))                                 | a_count,a_sum
          up{job="alert-engine"} == 0                                                   | up
          max(lag{client_id=~".*Thread.*(x)"}) > 1e4                                    | lag
          a_total / on (rule) group_left (severity) b_total offset 5m                   | a_total,b_total
          sum(x_total) or vector(0)                                                     | x_total
          sort_desc(sum by (rule, severity) (increase(y_total{status="firing"}[24h])) > 0) | y_total
          rate(z_total[$__rate_interval])                                               | z_total
          """)
  void findsTheMetricNamesOfAnExpression(String expr, String names) {
    assertThat(PromQl.metricNames(expr)).containsExactly(names.split(","));
  }
}
