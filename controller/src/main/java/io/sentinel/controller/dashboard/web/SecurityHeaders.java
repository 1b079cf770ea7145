package io.sentinel.controller.dashboard.web;

import io.javalin.http.Context;

/** Response headers of every dashboard response. */
public final class SecurityHeaders {

    /** Only same-origin files; no inline script or style, no eval, no framing, forms post only to us. */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private SecurityHeaders() {}

    public static void apply(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        if (!ctx.path().startsWith(StaticAssets.PREFIX)) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
