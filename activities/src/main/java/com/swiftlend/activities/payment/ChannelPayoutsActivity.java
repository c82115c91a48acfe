package com.swiftlend.activities.payment;

import com.swiftlend.activities.PartnerHttp;
import com.swiftlend.records.audit.AuditEvent;
import com.swiftlend.records.audit.AuditTrail;
import com.swiftlend.records.channel.ChannelRegistry;
import com.swiftlend.records.channel.PaymentChannel;
import com.swiftlend.records.ledger.Ledger;
import com.swiftlend.records.ledger.PrincipalHold;
import com.swiftlend.records.payout.ChannelBalanceHolds;
import com.swiftlend.records.payout.Payout;
import com.swiftlend.records.payout.PayoutRepository;
import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.payment.ChannelPayouts;
import com.swiftlend.workflows.payment.PayoutAttempt;
import com.swiftlend.workflows.payment.PayoutOrder;
import com.swiftlend.workflows.payment.PayoutState;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Payouts through the payment channels, every state explicit. Each state change and its ledger
 * and balance-hold effect are one database transaction; the request leaves only after the row says
 * it may have left, so a crash at any point leaves either "never sent" (CLAIMED) or "in doubt"
 * (SENT_UNCONFIRMED), never a payout that left while our books say it did not. A payout in doubt
 * is settled only by the same channel for the same key: a lookup, or a resend of the same key,
 * which the channel deduplicates. The card number goes to the channel and nowhere else.
 */
@Component
class ChannelPayoutsActivity implements ChannelPayouts {

    private static final Logger log = LoggerFactory.getLogger(ChannelPayoutsActivity.class);

    private static final Set<PayoutState> SENDABLE = EnumSet.of(PayoutState.CLAIMED, PayoutState.SENT_UNCONFIRMED);
    private static final Set<PayoutState> RESENDABLE =
            EnumSet.of(PayoutState.SENT_UNCONFIRMED, PayoutState.PENDING_AT_CHANNEL);

    private final Map<String, RestClient> channels;
    private final PayoutRepository payouts;
    private final ChannelBalanceHolds holds;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final ChannelRegistry registry;
    private final PayoutProperties properties;
    private final Clock clock;

