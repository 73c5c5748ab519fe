package io.lightcat.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModifiedUtf8Test {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "6f1c2a9e-3b7d-4e0f-9a41-2c5d8e7f1b03",
        "inv-0001",
        "caf\u00e9",
        "nul\u0000inside",
        "\u4e2d\u6587",
        "emoji \ud83d\ude80",
        "\u007f"
      })
  void writesWhatWriteUtfWritesAndReadUtfReadsItBack(String s) throws IOException {
    // when
    byte[] ours = bytes(s, true);
    // then
    assertThat(ours).isEqualTo(bytes(s, false));
    assertThat(new DataInputStream(new ByteArrayInputStream(ours)).readUTF()).isEqualTo(s);
  }

  private static byte[] bytes(String s, boolean ours) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    if (ours) {
      ModifiedUtf8.write(out, s);
    } else {
      out.writeUTF(s);
    }
    out.flush();
    return bytes.toByteArray();
  }
}
