package io.sentinel.controller.config;

import io.sentinel.controller.proxy.TrustedProxies;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the controller reads from the environment, validated. Variable names are those of
 * ARCHITECTURE.md; the {@code CONTROLLER_*} tuning variables are documented in docs/configuration.md.
 * {@link #toString()} never shows a secret.
 */
public record ControllerConfig(
        boolean prod,
        byte[] secretKey,
        byte[] hmacSecret,
        String apiAuthToken,
        String dashPassword,
        Optional<String> databaseUrl,
        Optional<String> redisUrl,
        TrustedProxies trustedProxies,
        int telemetryRetentionDays,
        String bindHost,
        int port,
        Path dataDir,
        Limits limits) {

    public static final String SENTINEL_ENV = "SENTINEL_ENV";
    public static final String CONTROLLER_SECRET_KEY = "CONTROLLER_SECRET_KEY";
    public static final String CONTROLLER_HMAC_SECRET = "CONTROLLER_HMAC_SECRET";
    public static final String API_AUTH_TOKEN = "API_AUTH_TOKEN";
    public static final String DASH_PASSWORD = "DASH_PASSWORD";
    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String REDIS_URL = "REDIS_URL";
    public static final String TRUSTED_PROXY_CIDRS = "TRUSTED_PROXY_CIDRS";
    public static final String TELEMETRY_RETENTION_DAYS = "TELEMETRY_RETENTION_DAYS";
    public static final String CONTROLLER_PORT = "CONTROLLER_PORT";
    public static final String SENTINEL_DATA_DIR = "SENTINEL_DATA_DIR";

    public static final String CONTROLLER_BIND = "CONTROLLER_BIND";
    public static final String CONTROLLER_MAX_BODY_BYTES = "CONTROLLER_MAX_BODY_BYTES";
    public static final String CONTROLLER_MAX_INFLATED_BYTES = "CONTROLLER_MAX_INFLATED_BYTES";
    public static final String CONTROLLER_SIGNATURE_SKEW_SECONDS = "CONTROLLER_SIGNATURE_SKEW_SECONDS";
    public static final String CONTROLLER_SENSOR_RATE = "CONTROLLER_SENSOR_RATE";
    public static final String CONTROLLER_SENSOR_BURST = "CONTROLLER_SENSOR_BURST";
    public static final String CONTROLLER_TOKEN_RATE = "CONTROLLER_TOKEN_RATE";
    public static final String CONTROLLER_TOKEN_BURST = "CONTROLLER_TOKEN_BURST";
    public static final String CONTROLLER_MAX_QUEUE_LAG = "CONTROLLER_MAX_QUEUE_LAG";

    /** Minimum length of API_AUTH_TOKEN in prod. */
    public static final int MIN_TOKEN_LENGTH = 32;
    /** Minimum length of DASH_PASSWORD in prod. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    /** Request limits; every one has an environment override. */
    public record Limits(
            long maxBodyBytes,
            long maxInflatedBytes,
            Duration signatureSkew,
            double sensorRatePerSecond,
            int sensorBurst,
            double tokenRatePerSecond,
            int tokenBurst,
            long maxQueueLag) {

        public static Limits defaults() {
            return new Limits(8L << 20, 64L << 20, Duration.ofSeconds(300), 50, 100, 100, 200, 50_000);
        }
    }

    /** Reads the real process environment. */
    public static ControllerConfig fromEnvironment() {
        return load(System.getenv());
    }

    /**
     * Validates {@code env}. In prod every problem is collected and thrown at once; outside prod
     * missing secrets are generated once and persisted in the data directory.
     *
     * @throws ConfigException with one line per problem, naming the variable, never its value
     */
    public static ControllerConfig load(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        boolean prod = "prod".equalsIgnoreCase(value(env, SENTINEL_ENV).orElse(""));
        Path dataDir = Path.of(value(env, SENTINEL_DATA_DIR).orElse("./data"));

        Optional<String> secretKeyText = value(env, CONTROLLER_SECRET_KEY);
        Optional<String> hmacText = value(env, CONTROLLER_HMAC_SECRET);
        Optional<String> token = value(env, API_AUTH_TOKEN);
        Optional<String> password = value(env, DASH_PASSWORD);
        Optional<String> databaseUrl = value(env, DATABASE_URL);
        Optional<String> redisUrl = value(env, REDIS_URL);

        if (prod) {
            requireSecret(problems, CONTROLLER_SECRET_KEY, secretKeyText, SecretRules::checkHexKey);
            requireSecret(problems, CONTROLLER_HMAC_SECRET, hmacText, SecretRules::checkHexKey);
            requireSecret(problems, API_AUTH_TOKEN, token, v -> SecretRules.checkStrength(v, MIN_TOKEN_LENGTH));
            requireSecret(problems, DASH_PASSWORD, password, v -> SecretRules.checkStrength(v, MIN_PASSWORD_LENGTH));
            if (databaseUrl.isEmpty()) {
                problems.add(DATABASE_URL + " is required when SENTINEL_ENV=prod");
            }
            if (redisUrl.isEmpty()) {
                problems.add(REDIS_URL + " is required when SENTINEL_ENV=prod");
            }
        } else {
            secretKeyText.flatMap(SecretRules::checkHexKeyFormat).ifPresent(p -> problems.add(CONTROLLER_SECRET_KEY + " " + p));
            hmacText.flatMap(SecretRules::checkHexKeyFormat).ifPresent(p -> problems.add(CONTROLLER_HMAC_SECRET + " " + p));
        }
        databaseUrl.ifPresent(url -> checkUrl(problems, DATABASE_URL, url, List.of("postgresql", "postgres")));
        redisUrl.ifPresent(url -> checkUrl(problems, REDIS_URL, url, List.of("redis", "rediss")));

        TrustedProxies proxies = TrustedProxies.none();
        try {
            proxies = TrustedProxies.parse(value(env, TRUSTED_PROXY_CIDRS).orElse(""));
        } catch (IllegalArgumentException e) {
            problems.add(TRUSTED_PROXY_CIDRS + " has an invalid entry: " + e.getMessage());
        }
        int retention = intValue(env, TELEMETRY_RETENTION_DAYS, 30, 1, 36_500, problems);
        int port = intValue(env, CONTROLLER_PORT, 5000, 0, 65_535, problems);
        String bind = value(env, CONTROLLER_BIND).orElse("0.0.0.0");
        Limits d = Limits.defaults();
        Limits limits = new Limits(
                longValue(env, CONTROLLER_MAX_BODY_BYTES, d.maxBodyBytes(), 1024, 1L << 30, problems),
                longValue(env, CONTROLLER_MAX_INFLATED_BYTES, d.maxInflatedBytes(), 1024, 1L << 31, problems),
                Duration.ofSeconds(longValue(env, CONTROLLER_SIGNATURE_SKEW_SECONDS, d.signatureSkew().toSeconds(), 1, 3600, problems)),
                doubleValue(env, CONTROLLER_SENSOR_RATE, d.sensorRatePerSecond(), problems),
                intValue(env, CONTROLLER_SENSOR_BURST, d.sensorBurst(), 1, 1_000_000, problems),
                doubleValue(env, CONTROLLER_TOKEN_RATE, d.tokenRatePerSecond(), problems),
                intValue(env, CONTROLLER_TOKEN_BURST, d.tokenBurst(), 1, 1_000_000, problems),
                longValue(env, CONTROLLER_MAX_QUEUE_LAG, d.maxQueueLag(), 1, Long.MAX_VALUE, problems));

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }

        if (!prod) {
            DevSecrets dev = DevSecrets.open(dataDir);
            secretKeyText = Optional.of(secretKeyText.orElseGet(() -> dev.getOrGenerate(CONTROLLER_SECRET_KEY, DevSecrets::randomHexKey)));
            hmacText = Optional.of(hmacText.orElseGet(() -> dev.getOrGenerate(CONTROLLER_HMAC_SECRET, DevSecrets::randomHexKey)));
            token = Optional.of(token.orElseGet(() -> dev.getOrGenerate(API_AUTH_TOKEN, () -> DevSecrets.randomToken("snt_", 32))));
            password = Optional.of(password.orElseGet(() -> dev.getOrGenerate(DASH_PASSWORD, () -> DevSecrets.randomToken("", 18))));
            dev.save();
            // a secrets file edited by hand could hold a malformed key
            List<String> devProblems = new ArrayList<>();
            SecretRules.checkHexKeyFormat(secretKeyText.get()).ifPresent(p -> devProblems.add(CONTROLLER_SECRET_KEY + " (from " + dev.file() + ") " + p));
            SecretRules.checkHexKeyFormat(hmacText.get()).ifPresent(p -> devProblems.add(CONTROLLER_HMAC_SECRET + " (from " + dev.file() + ") " + p));
            if (!devProblems.isEmpty()) {
                throw new ConfigException(devProblems);
            }
        }
        HexFormat hex = HexFormat.of();
        return new ControllerConfig(prod,
                hex.parseHex(secretKeyText.orElseThrow().toLowerCase(Locale.ROOT)),
                hex.parseHex(hmacText.orElseThrow().toLowerCase(Locale.ROOT)),
                token.orElseThrow(), password.orElseThrow(),
                databaseUrl, redisUrl, proxies, retention, bind, port, dataDir, limits);
    }

    /** A copy listening on another port (tests bind port 0). */
    public ControllerConfig withPort(int newPort) {
        return new ControllerConfig(prod, secretKey, hmacSecret, apiAuthToken, dashPassword, databaseUrl, redisUrl,
                trustedProxies, telemetryRetentionDays, bindHost, newPort, dataDir, limits);
    }

    /** A copy with other limits. */
    public ControllerConfig withLimits(Limits newLimits) {
        return new ControllerConfig(prod, secretKey, hmacSecret, apiAuthToken, dashPassword, databaseUrl, redisUrl,
                trustedProxies, telemetryRetentionDays, bindHost, port, dataDir, newLimits);
    }

    /** A copy trusting other proxies. */
    public ControllerConfig withTrustedProxies(TrustedProxies proxies) {
        return new ControllerConfig(prod, secretKey, hmacSecret, apiAuthToken, dashPassword, databaseUrl, redisUrl,
                proxies, telemetryRetentionDays, bindHost, port, dataDir, limits);
    }

    @Override
    public byte[] secretKey() {
        return secretKey.clone();
    }

    @Override
    public byte[] hmacSecret() {
        return hmacSecret.clone();
    }

    @Override
    public String toString() {
        return "ControllerConfig[prod=" + prod + ", database=" + (databaseUrl.isPresent() ? "external" : "embedded")
                + ", queue=" + (redisUrl.isPresent() ? "redis" : "in-process") + ", trustedProxies=" + trustedProxies.networks()
                + ", port=" + port + ", dataDir=" + dataDir + ", limits=" + limits + "]";
    }

    private interface Check {
        Optional<String> problem(String value);
    }

    private static void requireSecret(List<String> problems, String name, Optional<String> value, Check check) {
        if (value.isEmpty()) {
            problems.add(name + " is required when SENTINEL_ENV=prod");
            return;
        }
        check.problem(value.get()).ifPresent(p -> problems.add(name + " " + p));
    }

    private static void checkUrl(List<String> problems, String name, String url, List<String> schemes) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                problems.add(name + " must be a URL with scheme " + String.join(" or ", schemes));
            } else if (uri.getHost() == null) {
                problems.add(name + " has no host");
            }
        } catch (URISyntaxException e) {
            problems.add(name + " is not a valid URL");
        }
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private static int intValue(Map<String, String> env, String name, int def, int min, int max, List<String> problems) {
        return (int) longValue(env, name, def, min, max, problems);
    }

    private static long longValue(Map<String, String> env, String name, long def, long min, long max, List<String> problems) {
        Optional<String> v = value(env, name);
        if (v.isEmpty()) {
            return def;
        }
        try {
            long parsed = Long.parseLong(v.get());
            if (parsed < min || parsed > max) {
                problems.add(name + " must be between " + min + " and " + max);
                return def;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number");
            return def;
        }
    }

    private static double doubleValue(Map<String, String> env, String name, double def, List<String> problems) {
        Optional<String> v = value(env, name);
        if (v.isEmpty()) {
            return def;
        }
        try {
            double parsed = Double.parseDouble(v.get());
            if (!(parsed > 0) || Double.isInfinite(parsed)) {
                problems.add(name + " must be a positive number");
                return def;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(name + " must be a number");
            return def;
        }
    }
}
