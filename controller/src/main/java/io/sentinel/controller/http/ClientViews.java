package io.sentinel.controller.http;

import io.javalin.http.Context;
import io.sentinel.controller.proxy.TrustedProxies;
import io.sentinel.controller.proxy.TrustedProxies.ClientView;

/** Computes, once per request, the effective client address, scheme and host (trusted-proxy aware). */
public final class ClientViews {

    private static final String ATTRIBUTE = "sentinel.clientView";

    private final TrustedProxies proxies;

    public ClientViews(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    public ClientView of(Context ctx) {
        ClientView cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        var req = ctx.req();
        String host = req.getHeader("Host");
        ClientView view = proxies.resolve(req.getRemoteAddr(), req.getScheme(), host == null ? "" : host,
                req.getHeader("X-Forwarded-For"), req.getHeader("X-Forwarded-Proto"), req.getHeader("X-Forwarded-Host"));
        ctx.attribute(ATTRIBUTE, view);
        return view;
    }
}
