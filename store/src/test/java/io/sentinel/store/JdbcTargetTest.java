package io.sentinel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcTargetTest {
    @Test
    void databaseUrlFormIsTranslatedToJdbcWithDecodedCredentials() {
        JdbcTarget t = JdbcTarget.parse("postgresql://sentinel:p%40ss%3Aw0rd@db.internal:5433/sentinel?sslmode=require");
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/sentinel?sslmode=require");
        assertThat(t.user()).isEqualTo("sentinel");
        assertThat(t.password()).isEqualTo("p@ss:w0rd");
        assertThat(t.toString()).doesNotContain("p@ss");
    }

    @Test
    void postgresSchemeJdbcUrlsAndDefaultsAreAccepted() {
        assertThat(JdbcTarget.parse("postgres://u@localhost/db").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/db");
        assertThat(JdbcTarget.parse("postgres://u@localhost/db").password()).isNull();
        assertThat(JdbcTarget.parse("postgresql://h:5432").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/postgres");
        JdbcTarget jdbc = JdbcTarget.parse("jdbc:postgresql://h/db?user=a&password=secret");
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?user=a&password=secret");
        assertThat(jdbc.toString()).doesNotContain("secret");
    }

    @Test
    void otherSchemesAndBrokenUrlsAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> JdbcTarget.parse("mysql://u:topsecret@h/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> JdbcTarget.parse("postgresql://u:top secret@h/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("top secret");
        assertThatThrownBy(() -> JdbcTarget.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
