package com.swiftlend.simulators.sms;

import com.swiftlend.simulators.ConditionalOnSimulatorsEnabled;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * Messages "delivered" so far, kept only so tests and demos can read what a customer would have seen.
 * Bounded because a load test sends one per application and nobody reads that far back.
 */
@Component
@ConditionalOnSimulatorsEnabled
class SmsOutbox {

    static final int CAPACITY = 10_000;

    private final Deque<SmsMessage> messages = new ArrayDeque<>();

    SmsMessage send(String phone, String text) {
        SmsMessage message = new SmsMessage(
                "SMS-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()),
                phone,
                text,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        synchronized (messages) {
            messages.addLast(message);
            while (messages.size() > CAPACITY) {
                messages.removeFirst();
            }
        }
        return message;
    }

    /** Oldest first; every message when phone is null. */
    List<SmsMessage> sentTo(String phone) {
        synchronized (messages) {
            return messages.stream().filter(message -> phone == null || message.phone().equals(phone)).toList();
        }
    }
}
