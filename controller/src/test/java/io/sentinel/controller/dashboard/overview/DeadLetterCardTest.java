package io.sentinel.controller.dashboard.overview;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.controller.dashboard.web.Templates;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The overview's cards show held dead letters as an alarm, and nothing while there are none. */
class DeadLetterCardTest {
    private final Templates templates = new Templates();

    private String cards(long deadLetters) {
        return templates.render("tag/cards", Map.of("stats", new OverviewStats(Map.of(), Map.of(), 0, 0, 0.0, deadLetters)));
    }

    @Test
    void heldDeadLettersShowAsAnAlarmCard() {
        String html = cards(3);
        assertThat(html).contains("class=\"card alarm\"").contains("id=\"dead-letters\">3<")
                .contains("dead-lettered ingest entries").contains("sentinel queue dead-letters");
    }

    @Test
    void anUnreachableQueueIsShownAsUnknown() {
        assertThat(cards(-1)).contains("id=\"dead-letters\">?<").contains("queue unreachable");
    }

    @Test
    void noCardWithoutDeadLetters() {
        assertThat(cards(0)).doesNotContain("dead-letters");
    }
}
