package io.sentinel.app.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading .env files and the configuration table of the architecture page. */
final class EnvFiles {

    /** The variables of ARCHITECTURE.md's configuration table, for when that page is not beside the checkout. */
    static final Set<String> ARCHITECTURE_VARIABLES = Set.of(
            "SENTINEL_ENV", "CONTROLLER_SECRET_KEY", "CONTROLLER_HMAC_SECRET", "API_AUTH_TOKEN", "DATABASE_URL",
            "REDIS_URL", "TRUSTED_PROXY_CIDRS", "DASH_PASSWORD", "TELEMETRY_RETENTION_DAYS", "CONTROLLER_PORT",
            "SENTINEL_DATA_DIR");

    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\|");

    private EnvFiles() {}

    /** KEY=value lines in file order; comments and blank lines skipped. */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not a KEY=value line: " + l);
            }
            out.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return out;
    }

    /** The configuration variables of ../shared/design/ARCHITECTURE.md when present, else the known list. */
    static Set<String> architectureVariables() {
        Path page = RepoFiles.root().resolveSibling("shared").resolve("design/ARCHITECTURE.md");
        Set<String> out = new LinkedHashSet<>(ARCHITECTURE_VARIABLES);
        if (Files.isRegularFile(page)) {
            try {
                String text = Files.readString(page);
                int start = text.indexOf("## Configuration");
                int end = text.indexOf("\n## ", start + 1);
                Matcher m = TABLE_ROW.matcher(text.substring(start, end < 0 ? text.length() : end));
                while (m.find()) {
                    out.add(m.group(1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
