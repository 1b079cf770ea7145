package io.sentinel.worker.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.store.notify.ChannelSettings;
import io.sentinel.worker.notify.transport.Transport;
import io.sentinel.worker.notify.transport.WebhookTransport;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A batch past its deadline starts no further message: the rest goes back untried, not as a failure. */
class TransportDeadlineTest {
    @Test
    void webhookStopsAtTheDeadlineWithoutAFailure() throws Exception {
        try (HttpReceiver rx = new HttpReceiver();
                WebhookTransport t = new WebhookTransport(new ChannelSettings.Webhook(ChannelSettings.Shape.SENTINEL, 5, true),
                        Map.of("url", rx.url()), true, "test", Clock.systemUTC())) {
            List<Message> batch = List.of(FormatsTest.message(), FormatsTest.message());
            Transport.Result late = t.send(batch, System.nanoTime() - 1);
            assertThat(late.delivered()).isZero();
            assertThat(late.failure()).isEmpty();
            assertThat(rx.received).isEmpty();
            Transport.Result inTime = t.send(batch, System.nanoTime() + 10_000_000_000L);
            assertThat(inTime.delivered()).isEqualTo(2);
            assertThat(rx.received).hasSize(2);
        }
    }
}
