package io.sentinel.controller.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import io.sentinel.protocol.wire.InvalidMessageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads request bodies within bounds: the bytes as sent (at most {@code maxBytes}, else 413),
 * gzip inflated to at most {@code maxInflated} bytes (a gzip bomb is a 413, never an OOM), and
 * JSON bound strictly (unknown or missing fields are a 400 naming the field).
 */
public final class RequestBodies {

    private static final String RAW_ATTRIBUTE = "sentinel.rawBody";

    private final ObjectMapper mapper;
    private final long maxBytes;
    private final long maxInflated;

    public RequestBodies(ObjectMapper mapper, long maxBytes, long maxInflated) {
        this.mapper = mapper;
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

    /** Refuses a body declared as something other than JSON (415); an absent Content-Type is accepted. */
    public static void requireJson(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type == null || type.isBlank()) {
            return;
        }
        String base = type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!base.equals("application/json") && !base.endsWith("+json")) {
            throw ApiException.unsupportedMedia("Content-Type must be application/json");
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

    /** Binds JSON bytes to {@code type}, turning every binding problem into a 400 naming the field. */
    public <T> T parse(byte[] json, Class<T> type) {
        if (json.length == 0) {
            throw ApiException.badRequest("a JSON body is required");
        }
        try {
            T value = mapper.readValue(json, type);
            if (value == null) {
                throw ApiException.badRequest("a JSON object is required");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String path = Json.pathOf(e);
            throw ApiException.badField("unknown_field", path, "unknown field '" + e.getPropertyName() + "' at " + path);
        } catch (InvalidFormatException e) {
            String path = Json.pathOf(e);
            throw ApiException.badField("invalid_field", path, "invalid value at " + path);
        } catch (MismatchedInputException e) {
            String path = Json.pathOf(e);
            String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (what.startsWith("Missing required")) {
                throw ApiException.badField("missing_field", path, "missing required field " + missingName(what, path));
            }
            throw ApiException.badField("invalid_field", path.isEmpty() ? "$" : path,
                    "wrong type or shape" + (path.isEmpty() ? "" : " at " + path));
        } catch (JsonMappingException e) {
            String path = Json.pathOf(e);
            Throwable cause = e.getCause();
            if (cause instanceof InvalidMessageException ime) {
                throw ApiException.badField("invalid_field", ime.field(), ime.getMessage());
            }
            if (cause instanceof IllegalArgumentException iae && iae.getMessage() != null) {
                throw ApiException.badField("invalid_field", path, path + ": " + iae.getMessage());
            }
            throw ApiException.badField("invalid_field", path, "invalid value" + (path.isEmpty() ? "" : " at " + path));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed JSON");
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable body");
        }
    }

    private static String missingName(String message, String path) {
        int open = message.indexOf('\'');
        int close = open < 0 ? -1 : message.indexOf('\'', open + 1);
        String name = open >= 0 && close > open ? message.substring(open + 1, close) : "";
        if (name.isEmpty()) {
            return path;
        }
        return path.isEmpty() ? name : path + "." + name;
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
