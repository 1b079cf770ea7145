package io.sentinel.controller.dashboard.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's static files: its own CSS and JS and the vendored htmx, htmx SSE extension
 * and uPlot from their webjars. Served from a fixed list (no path from the request ever reaches
 * the class loader) and loaded once at start.
 */
public final class StaticAssets {

    public static final String PREFIX = "/dashboard/static/";

    private record Asset(byte[] bytes, String contentType) {}

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    public StaticAssets() {
        add("app.css", "dashboard/app.css", "text/css; charset=utf-8");
        add("app.js", "dashboard/app.js", "text/javascript; charset=utf-8");
        add("vendor/htmx.min.js", "META-INF/resources/webjars/htmx.org/2.0.8/dist/htmx.min.js", "text/javascript; charset=utf-8");
        add("vendor/sse.js", "META-INF/resources/webjars/htmx-ext-sse/2.2.2/sse.js", "text/javascript; charset=utf-8");
        add("vendor/uPlot.iife.min.js", "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "text/javascript; charset=utf-8");
        add("vendor/uPlot.min.css", "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css", "text/css; charset=utf-8");
    }

    private void add(String name, String resource, String contentType) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("dashboard asset missing from the classpath: " + resource);
            }
            assets.put(name, new Asset(in.readAllBytes(), contentType));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void register(JavalinConfig config) {
        for (Map.Entry<String, Asset> e : assets.entrySet()) {
            Asset a = e.getValue();
            config.routes.get(PREFIX + e.getKey(), ctx -> serve(ctx, a));
        }
    }

    private static void serve(Context ctx, Asset a) {
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(a.contentType()).result(a.bytes());
    }
}
