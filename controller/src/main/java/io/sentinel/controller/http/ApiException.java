package io.sentinel.controller.http;

import io.sentinel.protocol.wire.ControllerAnswer;
import io.sentinel.protocol.wire.InvalidMessageException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal with a definite HTTP status, rendered as the protocol's
 * {@link ControllerAnswer.Refusal} {@code {"error","detail","field"?}}. Thrown by handlers for
 * the caller's mistakes.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final Object detail;
    private final Map<String, Object> extra;
    private final Map<String, String> headers;

    public ApiException(int status, String error, Object detail) {
        this(status, error, detail, Map.of(), Map.of());
    }

    private ApiException(int status, String error, Object detail, Map<String, Object> extra, Map<String, String> headers) {
        super(error + (detail == null ? "" : ": " + detail), null, false, false);
        this.status = status;
        this.error = error;
        this.detail = detail;
        this.extra = extra;
        this.headers = headers;
    }

    /**
     * The refusal of a body the codec would not read: 415 for an encoding that is not UTF-8, else
     * 400 with the problem's code ({@code unknown_field}, {@code missing_field},
     * {@code duplicate_field}, {@code invalid_field}, {@code bad_request}) and the field's JSON path.
     */
    public static ApiException refusing(InvalidMessageException e) {
        return switch (e.reason()) {
            case ENCODING -> unsupportedMedia(e.getMessage());
            case MALFORMED -> e.field().isEmpty() ? badRequest(e.getMessage()) : badField("bad_request", e.field(), e.getMessage());
            default -> badField(e.reason().code(), e.field().isEmpty() ? "$" : e.field(), e.getMessage());
        };
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad_request", detail);
    }

    /** 400 naming the offending field, also as a separate {@code field} key. */
    public static ApiException badField(String error, String field, String detail) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("field", field);
        return new ApiException(400, error, detail, extra, Map.of());
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", detail, Map.of(), Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ApiException sensorRefused(String detail) {
        return new ApiException(401, "unauthorized", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not_found", detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", detail);
    }

    public static ApiException tooLarge(String detail) {
        return new ApiException(413, "payload_too_large", detail);
    }

    public static ApiException unsupportedMedia(String detail) {
        return new ApiException(415, "unsupported_media_type", detail);
    }

    public static ApiException rateLimited(long retryAfterSeconds, String detail) {
        return new ApiException(429, "rate_limited", detail, Map.of(),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    public static ApiException unavailable(long retryAfterSeconds, String detail) {
        return new ApiException(503, "unavailable", detail, Map.of(),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public Object detail() {
        return detail;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON body of this refusal. */
    public ControllerAnswer.Refusal body() {
        Object field = extra.get("field");
        return new ControllerAnswer.Refusal(error, detail == null ? null : detail.toString(),
                field == null ? null : field.toString());
    }
}
