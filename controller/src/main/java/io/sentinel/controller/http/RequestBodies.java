package io.sentinel.controller.http;

import io.javalin.http.Context;
import io.sentinel.protocol.wire.InvalidMessageException;
import io.sentinel.protocol.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads request bodies within bounds: the bytes as sent (at most {@code maxBytes}, else 413),
 * gzip inflated to at most {@code maxInflated} bytes (a gzip bomb is a 413, never an OOM), and
 * JSON bound strictly by the protocol's one codec (UTF-8 only; unknown, missing or duplicate
 * fields and scalars of the wrong type are a 400 naming the field).
 */
public final class RequestBodies {

    private static final String RAW_ATTRIBUTE = "sentinel.rawBody";

    private final long maxBytes;
    private final long maxInflated;

    public RequestBodies(long maxBytes, long maxInflated) {
        this.maxBytes = maxBytes;
        this.maxInflated = maxInflated;
    }

    /** The body bytes exactly as sent; read once and cached on the context. */
    public byte[] raw(Context ctx) {
        byte[] cached = ctx.attribute(RAW_ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw ApiException.tooLarge("body of " + declared + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = readBounded(in, maxBytes, "body exceeds the limit of " + maxBytes + " bytes");
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body");
        }
        ctx.attribute(RAW_ATTRIBUTE, body);
        return body;
    }

    /** The Content-Encoding as the signature names it: {@code gzip} or {@code identity}; else 415. */
    public static String contentEncoding(Context ctx) {
        String header = ctx.header("Content-Encoding");
        if (header == null || header.isBlank()) {
            return "identity";
        }
        String value = header.strip().toLowerCase(Locale.ROOT);
        if (value.equals("gzip") || value.equals("identity")) {
            return value;
        }
        throw ApiException.unsupportedMedia("Content-Encoding must be gzip or identity");
    }

    /**
     * Refuses a body declared as something other than UTF-8 JSON (415); an absent Content-Type
     * is accepted (the body itself is checked to be UTF-8 when it is parsed).
     */
    public static void requireJson(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type == null || type.isBlank()) {
            return;
        }
        String[] parts = type.split(";");
        String base = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!base.equals("application/json") && !base.endsWith("+json")) {
            throw ApiException.unsupportedMedia("Content-Type must be application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip().toLowerCase(Locale.ROOT);
            if (param.startsWith("charset=")) {
                String charset = param.substring("charset=".length()).replace("\"", "").strip();
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    throw ApiException.unsupportedMedia("JSON must be UTF-8; the request declares charset " + charset);
                }
            }
        }
    }

    /** The body after undoing its content encoding. */
    public byte[] decoded(byte[] raw, String encoding) {
        if (!encoding.equals("gzip")) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 8192)) {
            return readBounded(in, maxInflated, "decompressed body exceeds the limit of " + maxInflated + " bytes");
        } catch (ZipException | java.io.EOFException e) {
            throw ApiException.badRequest("body is not valid gzip");
        } catch (IOException e) {
            throw ApiException.badRequest("body is not valid gzip");
        }
    }

    /** The body of {@code ctx} (identity or gzip) bound to {@code type}. */
    public <T> T json(Context ctx, Class<T> type) {
        requireJson(ctx);
        String encoding = contentEncoding(ctx);
        return parse(decoded(raw(ctx), encoding), type);
    }

    /**
     * Binds JSON bytes to {@code type} with the protocol's codec ({@link Wire}), turning every
     * problem into a 4xx naming the field (see {@link ApiException#refusing}).
     */
    public <T> T parse(byte[] json, Class<T> type) {
        try {
            return Wire.read(json, type);
        } catch (InvalidMessageException e) {
            throw ApiException.refusing(e);
        }
    }

    private static byte[] readBounded(InputStream in, long limit, String tooLargeMessage) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                throw ApiException.tooLarge(tooLargeMessage);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
