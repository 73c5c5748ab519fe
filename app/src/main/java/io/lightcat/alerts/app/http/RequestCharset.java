package io.lightcat.alerts.app.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Locale;

/**
 * Refuses a {@code Content-Type} whose {@code charset} Java cannot decode, before any route reads
 * the body or the query: 415 for an unknown charset, 400 for a {@code charset} without a value.
 * Javalin decodes both with that charset and would otherwise fail with an unexpected exception (a
 * 500 for bad input).
 */
final class RequestCharset implements Routes {
  @Override
  public void addTo(RoutesConfig routes) {
    routes.before(RequestCharset::check);
  }

  private static void check(Context ctx) {
    String contentType = ctx.header("Content-Type");
    if (contentType == null) {
      return;
    }
    // the parameter Javalin picks: the first one starting with "charset", its value after '='
    for (String parameter : contentType.split(";")) {
      String p = parameter.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset")) {
        String[] parts = p.split("=");
        if (parts.length < 2 || parts[1].isBlank()) {
          throw new BadRequestResponse("the Content-Type's charset has no value");
        }
        String name = parts[1].strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
          name = name.substring(1, name.length() - 1);
        }
        if (!supported(name)) {
          throw new HttpResponseException(
              HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(), "unsupported charset in Content-Type");
        }
        return;
      }
    }
  }

  private static boolean supported(String name) {
    try {
      return Charset.isSupported(name);
    } catch (IllegalCharsetNameException e) {
      return false;
    }
  }
}
