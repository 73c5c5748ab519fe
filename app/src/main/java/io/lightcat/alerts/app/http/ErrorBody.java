package io.lightcat.alerts.app.http;

/**
 * Every error answer of the REST API (CONTRACT section 5).
 *
 * @param error what went wrong, for humans
 * @param status the HTTP status code, repeated for clients that only see the body
 */
public record ErrorBody(String error, int status) {}
