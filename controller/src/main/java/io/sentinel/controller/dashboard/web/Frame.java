package io.sentinel.controller.dashboard.web;

/**
 * What the page layout needs besides the page's own content.
 *
 * @param title    the page title (plain text; escaped by the template)
 * @param section  the navigation entry to highlight: overview, alerts, networks, sensors, signals
 * @param csrf     the session's CSRF token, placed in every form and in htmx request headers
 * @param loggedIn whether to show navigation and the logout form
 */
public record Frame(String title, String section, String csrf, boolean loggedIn) {

    /** The htmx request headers of a logged-in page (the CSRF token), or null (attribute omitted). */
    public String hxHeaders() {
        return loggedIn ? "{\"X-CSRF-Token\": \"" + csrf + "\"}" : null;
    }

    public static Frame anonymous(String title) {
        return new Frame(title, "", "", false);
    }
}
