package io.sentinel.controller.dashboard.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/** The precompiled jte templates of {@code src/main/jte/dashboard} (HTML content type: output is escaped by context). */
public final class Templates {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    public String render(String name, Map<String, Object> params) {
        StringOutput out = new StringOutput(8192);
        engine.render("dashboard/" + name + ".jte", params, out);
        return out.toString();
    }

    public void page(Context ctx, String name, Map<String, Object> params) {
        ctx.contentType("text/html; charset=utf-8").result(render(name, params));
    }
}
