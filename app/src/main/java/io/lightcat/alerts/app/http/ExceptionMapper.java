package io.lightcat.alerts.app.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.MethodNotAllowedResponse;
import io.lightcat.alerts.query.BadQueryException;
import io.lightcat.alerts.query.NoSuchRuleException;
import io.lightcat.alerts.rule.InvalidRulesException;
import io.lightcat.alerts.rule.RuleProblem;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place exceptions become answers, all {@code {"error": ..., "status": N}}: bad parameters
 * 400, invalid rules 400 with every problem also listed in {@code problems}, unknown rules 404,
 * Javalin's own responses (401, 404, 405 with {@code Allow}, 413, ...) and Jetty's refusals of bad
 * input with their status, not ready 503 with {@code Retry-After}, anything else 500 without
 * details (logged with its stack trace).
 */
final class ExceptionMapper {
  private static final Logger log = LoggerFactory.getLogger(ExceptionMapper.class);

  private ExceptionMapper() {}

  static void handle(Exception e, Context ctx) {
    if (e instanceof InvalidRulesException invalid) {
      int status = HttpStatus.BAD_REQUEST.getCode();
      List<String> problems = invalid.problems().stream().map(RuleProblem::toString).toList();
      ctx.status(status)
          .json(
              new RuleProblemsBody(
                  problems.size() + " rule problem(s): " + String.join("; ", problems),
                  status,
                  problems));
    } else if (e instanceof BadQueryException bad) {
      answer(ctx, HttpStatus.BAD_REQUEST.getCode(), bad.getMessage());
    } else if (e instanceof NoSuchRuleException unknown) {
      answer(ctx, HttpStatus.NOT_FOUND.getCode(), unknown.getMessage());
    } else if (e instanceof NotReadyException notReady) {
      ctx.header("Retry-After", String.valueOf(NotReadyException.RETRY_AFTER.toSeconds()));
      answer(ctx, HttpStatus.SERVICE_UNAVAILABLE.getCode(), notReady.getMessage());
    } else if (e instanceof HttpResponseException http) {
      allow(http, ctx);
      answer(ctx, http.getStatus(), errorText(http, ctx.method() + " " + ctx.path()));
    } else if (e instanceof org.eclipse.jetty.http.HttpException jetty
        && jetty.getCode() >= 400
        && jetty.getCode() < 500) {
      // Jetty refusing bad input while a route reads it (a malformed parameter, say)
      answer(ctx, jetty.getCode(), HttpStatus.forStatus(jetty.getCode()).getMessage());
    } else {
      log.error("{} {} failed", ctx.method(), ctx.path(), e);
      answer(ctx, HttpStatus.INTERNAL_SERVER_ERROR.getCode(), "internal error");
    }
  }

  /** A 405 names the methods the path has, as Javalin would. */
  private static void allow(HttpResponseException e, Context ctx) {
    if (e instanceof MethodNotAllowedResponse) {
      String methods = e.getDetails().get("availableMethods");
      if (methods != null) {
        ctx.header("Allow", methods);
      }
    }
  }

  /** An invalid rule: the error body plus every problem as {@code file:line: message}. */
  record RuleProblemsBody(String error, int status, List<String> problems) {}

  private static void answer(Context ctx, int status, String error) {
    ctx.status(status).json(new ErrorBody(error, status));
  }

  private static String errorText(HttpResponseException e, String request) {
    String message = e.getMessage();
    boolean generic =
        message == null
            || message.isBlank()
            || message.equals(HttpStatus.forStatus(e.getStatus()).getMessage())
            || message.startsWith("Endpoint ");
    if (generic && e.getStatus() == HttpStatus.NOT_FOUND.getCode()) {
      return "not found: " + request;
    }
    if (generic && e.getStatus() == HttpStatus.METHOD_NOT_ALLOWED.getCode()) {
      return "method not allowed: " + request;
    }
    if (e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
      return "request body too large (limit " + HttpServer.MAX_BODY_BYTES + " bytes)";
    }
    return generic ? HttpStatus.forStatus(e.getStatus()).getMessage() : message;
  }
}
