package io.sentinel.store.token;

/** A token just created: {@link #secret()} is shown to its owner once and never stored. */
public record CreatedToken(ApiToken token, String secret) {
    @Override
    public String toString() {
        return "CreatedToken[" + token + ", secret=***]";
    }
}