    ChannelPayoutsActivity(RestClient.Builder builder, PaymentProperties payments, PayoutProperties properties,
            PayoutRepository payouts, ChannelBalanceHolds holds, Ledger ledger, AuditTrail audit,
            TransactionTemplate transactions, ChannelRegistry registry, Clock clock) {
        this.channels = payments.channels().stream().collect(Collectors.toUnmodifiableMap(
                PaymentProperties.Channel::name,
                channel -> PartnerHttp.client(builder, channel.baseUrl(), channel.connectTimeout(),
                        channel.readTimeout())));
        this.payouts = payouts;
        this.holds = holds;
        this.ledger = ledger;
        this.audit = audit;
        this.transactions = transactions;
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public PayoutAttempt sendPayout(PayoutOrder order) {
        RestClient client = client(order);
        PaymentChannel terms = terms(order);
        Payout claimed = claim(order);
        if (!SENDABLE.contains(claimed.getState())) {
            return attempt(claimed);
        }
        Send send = markSent(order, SENDABLE);
        if (send.number() == 0) {
            return attempt(send.payout());
        }
        return settle(order, post(client, order), send.number(), terms);
    }

    @Override
    public PayoutAttempt resolvePayoutInDoubt(PayoutOrder order) {
        RestClient client = client(order);
        PaymentChannel terms = terms(order);
        Optional<Payout> recorded = payouts.findById(order.idempotencyKey());
        if (recorded.isEmpty()) {
            // Never claimed, so nothing under this key ever left for the channel.
            return new PayoutAttempt(order.idempotencyKey(), order.attempt(), order.channel(), order.amount(),
                    PayoutState.PROVEN_NOT_SENT, null, "NO_PAYOUT_RECORDED", false, order.funder());
        }
        Payout payout = sameOrder(recorded.get(), order);
        if (payout.getState().isFinal()) {
            return attempt(payout);
        }
        if (payout.getState() == PayoutState.CLAIMED) {
            return change(order, row -> row.getState() == PayoutState.CLAIMED,
                    row -> notPaid(row, () -> row.provenNotSent("NEVER_SENT", now())));
        }
        ChannelAnswer lookup = get(client, order);
        if (lookup.kind() == ChannelAnswer.Kind.ANSWERED) {
            return settle(order, lookup, 0, terms);
        }
        if (lookup.kind() != ChannelAnswer.Kind.NOT_FOUND) {
            return attempt(payout);
        }
        // Not found is proof only once no request of ours can still be in flight there.
        if (payout.inDoubtWindowPassed(inDoubtWindow(terms), now())) {
            return change(order, row -> row.getState().inDoubt(), row -> notPaid(row,
                    () -> row.provenNotSentAfterWindow(inDoubtWindow(terms), "NOT_FOUND_AFTER_WINDOW", now())));
        }
        Send resend = markSent(order, RESENDABLE);
        if (resend.number() == 0) {
            return attempt(resend.payout());
        }
        return settle(order, post(client, order), resend.number(), terms);
    }

    @Override
    public List<PayoutAttempt> recordedPayoutAttempts(String applicationId) {
        return payouts.findByApplicationIdOrderByAttempt(UUID.fromString(applicationId)).stream()
                .map(ChannelPayoutsActivity::attempt)
                .toList();
    }

    /**
     * Writes the row, the balance hold and the pending principal for a new attempt (and the audit
     * record of the request, last), or finds the row an earlier execution wrote.
     */
    private Payout claim(PayoutOrder order) {
        Optional<Payout> existing = payouts.findById(order.idempotencyKey());
        if (existing.isPresent()) {
            return sameOrder(existing.get(), order);
        }
        try {
            return transactions.execute(status -> {
                Instant now = now();
                Payout payout = payouts.saveAndFlush(Payout.claimed(order.idempotencyKey(),
                        UUID.fromString(order.applicationId()), order.attempt(), order.channel(), order.amount(),
                        order.currency(), order.funder(), now));
                holds.hold(order.idempotencyKey(), order.channel(), order.amount(), now);
                ledger.holdPrincipal(new PrincipalHold(payout.getApplicationId(), order.idempotencyKey(),
                        order.funder(), order.channel(), order.amount(), payout.getCurrency()));
                audit.append(new AuditEvent.PayoutRequested(payout.getApplicationId(), order.idempotencyKey(),
                        order.attempt(), order.channel(), order.amount(), payout.getCurrency()));
                return payout;
            });
        } catch (DataIntegrityViolationException raced) {
            return sameOrder(payouts.findById(order.idempotencyKey()).orElseThrow(() -> raced), order);
        }
    }

    /**
     * Records that the request is about to leave, conditional on the row still being in one of
     * {@code from}: a row the sweep or another execution settled meanwhile is answered, not sent.
     */
    private Send markSent(PayoutOrder order, Set<PayoutState> from) {
        return transactions.execute(status -> {
            Payout payout = sameOrder(payouts.lockByKey(order.idempotencyKey()).orElseThrow(), order);
            if (!from.contains(payout.getState())) {
                return new Send(payout, 0);
            }
            int number = payout.markSent(now());
            return new Send(payouts.saveAndFlush(payout), number);
        });
    }

    private PayoutAttempt settle(PayoutOrder order, ChannelAnswer answer, int sendNumber, PaymentChannel terms) {
        switch (answer.kind()) {
            case ANSWERED -> {
                String status = answer.payout().status();
                String reference = answer.payout().payoutId();
                if ("SUCCEEDED".equals(status)) {
                    BigDecimal fee = terms.fee(order.amount());
                    return change(order, row -> row.getState().inDoubt(), row -> {
                        row.succeeded(reference, fee, now());
                        ledger.postPayout(row.getIdempotencyKey(), fee);
                        holds.consume(row.getIdempotencyKey(), now());
                        return true;
                    });
                }
                if ("DECLINED".equals(status)) {
                    String reason = answer.payout().declineReason();
                    boolean beneficiary = reason != null && properties.beneficiaryDeclineCodes().contains(reason);
                    return change(order, row -> row.getState().inDoubt(), row -> notPaid(row,
                            () -> row.declined(reference, reason, beneficiary, now())));
                }
                if ("PENDING".equals(status) || "PROCESSING".equals(status)) {
                    return change(order, row -> row.getState().inDoubt(), row -> {
                        row.pendingAtChannel(reference, now());
                        return false;
                    });
                }
                log.warn("Payout {} at {}: unknown channel status {}, kept in doubt", order.idempotencyKey(),
                        order.channel(), status);
                return current(order);
            }
            case REFUSED -> {
                // A refusal proves nothing was taken only when no earlier request could be there.
                if (sendNumber != 1) {
                    return current(order);
                }
                return change(order, row -> row.getState() == PayoutState.SENT_UNCONFIRMED && row.getSendCount() == 1,
                        row -> notPaid(row, () -> row.provenNotSentByRefusal(sendNumber,
                                "CHANNEL_UNAVAILABLE: " + answer.detail(), now())));
            }
            default -> {
                log.info("Payout {} at {} in doubt: {}", order.idempotencyKey(), order.channel(), answer.detail());
                return current(order);
            }
        }
    }

    /** The channel did not and will not pay: the principal is voided and the hold released. */
    private boolean notPaid(Payout row, Runnable transition) {
        transition.run();
        ledger.voidPayout(row.getIdempotencyKey());
        holds.release(row.getIdempotencyKey(), now());
        return true;
    }

    /**
     * One state change in one transaction, on the row locked: applied only when the row is still in
     * a state it applies to (another execution may have settled it meanwhile); a final state gets
     * its audit record, last in the transaction as the audit trail requires.
     */
    private PayoutAttempt change(PayoutOrder order, Predicate<Payout> applies,
            Function<Payout, Boolean> transition) {
        return transactions.execute(status -> {
            Payout row = sameOrder(payouts.lockByKey(order.idempotencyKey()).orElseThrow(), order);
            if (!applies.test(row)) {
                return attempt(row);
            }
            boolean isFinal = transition.apply(row);
            Payout saved = payouts.saveAndFlush(row);
            if (isFinal) {
                audit.append(new AuditEvent.PayoutResult(saved.getApplicationId(), saved.getIdempotencyKey(),
                        saved.getChannel(), saved.getState().name(), saved.getChannelReference(),
                        saved.getFailureReason()));
            }
            return attempt(saved);
        });
    }

    private PayoutAttempt current(PayoutOrder order) {
        return attempt(payouts.findById(order.idempotencyKey()).orElseThrow());
    }

    private ChannelAnswer post(RestClient client, PayoutOrder order) {
        PayoutRequest body = new PayoutRequest(order.amount(), order.currency() == null ? "CNY" : order.currency(),
                order.bankCard(), order.accountName(), order.applicationId());
        return call(order, () -> client.post()
                .uri("/payouts")
                .header("Idempotency-Key", order.idempotencyKey())
                .body(body)
                .exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    if (status == 422 || status == 409) {
                        throw ApplicationFailure.newNonRetryableFailure(order.channel() + " holds another payout under "
                                + order.idempotencyKey(), Failures.PAYOUT_CONFLICT.name());
                    }
                    if (status == 503) {
                        return ChannelAnswer.refused("answered 503");
                    }
                    return answered(status, response.getStatusCode().is2xxSuccessful()
                            ? response.bodyTo(ChannelPayout.class) : null);
                }));
    }

    private ChannelAnswer get(RestClient client, PayoutOrder order) {
        return call(order, () -> client.get()
                .uri("/payouts/{key}", order.idempotencyKey())
                .exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    if (status == 404) {
                        return new ChannelAnswer(ChannelAnswer.Kind.NOT_FOUND, null, "404");
                    }
                    // A lookup the channel refuses says nothing about the payout.
                    return answered(status, response.getStatusCode().is2xxSuccessful()
                            ? response.bodyTo(ChannelPayout.class) : null);
                }));
    }

    private static ChannelAnswer answered(int status, ChannelPayout payout) {
        if (payout == null || payout.status() == null) {
            return ChannelAnswer.noAnswer("answered " + status + " without a payout");
        }
        return new ChannelAnswer(ChannelAnswer.Kind.ANSWERED, payout, "answered " + status);
    }

    private static ChannelAnswer call(PayoutOrder order, Supplier<ChannelAnswer> exchange) {
        try {
            return exchange.get();
        } catch (ResourceAccessException e) {
            // No connection was made, so no request can have left; any later I/O error (a read
            // timeout above all) may come after the channel took the payout.
            if (causedBy(e, ConnectException.class) || causedBy(e, HttpConnectTimeoutException.class)) {
                return ChannelAnswer.refused("no connection: " + e.getMessage());
            }
            return ChannelAnswer.noAnswer(e.getMessage());
        } catch (RestClientException e) {
            return ChannelAnswer.noAnswer(e.getMessage());
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private Payout sameOrder(Payout payout, PayoutOrder order) {
        if (!payout.sameOrder(order.channel(), order.amount())) {
            throw ApplicationFailure.newNonRetryableFailure("payout " + order.idempotencyKey()
                    + " was made to another channel or amount", Failures.PAYOUT_CONFLICT.name());
        }
        return payout;
    }

    private RestClient client(PayoutOrder order) {
        RestClient client = channels.get(order.channel());
        if (client == null) {
            throw ApplicationFailure.newNonRetryableFailure("unknown channel " + order.channel(),
                    Failures.INVALID_INPUT.name());
        }
        return client;
    }

    /** The channel's registered terms: its fee and how long it may still process a request it took. */
    private PaymentChannel terms(PayoutOrder order) {
        return registry.find(order.channel(), now()).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "channel " + order.channel() + " is not in the registry", Failures.INVALID_INPUT.name()));
    }

    private static Duration inDoubtWindow(PaymentChannel channel) {
        return Duration.ofSeconds(channel.inDoubtWindowSeconds());
    }

    private Instant now() {
        return Instant.now(clock);
    }

    static PayoutAttempt attempt(Payout payout) {
        return new PayoutAttempt(payout.getIdempotencyKey(), payout.getAttempt(), payout.getChannel(),
                payout.getAmount(), payout.getState(), payout.getChannelReference(), payout.getFailureReason(),
                payout.isBeneficiaryDecline(), payout.getFunder());
    }

    /** @param number which send this is (1: the first that could reach the channel); 0: not sent */
    private record Send(Payout payout, int number) {
    }

    /** What one request to the channel told us. */
    record ChannelAnswer(Kind kind, ChannelPayout payout, String detail) {

        enum Kind {
            /** The channel answered with the payout's status. */
            ANSWERED,
            /** A lookup: the channel has no payout under the key (yet). */
            NOT_FOUND,
            /** The channel certainly did not take the request: 503, or no connection made. */
            REFUSED,
            /** Anything else: the request may have been taken. */
            NO_ANSWER
        }

        static ChannelAnswer refused(String detail) {
            return new ChannelAnswer(Kind.REFUSED, null, detail);
        }

        static ChannelAnswer noAnswer(String detail) {
            return new ChannelAnswer(Kind.NO_ANSWER, null, detail);
        }
    }

    record PayoutRequest(BigDecimal amount, String currency, String cardNumber, String accountName,
            String reference) {
    }

    record ChannelPayout(String payoutId, String idempotencyKey, String status, String declineReason) {
    }
}
