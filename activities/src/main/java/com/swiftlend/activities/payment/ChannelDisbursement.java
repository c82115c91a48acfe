package com.swiftlend.activities.payment;

import com.swiftlend.activities.PartnerHttp;
import com.swiftlend.records.audit.AuditEvent;
import com.swiftlend.records.audit.AuditTrail;
import com.swiftlend.records.payout.Payout;
import com.swiftlend.records.payout.PayoutRepository;
import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.payment.Disbursement;
import com.swiftlend.workflows.payment.PayoutOrder;
import com.swiftlend.workflows.payment.PayoutResult;
import com.swiftlend.workflows.payment.PayoutStatus;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Pays out through a channel at most once per idempotency key. Our payout row is written before
 * the channel is called and settled after it answers, so a retried or resumed attempt either
 * returns what is already known or resends under the same key, which the channel deduplicates.
 * Each request to a channel and each answer is on the audit trail, keyed by the idempotency key,
 * so a resent request or a re-read answer is recorded once; the card number never is.
 */
@Component
class ChannelDisbursement implements Disbursement {

    private final Map<String, RestClient> channels;
    private final PayoutRepository payouts;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AuditTrail audit;

    ChannelDisbursement(RestClient.Builder builder, PaymentProperties properties, PayoutRepository payouts,
            TransactionTemplate transactions, Clock clock, AuditTrail audit) {
        this.channels = properties.channels().stream().collect(Collectors.toUnmodifiableMap(
                PaymentProperties.Channel::name,
                channel -> PartnerHttp.client(builder, channel.baseUrl(), channel.connectTimeout(),
                        channel.readTimeout())));
        this.payouts = payouts;
        this.transactions = transactions;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public PayoutResult disburse(PayoutOrder order) {
        Payout payout = claim(order);
        if (payout.isSettled()) {
            return result(payout);
        }
        audit.append(new AuditEvent.PayoutRequested(payout.getApplicationId(), order.idempotencyKey(),
                order.attempt(), order.channel(), order.amount(), "CNY"));
        ChannelPayout answer;
        try {
            answer = channel(order).post()
                    .uri("/payouts")
                    .header("Idempotency-Key", order.idempotencyKey())
                    .body(new PayoutRequest(order.amount(), "CNY", order.bankCard(), order.accountName(),
                            order.applicationId()))
                    .exchange((request, response) -> {
                        HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
                        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
                            throw unavailable(order, "answered 503");
                        }
                        if (status == HttpStatus.UNPROCESSABLE_ENTITY || status == HttpStatus.CONFLICT) {
                            throw ApplicationFailure.newNonRetryableFailure(
                                    "channel holds another payout under " + order.idempotencyKey(),
                                    Failures.PAYOUT_CONFLICT.name());
                        }
                        if (status == null || !status.is2xxSuccessful()) {
                            throw new IllegalStateException(order.channel() + " answered " + response.getStatusCode());
                        }
                        return response.bodyTo(ChannelPayout.class);
                    });
        } catch (ResourceAccessException e) {
            if (e.getCause() instanceof ConnectException) {
                throw unavailable(order, "refused the connection");
            }
            throw e;
        }
        return settle(order, answer);
    }

    @Override
    public PayoutResult lookUpPayout(PayoutOrder order) {
        ChannelPayout answer = channel(order).get()
                .uri("/payouts/{key}", order.idempotencyKey())
                .exchange((request, response) -> response.getStatusCode().value() == 404
                        ? null
                        : response.bodyTo(ChannelPayout.class));
        if (answer == null) {
            return new PayoutResult(PayoutStatus.NOT_FOUND, order.channel(), null, null);
        }
        return settle(order, answer);
    }

    private Payout claim(PayoutOrder order) {
        Function<Payout, Payout> sameOrder = payout -> {
            if (!payout.getChannel().equals(order.channel()) || payout.getAmount().compareTo(order.amount()) != 0) {
                throw ApplicationFailure.newNonRetryableFailure(
                        "payout " + order.idempotencyKey() + " was made to another channel or amount",
                        Failures.PAYOUT_CONFLICT.name());
            }
            return payout;
        };
        return payouts.findById(order.idempotencyKey()).map(sameOrder).orElseGet(() -> {
            try {
                return transactions.execute(status -> payouts.saveAndFlush(new Payout(order.idempotencyKey(),
                        UUID.fromString(order.applicationId()), order.attempt(), order.channel(), order.amount(),
                        Instant.now(clock))));
            } catch (DataIntegrityViolationException raced) {
                return sameOrder.apply(payouts.findById(order.idempotencyKey()).orElseThrow(() -> raced));
            }
        });
    }

    private PayoutResult settle(PayoutOrder order, ChannelPayout answer) {
        if (answer == null || answer.status() == null) {
            throw ApplicationFailure.newFailure("channel answer without a status",
                    Failures.PARTNER_PROTOCOL_ERROR.name());
        }
        Payout payout = transactions.execute(status -> {
            Payout row = payouts.findById(order.idempotencyKey()).orElseThrow();
            if ("SUCCEEDED".equals(answer.status())) {
                row.succeeded(answer.payoutId(), Instant.now(clock));
            } else {
                row.failed(answer.payoutId(), answer.declineReason(), Instant.now(clock));
            }
            Payout settled = payouts.saveAndFlush(row);
            // In the settling transaction, and last in it (the append takes the chain's lock).
            audit.append(new AuditEvent.PayoutResult(settled.getApplicationId(), settled.getIdempotencyKey(),
                    settled.getChannel(), settled.getStatus().name(), settled.getChannelReference(),
                    settled.getFailureReason()));
            return settled;
        });
        return result(payout);
    }

    private static PayoutResult result(Payout payout) {
        return payout.getStatus() == Payout.State.SUCCEEDED
                ? new PayoutResult(PayoutStatus.SUCCEEDED, payout.getChannel(), payout.getChannelReference(), null)
                : new PayoutResult(PayoutStatus.DECLINED, payout.getChannel(), payout.getChannelReference(),
                        payout.getFailureReason());
    }

    private RestClient channel(PayoutOrder order) {
        RestClient client = channels.get(order.channel());
        if (client == null) {
            throw ApplicationFailure.newNonRetryableFailure("unknown channel " + order.channel(),
                    Failures.INVALID_INPUT.name());
        }
        return client;
    }

    private static ApplicationFailure unavailable(PayoutOrder order, String what) {
        return ApplicationFailure.newFailure(order.channel() + " " + what, Failures.CHANNEL_UNAVAILABLE.name());
    }

    record PayoutRequest(BigDecimal amount, String currency, String cardNumber, String accountName,
            String reference) {
    }

    record ChannelPayout(String payoutId, String idempotencyKey, String status, String declineReason) {
    }
}
