package io.lightcat.alerts.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupKeyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"api", "with \"quotes\"", "back\\slash", "tab\tand\nnewline", "ünïcødé ✓", ""})
  void roundTripsAnyLabelValueAsValidJson(String value) throws Exception {
    // given
    GroupKey key = new GroupKey("rule-1", Map.of("service", value, "a", "b"));

    // when
    String encoded = key.encode();

    // then
    assertThat(new ObjectMapper().readValue(encoded, List.class))
        .containsExactly("rule-1", "a", "b", "service", value);
    assertThat(GroupKey.decode(encoded)).isEqualTo(key);
  }

  @Test
  void labelOrderDoesNotChangeTheKey() {
    assertThat(new GroupKey("r", Map.of("x", "1", "y", "2")).encode())
        .isEqualTo(new GroupKey("r", new java.util.TreeMap<>(Map.of("y", "2", "x", "1"))).encode());
  }
}
