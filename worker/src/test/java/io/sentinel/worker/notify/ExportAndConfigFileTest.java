package io.sentinel.worker.notify;

import static io.sentinel.worker.notify.NotifyFixture.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.notify.ChannelDefinition;
import io.sentinel.store.notify.InvalidNotifyConfig;
import io.sentinel.store.notify.NotifyRepository;
import io.sentinel.store.notify.SecretBox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExportAndConfigFileTest extends NotifyDatabaseTest {


    @Test
    void exportFileGetsOneEveLinePerAlertAndRotates() throws Exception {
        fx.channel(Map.of("id", "eve", "kind", "file", "settings", Map.of("name", "alerts.json", "max_bytes", 8192,
                "keep", 2)));
        fx.rule(Map.of("id", "everything", "channels", List.of("eve"), "rate_limit", Map.of("messages", 1000,
                "window_seconds", 60)));
        List<AlertMessage> reports = new ArrayList<>();
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        for (int i = 0; i < 40; i++) {
            reports.add(alert("x" + i, "probe_flood", "low", String.format("aa:bb:cc:00:05:%02x", i), "Line\nBreak" + i,
                    t, t.plusSeconds(1), 3));
        }
        fx.ingest("s1", reports);
        fx.drain(Duration.ofSeconds(20));
        Path dir = tmp.resolve("export");
        assertThat(dir.resolve("alerts.json")).exists();
        assertThat(dir.resolve("alerts.json.1")).exists();
        assertThat(dir.resolve("alerts.json.2")).exists();
        assertThat(dir.resolve("alerts.json.3")).doesNotExist();
        for (String name : List.of("alerts.json", "alerts.json.1")) {
            for (String line : Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8)) {
                JsonNode e = Wire.mapper().readTree(line);
                assertThat(e.get("event_type").asText()).isEqualTo("alert");
                assertThat(e.get("alert").get("ssid").asText()).startsWith("Line\nBreak");
                assertThat(e.get("message_id").asText()).matches("[0-9a-f-]{36}");
            }
            assertThat(Files.size(dir.resolve(name))).isLessThanOrEqualTo(8192);
        }
    }

    @Test
    void secretsAreSealedNeverShownAndBoundToTheirKeyAndChannel() throws Exception {
        String url = "https://hooks.example.org/services/T000/B000/very-secret-path";
        fx.channel(Map.of("id", "slack", "kind", "webhook", "settings", Map.of("shape", "slack"),
                "secrets", Map.of("url", url, "signing_key", "signing-key-0123456789")));
        String shown = Wire.writeString(fx.repo.channel("slack").orElseThrow().toJson());
        assertThat(shown).doesNotContain("very-secret-path").doesNotContain("signing-key")
                .contains("\"target\":\"https://hooks.example.org/…\"").contains("\"secrets_set\":[\"signing_key\",\"url\"]");
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT secrets, settings::text FROM notify_channels")) {
            rs.next();
            assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)).doesNotContain("very-secret");
            assertThat(rs.getString(2)).doesNotContain("very-secret");
        }
        assertThat(fx.repo.channelForSending("slack").orElseThrow().secrets()).containsEntry("url", url);
        // a box under another key cannot open them, and says why
        NotifyRepository otherKey = new NotifyRepository(db, SecretBox.fromControllerSecret(new byte[32]));
        assertThatThrownBy(() -> otherKey.channelForSending("slack")).isInstanceOf(SecretBox.Unreadable.class)
                .hasMessageContaining("another CONTROLLER_SECRET_KEY");
        // replacing the settings without secrets keeps the stored ones
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            Map<String, Object> json = Map.of("id", "slack", "kind", "webhook", "settings", Map.of("shape", "teams"));
            ChannelDefinition d = ChannelDefinition.parse(json, Optional.of("slack"));
            fx.repo.saveChannel(c, d, ChannelDefinition.secretChanges(json, d.settings()), "api", false);
            c.commit();
        }
        assertThat(fx.repo.channelForSending("slack").orElseThrow().secrets()).containsEntry("url", url);
        SecretBox box = fx.box;
        byte[] sealed = box.seal("x".getBytes(StandardCharsets.UTF_8), "one");
        assertThatThrownBy(() -> box.open(sealed, "two")).isInstanceOf(SecretBox.Unreadable.class);
    }

    @Test
    void configurationFileManagesItsChannelsAndRulesAndResolvesSecretReferences() throws Exception {
        HttpReceiver rx = new HttpReceiver();
        try (rx) {
            Path file = tmp.resolve("notifications.yaml");
            Files.writeString(file, """
                    channels:
                      - id: soc-hook
                        name: SOC webhook
                        kind: webhook
                        settings: {allow_http: true}
                        secrets:
                          url: {env: SOC_HOOK_URL}
                          signing_key: {file: %s}
                    rules:
                      - id: high-to-soc
                        channels: [soc-hook]
                        match: {min_severity: high, events: [opened]}
                        rate_limit: {messages: 5, window_seconds: 600}
                    """.formatted(tmp.resolve("key.txt")));
            Files.writeString(tmp.resolve("key.txt"), "file-signing-key-0123456789\n");
            NotifyConfigFile.Applied a = NotifyConfigFile.apply(db, fx.repo, file, Map.of("SOC_HOOK_URL", rx.url()));
            assertThat(a.channels()).isEqualTo(1);
            assertThat(fx.repo.channel("soc-hook").orElseThrow().managedBy()).isEqualTo("file");
            assertThat(fx.repo.channelForSending("soc-hook").orElseThrow().secrets())
                    .containsEntry("signing_key", "file-signing-key-0123456789");
            // the API may not change what the file manages
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                assertThatThrownBy(() -> fx.repo.deleteRule(c, "high-to-soc", "api"))
                        .isInstanceOf(NotifyRepository.Conflict.class);
                c.rollback();
            }
            Instant t = Instant.parse("2026-11-30T10:00:00Z");
            fx.ingest("s1", List.of(alert("c1", "pmkid_harvest", "high", "aa:bb:cc:00:06:01", "Corp", t, t.plusSeconds(1), 2),
                    alert("c2", "probe_flood", "low", "aa:bb:cc:00:06:02", "Corp", t, t.plusSeconds(1), 2)));
            fx.drain(Duration.ofSeconds(10));
            assertThat(rx.received).hasSize(1);
            assertThat(Wire.mapper().readTree(rx.received.getFirst().body()).get("alert").get("id").asText())
                    .isEqualTo("c1");

            // a bad file changes nothing and names the field
            Files.writeString(file, "channels:\n  - id: soc-hook\n    kind: webhook\n    secrets: {url: {env: MISSING}}\n");
            assertThatThrownBy(() -> NotifyConfigFile.apply(db, fx.repo, file, Map.of()))
                    .isInstanceOf(InvalidNotifyConfig.class).hasMessageContaining("channels[0].secrets.url")
                    .hasMessageContaining("MISSING");
            assertThat(fx.repo.rule("high-to-soc")).isPresent();
            // removing them from the file removes them
            Files.writeString(file, "channels: []\nrules: []\n");
            NotifyConfigFile.Applied empty = NotifyConfigFile.apply(db, fx.repo, file, Map.of());
            assertThat(empty.removed()).containsExactly("rule high-to-soc", "channel soc-hook");
            assertThat(fx.repo.channels()).isEmpty();
            Set<String> actions = new HashSet<>();
            try (Connection c = db.connection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT action FROM audit_log")) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
            }
            assertThat(actions).containsExactly("notify.file.apply");
        }
    }
}
