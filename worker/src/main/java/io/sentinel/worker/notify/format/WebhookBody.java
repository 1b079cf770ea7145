package io.sentinel.worker.notify.format;

import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.notify.ChannelSettings;
import io.sentinel.worker.notify.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Webhook bodies. {@code sentinel}: the message as JSON (alert object exactly as the API shows
 * it). {@code slack}: an incoming-webhook message whose attacker-chosen text sits only in
 * {@code plain_text} objects (never parsed as mrkdwn) and whose fallback {@code text} escapes
 * {@code & < >} as Slack asks, so no SSID becomes a link or a mention. {@code teams}: an
 * Adaptive Card in a message (Workflows webhooks) whose text is in {@code RichTextBlock} runs,
 * which Teams does not read as Markdown.
 */
public final class WebhookBody {
    private WebhookBody() {}

    public static String format(ChannelSettings.Shape shape, Message m) {
        return switch (shape) {
            case SENTINEL -> Wire.writeString(sentinel(m));
            case SLACK -> Wire.writeString(slack(m));
            case TEAMS -> Wire.writeString(teams(m));
        };
    }

    public static Map<String, Object> sentinel(Message m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message_id", m.id().toString());
        body.put("kind", m.kind().name().toLowerCase(Locale.ROOT));
        body.put("event", m.event().orElse(null));
        body.put("created_at", io.sentinel.protocol.wire.EpochTime.toSeconds(m.createdAt()));
        body.put("channel", m.channelId());
        body.put("rules", m.rules());
        switch (m.kind()) {
            case ALERT -> {
                body.put("at", m.payload().get("at"));
                body.put("actor", m.payload().get("actor"));
                body.put("detail", m.payload().getOrDefault("detail", Map.of()));
                body.put("alert", m.alert());
            }
            case DIGEST -> body.put("digest", m.digest());
            case TEST -> body.put("test", Map.of("requested_by", String.valueOf(m.payload().get("requested_by"))));
        }
        return body;
    }

    static Map<String, Object> slack(Message m) {
        MessageText t = MessageText.of(m);
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", plain(Printable.visible(t.title(), 150))));
        List<Object> fields = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (MessageText.Fact f : t.facts()) {
            String line = f.label() + ": " + Printable.visible(f.value(), 1900);
            if (fields.size() < 10) {
                fields.add(plain(line));
            } else {
                rest.add(line);
            }
        }
        blocks.add(Map.of("type", "section", "fields", fields));
        if (!rest.isEmpty()) {
            String text = String.join("\n", rest); // each line is escaped already; the breaks are ours
            blocks.add(Map.of("type", "section", "text", plain(text.length() <= 2900 ? text : text.substring(0, 2899) + "…")));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", slackEscape(Printable.visible(t.title(), 300)));
        body.put("blocks", blocks);
        return body;
    }

    static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text.isEmpty() ? " " : text, "emoji", false);
    }

    /** Slack's three control characters in message text. */
    static String slackEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static Map<String, Object> teams(Message m) {
        MessageText t = MessageText.of(m);
        List<Object> body = new ArrayList<>();
        body.add(richText(List.of(run(Printable.visible(t.title(), 300), true))));
        for (MessageText.Fact f : t.facts()) {
            body.add(richText(List.of(run(f.label() + ": ", true), run(Printable.visible(f.value(), 4000), false))));
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", body);
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("content", card);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("attachments", List.of(attachment));
        return message;
    }

    private static Map<String, Object> richText(List<Object> runs) {
        return Map.of("type", "RichTextBlock", "inlines", runs);
    }

    private static Map<String, Object> run(String text, boolean bold) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", "TextRun");
        r.put("text", text);
        if (bold) {
            r.put("weight", "Bolder");
        }
        return r;
    }
}
