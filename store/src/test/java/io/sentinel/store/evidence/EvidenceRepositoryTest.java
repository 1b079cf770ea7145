package io.sentinel.store.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.store.Database;
import io.sentinel.store.Sql;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.testing.TestPostgres;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EvidenceRepositoryTest {
    static Database db;
    static final Instant T = Instant.parse("2026-11-30T10:15:30Z");

    @BeforeAll
    static void start() {
        db = TestPostgres.migratedDatabase();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void clean() throws Exception {
        TestPostgres.truncateAll(db);
        try (Connection c = db.connection(); var s = c.createStatement()) {
            s.execute("TRUNCATE evidence RESTART IDENTITY");
        }
    }

    private static EvidenceRepository.Upload upload(String sensor, String evidenceId, String report, long size, Instant at) {
        return new EvidenceRepository.Upload(sensor, evidenceId, report, "deauth_flood", size, "ab".repeat(32), 3,
                Optional.of(at.minusSeconds(5)), Optional.of(at), Optional.of(at.minusSeconds(1)), "wlan0mon",
                List.of(new EvidenceRecord.PreviewFrame(1, at.minusSeconds(5), 60, "deauth aa -> ff ssid \"<b>\"")), at);
    }

    private static void report(String sensor, String reportId) throws Exception {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            new AlertRepository(db).upsert(c, sensor, new AlertMessage(reportId, "deauth_flood", "high", 0.9, T, T.plusSeconds(3), 40,
                    "0b:00:00:00:00:01", null, null, null, 6, List.of(), List.of(), Map.of(), "flood"));
            c.commit();
        }
    }

    @Test
    void keyIsDerivedOnTheServerAndTheFileIsLinkedWhenTheAlertArrivesLater() throws Exception {
        EvidenceRepository repo = new EvidenceRepository(db);
        EvidenceRecord r = repo.reserve(upload("s-1", "ev-1", "deauth_flood:0b:00", 100, T));
        assertThat(r.objectKey()).isEqualTo("evidence/2026/11/30/deauth_flood_0b_00/s-1-1.pcapng");
        assertThat(r.stored()).isFalse();
        repo.markStored(r.id(), T);
        assertThat(repo.find("s-1", "ev-1").orElseThrow().stored()).isTrue();
        report("s-1", "deauth_flood:0b:00"); // the alert arrives after the file
        String alertId = repo.get(r.id()).orElseThrow().alertId().orElseThrow();
        List<EvidenceRecord> listed = repo.forAlert(alertId);
        assertThat(listed).extracting(EvidenceRecord::evidenceId).containsExactly("ev-1");
        assertThat(listed.get(0).preview().get(0).summary()).isEqualTo("deauth aa -> ff ssid \"<b>\"");
        // a second file of the same alert and sensor gets the next number
        assertThat(repo.reserve(upload("s-1", "ev-2", "deauth_flood:0b:00", 100, T)).objectKey()).endsWith("/s-1-2.pcapng");
        // the same evidence id again returns the first row, no second one
        assertThat(repo.reserve(upload("s-1", "ev-1", "deauth_flood:0b:00", 100, T)).id()).isEqualTo(r.id());
    }

    @Test
    void pathCharactersNeverReachTheKey() {
        assertThat(EvidenceKeys.of(T, "../..", "s.1", 1)).isEqualTo("evidence/2026/11/30/_____/s_1-1.pcapng");
    }

    @Test
    void retentionAndQuotaSelectExactlyTheOldOnesAndDeletionIsAudited() throws Exception {
        EvidenceRepository repo = new EvidenceRepository(db);
        EvidenceRecord old = repo.reserve(upload("s-1", "ev-old", "a-1", 400, T.minus(Duration.ofDays(40))));
        EvidenceRecord mid = repo.reserve(upload("s-1", "ev-mid", "a-1", 400, T.minus(Duration.ofDays(2))));
        EvidenceRecord fresh = repo.reserve(upload("s-1", "ev-new", "a-1", 400, T));
        EvidenceRecord other = repo.reserve(upload("s-2", "ev-other", "a-2", 400, T.minus(Duration.ofDays(2))));
        for (EvidenceRecord r : List.of(old, mid, fresh, other)) repo.markStored(r.id(), r.receivedAt());
        assertThat(repo.receivedBefore(T.minus(Duration.ofDays(30)), 100)).extracting(EvidenceRecord::id).containsExactly(old.id());
        // quota 900 bytes per sensor: s-1 keeps its newest two (800), s-2 its only one
        assertThat(repo.overQuota(900, 100)).extracting(EvidenceRecord::id).containsExactly(old.id());
        assertThat(repo.overQuota(500, 100)).extracting(EvidenceRecord::id).containsExactly(old.id(), mid.id());
        assertThat(repo.storedBytes("s-1")).isEqualTo(1200);
        assertThat(repo.delete(old, "retention", "older than 30 days", T)).isTrue();
        assertThat(repo.delete(old, "retention", "older than 30 days", T)).isFalse();
        assertThat(repo.get(old.id())).isEmpty();
        assertThat(Sql.count(db, "SELECT count(*) FROM audit_log WHERE action = 'evidence.delete' AND target = ?",
                Long.toString(old.id()))).isEqualTo(1);
    }
}
