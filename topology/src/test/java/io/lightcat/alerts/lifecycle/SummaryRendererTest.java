package io.lightcat.alerts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SummaryRendererTest {

  @ParameterizedTest(name = "''{0}'' with value {1} renders ''{2}''")
  @CsvSource(
      delimiter = '#',
      textBlock =
          """
          {{value}}                                  #0.0625 #0.0625
          {{value | percent}}                        #0.0625 #6.25%
          {{threshold|percent}}                      #0.0625 #5.00%
          {{ value | round }}                        #0.0625 #0.06
          {{value | int}}                            #0.0625 #0
          {{value | int}}                            #41.5   #42
          {{value | ms}}                             #1234.4 #1234 ms
          {{value | seconds}}                        #75.24  #75.2 s
          {{value | bogus}}                          #0.0625 #0.0625
          {{value}}                                  #3.0    #3
          {{value}}                                  #0.123456#0.1235
          {{value}}                                  #NaN    #n/a
          {{value | percent}}                        #NaN    #n/a
          {{value | ms}}                             #NaN    #n/a
          {{threshold}}                              #1      #0.05
          {{window}}                                 #1      #5m
          {{window | percent}}                       #1      #5m
          {{severity}} {{rule}} {{title}}            #1      #P1 api-errors API errors
          {{events}} events                          #1      #42 events
          {{service}} / {{route}}                    #1      #api / /v1/$pay
          {{service | int}}                          #1      #api
          {{nope}} and {{value.x}}                   #1      #? and ?
          no placeholders {value} {{ }}              #1      #no placeholders {value} {{ }}
          {{value | percent}} of requests to {{service}} failed over {{window}}#0.2#20.00% of requests to api failed over 5m
          """)
  void renders(String template, double value, String expected) {
    // given
    SummaryRenderer.Context context =
        new SummaryRenderer.Context(
            "api-errors",
            "API errors",
            "P1",
            value,
            0.05,
            Duration.ofMinutes(5),
            42,
            Map.of("service", "api", "route", "/v1/$pay"));
    // when
    String summary = SummaryRenderer.render(template, context);
    // then
    assertThat(summary).isEqualTo(expected);
  }
}
