package io.sentinel.controller.auth;

import io.sentinel.store.token.Role;

/**
 * Who made an API request.
 *
 * @param tokenId the stored token's id, or {@code "bootstrap"} for {@code API_AUTH_TOKEN}
 * @param name a label for the audit log (the token's name)
 * @param role what the caller may do
 * @param rateKey the key its rate limit is counted under (never the token itself)
 */
public record Principal(String tokenId, String name, Role role, String rateKey) {

    public static final String BOOTSTRAP_ID = "bootstrap";

    /** How the audit log names this caller. */
    public String actor() {
        return "token:" + name;
    }
}
