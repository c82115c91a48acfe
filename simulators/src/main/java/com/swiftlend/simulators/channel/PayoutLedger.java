package com.swiftlend.simulators.channel;

import com.swiftlend.simulators.ConditionalOnSimulatorsEnabled;
import com.swiftlend.simulators.SimulatorsProperties;
import java.math.BigDecimal;
import java.time.Duration;
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
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every payout each channel has processed, keyed by the caller's idempotency key, and the balance each
 * channel still holds. Nothing is ever evicted: a forgotten key would let a retry pay out twice, which
 * is the one thing a channel must not do.
 *
 * <p>Declines, first match wins: card ending 0002 → CARD_BLOCKED (every channel, the beneficiary's
 * bank); card ending 0003 on a risk-controlled channel (swiftpay) → RISK_CONTROL; amount above the
 * channel's balance → INSUFFICIENT_BALANCE. An accepted payout (SUCCEEDED or PENDING) is debited at
 * once; a PENDING one becomes SUCCEEDED when it is read at or after its settle time, computed from the
 * stored acceptance time so that no thread has to wake up for it.
 */
@Component
@ConditionalOnSimulatorsEnabled
class PayoutLedger {

    /** Cards ending like this are declined, so tests and demos can provoke a decline on purpose. */
    static final String BLOCKED_CARD_SUFFIX = "0002";
    /** Declined by a risk-controlled channel's own engine only. */
    static final String RISK_CONTROLLED_CARD_SUFFIX = "0003";

    private final Map<PaymentChannel, ConcurrentMap<String, Entry>> entries = new EnumMap<>(PaymentChannel.class);
    private final Map<PaymentChannel, ChannelBalance> balances = new EnumMap<>(PaymentChannel.class);

    PayoutLedger(SimulatorsProperties properties) {
        for (PaymentChannel channel : PaymentChannel.values()) {
            BigDecimal initial = channel.settingsIn(properties).getInitialBalance();
            if (initial == null || initial.signum() < 0) {
                throw new IllegalStateException("Invalid swiftlend.simulators." + channel.party().slug()
                        + ".initial-balance: must be zero or more");
            }
            entries.put(channel, new ConcurrentHashMap<>());
            balances.put(channel, new ChannelBalance(initial));
        }
    }

    /**
     * @param settleAfter null to finish the payout at once, else how long it stays PENDING
     */
    Submission submit(PaymentChannel channel, String idempotencyKey, PayoutRequest request, Duration settleAfter) {
        Entry[] created = new Entry[1];
        // computeIfAbsent rather than putIfAbsent: two concurrent first attempts with one key still agree on
        // a single payout, and only that one payout's amount is debited from the balance.
        Entry entry = entries.get(channel).computeIfAbsent(idempotencyKey,
                key -> created[0] = process(channel, key, request, settleAfter));
        if (entry == created[0]) {
            return new Submission(entry.accepted(), false);
        }
        if (!entry.request().sameAs(request)) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "Idempotency-Key '" + idempotencyKey + "' was already used for a different payout");
        }
        return new Submission(entry.asOf(Instant.now()), true);
    }

    Optional<Payout> find(PaymentChannel channel, String idempotencyKey) {
        return Optional.ofNullable(entries.get(channel).get(idempotencyKey)).map(entry -> entry.asOf(Instant.now()));
    }

    List<Payout> processed(PaymentChannel channel) {
        return inOrder(entries.get(channel).values().stream().map(entry -> entry.asOf(Instant.now())));
    }

    List<Payout> processedOn(PaymentChannel channel, LocalDate day) {
        return inOrder(entries.get(channel).values().stream()
                .map(entry -> entry.asOf(Instant.now()))
                .filter(payout -> payout.processedAt().atZone(ZoneOffset.UTC).toLocalDate().equals(day)));
    }

    BigDecimal available(PaymentChannel channel) {
        return balances.get(channel).available();
    }

    void setAvailable(PaymentChannel channel, BigDecimal available) {
        balances.get(channel).set(available);
    }

    private static List<Payout> inOrder(Stream<Payout> payouts) {
        return payouts.sorted(Comparator.comparing(Payout::processedAt).thenComparing(Payout::payoutId)).toList();
    }

    private Entry process(PaymentChannel channel, String idempotencyKey, PayoutRequest request, Duration settleAfter) {
        String declineReason = declineReason(channel, request);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PayoutStatus status = declineReason != null ? PayoutStatus.DECLINED
                : settleAfter != null ? PayoutStatus.PENDING
                : PayoutStatus.SUCCEEDED;
        String payoutId = channel.name() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Payout payout = new Payout(payoutId, idempotencyKey, status, declineReason, request.amount(),
                request.currency().toUpperCase(Locale.ROOT), now);
        return new Entry(request, payout, status == PayoutStatus.PENDING ? now.plus(settleAfter) : null);
    }

    private String declineReason(PaymentChannel channel, PayoutRequest request) {
        String card = request.cardDigits();
        if (card.endsWith(BLOCKED_CARD_SUFFIX)) {
            return "CARD_BLOCKED";
        }
        if (channel.riskControlled() && card.endsWith(RISK_CONTROLLED_CARD_SUFFIX)) {
            return "RISK_CONTROL";
        }
        // Last, so that a payout declined for another reason never touches the balance.
        if (!balances.get(channel).tryDebit(request.amount())) {
            return "INSUFFICIENT_BALANCE";
        }
        return null;
    }

    record Submission(Payout payout, boolean replayed) {
    }

    /** The payout as the channel first answered it, and when a PENDING one settles. */
    private record Entry(PayoutRequest request, Payout accepted, Instant settlesAt) {

        Payout asOf(Instant now) {
            return settlesAt != null && !now.isBefore(settlesAt) ? accepted.settled() : accepted;
        }
    }
}
