package io.lightcat.alerts.rule;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes short strings in exactly the form {@link DataOutput#writeUTF} writes them (read back with
 * {@code readUTF}), faster for the common case: an ASCII string without NUL characters is the same
 * bytes in modified and standard UTF-8, so it is copied in one step instead of char by char. The
 * first rule stage writes its partials' evidence ids this way on every matching event.
 */
public final class ModifiedUtf8 {
  private static final int MAX_LENGTH = 0xFFFF;

  private ModifiedUtf8() {}

  public static void write(DataOutput out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (utf8.length != s.length() || utf8.length > MAX_LENGTH || hasNul(utf8)) {
      out.writeUTF(s); // non-ASCII or NUL: the two encodings differ
      return;
    }
    out.writeShort(utf8.length);
    out.write(utf8);
  }

  private static boolean hasNul(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }
}
