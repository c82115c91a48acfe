package com.swiftlend.simulators.channel;

import com.swiftlend.simulators.ConditionalOnSimulatorsEnabled;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every payout each channel has processed, keyed by the caller's idempotency key. Nothing is ever
 * evicted: a forgotten key would let a retry pay out twice, which is the one thing a channel must not do.
 */
@Component
@ConditionalOnSimulatorsEnabled
class PayoutLedger {

    /** Cards ending like this are declined, so tests and demos can provoke a decline on purpose. */
    static final String BLOCKED_CARD_SUFFIX = "0002";

    private final Map<PaymentChannel, ConcurrentMap<String, Entry>> entries = new EnumMap<>(PaymentChannel.class);

    PayoutLedger() {
        for (PaymentChannel channel : PaymentChannel.values()) {
            entries.put(channel, new ConcurrentHashMap<>());
        }
    }

    Submission submit(PaymentChannel channel, String idempotencyKey, PayoutRequest request) {
        Entry candidate = new Entry(request, process(channel, idempotencyKey, request));
        // putIfAbsent makes two concurrent first attempts with one key agree on a single payout.
        Entry existing = entries.get(channel).putIfAbsent(idempotencyKey, candidate);
        if (existing == null) {
            return new Submission(candidate.payout(), false);
        }
        if (!existing.request().sameAs(request)) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "Idempotency-Key '" + idempotencyKey + "' was already used for a different payout");
        }
        return new Submission(existing.payout(), true);
    }

    Optional<Payout> find(PaymentChannel channel, String idempotencyKey) {
        return Optional.ofNullable(entries.get(channel).get(idempotencyKey)).map(Entry::payout);
    }

    List<Payout> processedOn(PaymentChannel channel, LocalDate day) {
        return entries.get(channel).values().stream()
                .map(Entry::payout)
                .filter(payout -> payout.processedAt().atZone(ZoneOffset.UTC).toLocalDate().equals(day))
                .sorted(Comparator.comparing(Payout::processedAt).thenComparing(Payout::payoutId))
                .toList();
    }

    private static Payout process(PaymentChannel channel, String idempotencyKey, PayoutRequest request) {
        boolean blocked = request.cardDigits().endsWith(BLOCKED_CARD_SUFFIX);
        String payoutId = channel.name() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        return new Payout(
                payoutId,
                idempotencyKey,
                blocked ? PayoutStatus.DECLINED : PayoutStatus.SUCCEEDED,
                blocked ? "CARD_BLOCKED" : null,
                request.amount(),
                request.currency().toUpperCase(Locale.ROOT),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    record Submission(Payout payout, boolean replayed) {
    }

    private record Entry(PayoutRequest request, Payout payout) {
    }
}
