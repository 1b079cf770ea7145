package io.sentinel.store.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The non-secret settings of a channel, by kind, validated with defaults filled in. The secret
 * ones (webhook URL and keys, SMTP password, TLS client key) are checked by
 * {@link #checkSecrets} and stored sealed, apart from these.
 */
public sealed interface ChannelSettings {

    Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[?[0-9A-Fa-f:.]{2,45}]?");
    Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");
    Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    ChannelKind kind();

    /** The settings as stored and shown (defaults included). */
    Map<String, Object> toJson();

    /** The names of the secret settings this kind accepts. */
    Set<String> secretNames();

    /** Checks secret values (the union of stored and new ones) for this kind. */
    void checkSecrets(Map<String, String> secrets);

    /** Parses and validates the settings object of a channel of {@code kind}. */
    static ChannelSettings parse(ChannelKind kind, Map<String, ?> json) {
        return switch (kind) {
            case WEBHOOK -> Webhook.parse(json);
            case SYSLOG -> Syslog.parse(json);
            case EMAIL -> Email.parse(json);
            case FILE -> File.parse(json);
        };
    }

    /** Webhook payload shapes. */
    enum Shape { SENTINEL, SLACK, TEAMS }

    /** Syslog transports. */
    enum Transport { UDP, TCP, TLS }

    /** Syslog message formats. */
    enum Format { CEF, JSON }

    /** SMTP connection security. */
    enum Security { STARTTLS, TLS, NONE }

    /** HTTPS POST of a JSON body; secrets {@code url} (required), {@code signing_key}, {@code authorization}. */
    record Webhook(Shape shape, int timeoutSeconds, boolean allowHttp) implements ChannelSettings {
        public ChannelKind kind() {
            return ChannelKind.WEBHOOK;
        }

        static Webhook parse(Map<String, ?> json) {
            Fields f = new Fields(json, "settings.", Set.of("shape", "timeout_seconds", "allow_http"));
            return new Webhook(f.oneOf("shape", Shape.class, Shape.SENTINEL), f.integer("timeout_seconds", 10, 1, 60),
                    f.bool("allow_http", false));
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shape", shape.name().toLowerCase(Locale.ROOT));
            m.put("timeout_seconds", timeoutSeconds);
            m.put("allow_http", allowHttp);
            return m;
        }

        public Set<String> secretNames() {
            return Set.of("url", "signing_key", "authorization");
        }

        public void checkSecrets(Map<String, String> secrets) {
            String url = secrets.get("url");
            if (url == null) {
                throw new InvalidNotifyConfig("secrets.url", "is required");
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new InvalidNotifyConfig("secrets.url", "is not a valid URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
                throw new InvalidNotifyConfig("secrets.url", allowHttp ? "must be an http or https URL"
                        : "must be an https URL (set settings.allow_http to send in the clear)");
            }
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                throw new InvalidNotifyConfig("secrets.url", "must have a host and no user info or fragment");
            }
            String key = secrets.get("signing_key");
            if (key != null && (key.length() < 16 || key.length() > 512)) {
                throw new InvalidNotifyConfig("secrets.signing_key", "must be 16 to 512 characters");
            }
            String auth = secrets.get("authorization");
            if (auth != null && (auth.length() > 4096 || !auth.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f))) {
                throw new InvalidNotifyConfig("secrets.authorization", "must be printable ASCII, at most 4096 characters");
            }
        }

        /** What may be shown of a webhook URL: scheme and host only (the path of a Slack or Teams URL is its credential). */
        public static String hint(String url) {
            try {
                URI uri = new URI(url);
                return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/…";
            } catch (URISyntaxException | RuntimeException e) {
                return "…";
            }
        }
    }

    /** RFC 5424 syslog over UDP, TCP or TLS (RFC 5425 octet counting); secret {@code client_key_pem}. */
    record Syslog(String host, int port, Transport transport, Format format, int facility, String appName,
            Optional<String> hostname, String sdId, Optional<String> caPem, Optional<String> serverName,
            Optional<String> clientCertPem, int timeoutSeconds, boolean utf8Bom, int maxMessageBytes)
            implements ChannelSettings {
        public ChannelKind kind() {
            return ChannelKind.SYSLOG;
        }

        static Syslog parse(Map<String, ?> json) {
            Fields f = new Fields(json, "settings.", Set.of("host", "port", "transport", "format", "facility",
                    "app_name", "hostname", "sd_id", "ca_pem", "server_name", "client_cert_pem", "timeout_seconds",
                    "utf8_bom", "max_message_bytes"));
            String host = f.matching("host", HOST, "a host name or IP address")
                    .orElseThrow(() -> new InvalidNotifyConfig("settings.host", "is required"));
            Transport transport = f.oneOf("transport", Transport.class, Transport.TLS);
            int port = f.integer("port", transport == Transport.TLS ? 6514 : 514, 1, 65_535);
            Format format = f.oneOf("format", Format.class, Format.CEF);
            String app = f.text("app_name", 48).orElse("sentinel");
            if (!PRINTABLE_ASCII.matcher(app).matches()) {
                throw new InvalidNotifyConfig("settings.app_name", "must be 1 to 48 printable ASCII characters");
            }
            Optional<String> hostname = f.text("hostname", 255);
            if (hostname.isPresent() && !PRINTABLE_ASCII.matcher(hostname.get()).matches()) {
                throw new InvalidNotifyConfig("settings.hostname", "must be printable ASCII");
            }
            String sdId = f.matching("sd_id", Pattern.compile("[\\x21-\\x7e&&[^= \\]\"]]{1,32}"),
                    "an SD-ID: 1 to 32 printable ASCII characters without '=', ']', '\"' or space").orElse("sentinel@32473");
            Optional<String> ca = f.text("ca_pem", 65_536);
            Optional<String> cert = f.text("client_cert_pem", 65_536);
            ca.ifPresent(p -> requirePem("settings.ca_pem", p));
            cert.ifPresent(p -> requirePem("settings.client_cert_pem", p));
            if (transport != Transport.TLS && (ca.isPresent() || cert.isPresent())) {
                throw new InvalidNotifyConfig("settings.transport", "must be tls when certificates are given");
            }
            return new Syslog(host, port, transport, format, f.integer("facility", 4, 0, 23), app, hostname, sdId, ca,
                    f.matching("server_name", HOST, "a host name"), cert, f.integer("timeout_seconds", 10, 1, 60),
                    f.bool("utf8_bom", true),
                    f.integer("max_message_bytes", transport == Transport.UDP ? 2048 : 65_536, 480, 1 << 20));
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", host);
            m.put("port", port);
            m.put("transport", transport.name().toLowerCase(Locale.ROOT));
            m.put("format", format.name().toLowerCase(Locale.ROOT));
            m.put("facility", facility);
            m.put("app_name", appName);
            hostname.ifPresent(v -> m.put("hostname", v));
            m.put("sd_id", sdId);
            caPem.ifPresent(v -> m.put("ca_pem", v));
            serverName.ifPresent(v -> m.put("server_name", v));
            clientCertPem.ifPresent(v -> m.put("client_cert_pem", v));
            m.put("timeout_seconds", timeoutSeconds);
            m.put("utf8_bom", utf8Bom);
            m.put("max_message_bytes", maxMessageBytes);
            return m;
        }

        public Set<String> secretNames() {
            return Set.of("client_key_pem");
        }

        public void checkSecrets(Map<String, String> secrets) {
            String key = secrets.get("client_key_pem");
            if (key != null) {
                requirePem("secrets.client_key_pem", key);
            }
            if ((key != null) != clientCertPem.isPresent()) {
                throw new InvalidNotifyConfig(key == null ? "secrets.client_key_pem" : "settings.client_cert_pem",
                        "a client certificate needs its key and a key its certificate");
            }
        }
    }

    /** SMTP submission; secret {@code password}. */
    record Email(String host, int port, Security security, String from, List<String> to, Optional<String> username,
            Optional<String> caPem, int timeoutSeconds, String subjectPrefix) implements ChannelSettings {
        public ChannelKind kind() {
            return ChannelKind.EMAIL;
        }

        static Email parse(Map<String, ?> json) {
            Fields f = new Fields(json, "settings.", Set.of("host", "port", "security", "from", "to", "username",
                    "ca_pem", "timeout_seconds", "subject_prefix"));
            String host = f.matching("host", HOST, "a host name or IP address")
                    .orElseThrow(() -> new InvalidNotifyConfig("settings.host", "is required"));
            Security security = f.oneOf("security", Security.class, Security.STARTTLS);
            int port = f.integer("port", switch (security) {
                case STARTTLS -> 587;
                case TLS -> 465;
                case NONE -> 25;
            }, 1, 65_535);
            String from = f.matching("from", ADDRESS, "an e-mail address")
                    .orElseThrow(() -> new InvalidNotifyConfig("settings.from", "is required"));
            List<String> to = f.strings("to", 50, ADDRESS, "e-mail addresses");
            if (to.isEmpty()) {
                throw new InvalidNotifyConfig("settings.to", "needs at least one address");
            }
            Optional<String> user = f.text("username", 256);
            if (user.isPresent() && !user.get().chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f)) {
                throw new InvalidNotifyConfig("settings.username", "must not contain control characters");
            }
            Optional<String> ca = f.text("ca_pem", 65_536);
            ca.ifPresent(p -> requirePem("settings.ca_pem", p));
            if (security == Security.NONE && ca.isPresent()) {
                throw new InvalidNotifyConfig("settings.security", "must be starttls or tls when ca_pem is given");
            }
            String prefix = f.text("subject_prefix", 64).orElse("[Sentinel]");
            if (!prefix.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f)) {
                throw new InvalidNotifyConfig("settings.subject_prefix", "must not contain control characters");
            }
            return new Email(host, port, security, from, to, user, ca, f.integer("timeout_seconds", 15, 1, 120), prefix);
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", host);
            m.put("port", port);
            m.put("security", security.name().toLowerCase(Locale.ROOT));
            m.put("from", from);
            m.put("to", to);
            username.ifPresent(v -> m.put("username", v));
            caPem.ifPresent(v -> m.put("ca_pem", v));
            m.put("timeout_seconds", timeoutSeconds);
            m.put("subject_prefix", subjectPrefix);
            return m;
        }

        public Set<String> secretNames() {
            return Set.of("password");
        }

        public void checkSecrets(Map<String, String> secrets) {
            String pw = secrets.get("password");
            if (pw != null && pw.length() > 1024) {
                throw new InvalidNotifyConfig("secrets.password", "is longer than 1024 characters");
            }
            if (pw != null && username.isEmpty()) {
                throw new InvalidNotifyConfig("settings.username", "is required with a password");
            }
        }
    }

    /**
     * EVE-style JSON Lines export: {@code name} is a file in the worker's export directory
     * ({@code SENTINEL_EXPORT_DIR}), rotated at {@code max_bytes} keeping {@code keep} old files.
     */
    record File(String name, long maxBytes, int keep, boolean fsync) implements ChannelSettings {
        public ChannelKind kind() {
            return ChannelKind.FILE;
        }

        static File parse(Map<String, ?> json) {
            Fields f = new Fields(json, "settings.", Set.of("name", "max_bytes", "keep", "fsync"));
            String name = f.matching("name", FILE_NAME, "a file name: letters, digits, '.', '_' or '-', not starting with '.'")
                    .orElse("alerts.json");
            Object raw = json == null ? null : json.get("max_bytes");
            long max = 100L << 20;
            if (raw != null) {
                if (!(raw instanceof Integer || raw instanceof Long)) {
                    throw new InvalidNotifyConfig("settings.max_bytes", "must be an integer");
                }
                max = ((Number) raw).longValue();
                if (max < 4096 || max > (1L << 40)) {
                    throw new InvalidNotifyConfig("settings.max_bytes", "must be between 4096 and 2^40");
                }
            }
            return new File(name, max, f.integer("keep", 5, 1, 100), f.bool("fsync", true));
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("max_bytes", maxBytes);
            m.put("keep", keep);
            m.put("fsync", fsync);
            return m;
        }

        public Set<String> secretNames() {
            return Set.of();
        }

        public void checkSecrets(Map<String, String> secrets) {}
    }

    private static void requirePem(String field, String pem) {
        if (!pem.strip().startsWith("-----BEGIN ") || !pem.contains("-----END ")) {
            throw new InvalidNotifyConfig(field, "must be PEM text (-----BEGIN ...)");
        }
    }
}
