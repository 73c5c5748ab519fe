package io.lightcat.alerts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Redactor redactor = new Redactor(Set.of("apiKey", "SessionToken"));

  @Test
  void removesBuiltInAndConfiguredSecretsFromAnObject() throws Exception {
    // given
    ObjectNode root =
        (ObjectNode)
            JSON.readTree(
                """
                {"service": "api",
                 "headers": {"AUTHORIZATION": "Bearer s3cret", "accept": "json"},
                 "RgbInvoice": "rgb:s3cret",
                 "apikey": "s3cret",
                 "items": [{"sessiontoken": "s3cret", "id": 1}],
                 "deep": {"authorization": "kept: only headers.authorization is built in"}}
                """);

    // when
    boolean changed = redactor.redact(root);

    // then
    assertThat(changed).isTrue();
    assertThat(root.toString()).doesNotContain("s3cret");
    assertThat(root.get("headers")).isEqualTo(JSON.readTree("{\"accept\": \"json\"}"));
    assertThat(root.get("items")).isEqualTo(JSON.readTree("[{\"id\": 1}]"));
    assertThat(root.has("service")).isTrue();
    assertThat(root.path("deep").has("authorization")).isTrue();
  }

  @Test
  void reportsNoChangeWhenThereIsNoSecret() throws Exception {
    // given
    ObjectNode root = (ObjectNode) JSON.readTree("{\"service\": \"api\", \"headers\": {}}");

    // when / then
    assertThat(redactor.redact(root)).isFalse();
  }

  @Test
  void redactRawReserializesAJsonObjectWithoutSecrets() throws Exception {
    // given
    byte[] original =
        utf8(
            "{\"route\": \"/pay\", \"headers\": {\"Authorization\": \"Bearer s3cret\"}, \"n\": 1}");

    // when
    byte[] redacted = redactor.redactRaw(original);

    // then
    JsonNode tree = JSON.readTree(redacted);
    assertThat(new String(redacted, StandardCharsets.UTF_8)).doesNotContain("s3cret");
    assertThat(tree).isEqualTo(JSON.readTree("{\"route\": \"/pay\", \"headers\": {}, \"n\": 1}"));
  }

  @Test
  void redactRawKeepsTheOriginalBytesWhenThereIsNoSecret() {
    // given
    byte[] original = utf8("{ \"route\" :  \"/pay\" }");

    // when / then
    assertThat(redactor.redactRaw(original)).isSameAs(original);
    assertThat(redactor.redactRaw(null)).isNull();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        arguments(
            "{\"headers\": {\"authorization\": \"Bearer s3cret\"",
            "\"authorization\": \"[REDACTED]\""),
        arguments(
            "{\"headers\": {\"authorization\": \"Bearer s3cret",
            "\"authorization\": \"[REDACTED]\""),
        arguments("{\"Authorization\" : \"s3cret\", oops}", "\"Authorization\" : \"[REDACTED]\""),
        arguments("{\"rgbInvoice\": \"rgb:s3cret\", \"x\": }", "\"rgbInvoice\": \"[REDACTED]\""),
        arguments(
            "{\"rgbInvoice\":\"rgb:s3cret\",\"rgbInvoice\":\"rgb:s3cret2\"}",
            "\"rgbInvoice\":\"[REDACTED]\""),
        arguments("rgbinvoice=rgb:s3cret&x=1", "rgbinvoice=[REDACTED]&x=1"),
        arguments("apiKey=s3cret", "apiKey=[REDACTED]"),
        arguments("{\"SESSIONTOKEN\": \"s3cret\" ]", "\"SESSIONTOKEN\": \"[REDACTED]\""),
        arguments("Authorization: Basic s3cret", "Authorization: [REDACTED]"),
        arguments("curl -H 'X: bearer s3cret.tok-en' x", "Bearer [REDACTED]"),
        arguments("[{\"note\": \"Bearer s3cret\"}]", "\"note\": \"Bearer [REDACTED]\""),
        arguments(
            "{\"q\": \"a \\\" b\", \"apiKey\": \"s3\\\"cret\"", "\"apiKey\": \"[REDACTED]\""));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void redactRawScrubsTextThatIsNotAJsonObject(String raw, String expectedFragment) {
    // when
    String scrubbed = new String(redactor.redactRaw(utf8(raw)), StandardCharsets.UTF_8);

    // then
    assertThat(scrubbed).doesNotContain("s3cret").doesNotContain("cret").contains(expectedFragment);
  }

  @Test
  void scrubLeavesOrdinaryTextAlone() {
    // given
    String text = "not valid JSON at line 1, column 17";

    // when / then
    assertThat(redactor.scrub(text)).isEqualTo(text);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
