package io.sentinel.worker.notify.format;

import io.sentinel.worker.notify.Message;

/**
 * The subject and the plain-text and HTML bodies of an e-mail. Attacker-chosen text is made
 * visible ({@link Printable}) and then, in HTML, escaped ({@code & < > " '}), as the dashboard
 * does; the subject holds no line break, so no header can be injected.
 */
public record EmailContent(String subject, String text, String html) {

    public static EmailContent of(Message m, String subjectPrefix) {
        MessageText t = MessageText.of(m);
        String subject = (subjectPrefix.isEmpty() ? "" : subjectPrefix + " ") + Printable.visible(t.title(), 200);
        StringBuilder html = new StringBuilder(2048)
                .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(html(Printable.visible(t.title()))).append("</title></head>\n<body>\n<h2>")
                .append(html(Printable.visible(t.title()))).append("</h2>\n<table>\n");
        for (MessageText.Fact f : t.facts()) {
            html.append("<tr><th align=\"left\">").append(html(f.label())).append("</th><td>")
                    .append(html(Printable.visible(f.value()))).append("</td></tr>\n");
        }
        html.append("</table>\n</body></html>\n");
        return new EmailContent(subject, t.plain(), html.toString());
    }

    /** HTML text and attribute escaping. */
    public static String html(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
