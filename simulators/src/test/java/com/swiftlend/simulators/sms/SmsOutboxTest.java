package com.swiftlend.simulators.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmsOutboxTest {

    @Test
    void givenMoreThanCapacity_whenSent_theOldestMessagesAreDropped() {
        SmsOutbox outbox = new SmsOutbox();
        for (int i = 0; i < SmsOutbox.CAPACITY + 5; i++) {
            outbox.send("1380000" + (i % 2), "message " + i);
        }

        List<SmsMessage> all = outbox.sentTo(null);

        assertThat(all).hasSize(SmsOutbox.CAPACITY);
        assertThat(all.get(0).text()).isEqualTo("message 5");
        assertThat(all.get(all.size() - 1).text()).isEqualTo("message " + (SmsOutbox.CAPACITY + 4));
    }
}
