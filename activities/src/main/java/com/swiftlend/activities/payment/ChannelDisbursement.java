package com.swiftlend.activities.payment;

import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.payment.Disbursement;
import com.swiftlend.workflows.payment.PayoutAttempt;
import com.swiftlend.workflows.payment.PayoutOrder;
import com.swiftlend.workflows.payment.PayoutResult;
import com.swiftlend.workflows.payment.PayoutStatus;
import io.temporal.failure.ApplicationFailure;
import org.springframework.stereotype.Component;

/**
 * The legacy payout contract of loan workflows started before {@code DisbursementWorkflow},
 * answered by {@link ChannelPayoutsActivity} so those workflows get the same exactly-once
 * guarantees. Their contract has no state for a payout in doubt, so doubt is a retryable failure
 * (PAYOUT_IN_DOUBT): the old workflow then gives up on the payout rather than fail over, which is
 * what closes its double-payout hole. Only PROVEN_NOT_SENT becomes CHANNEL_UNAVAILABLE, the one
 * failure after which it tries another channel.
 */
@Component
class ChannelDisbursement implements Disbursement {

    private final ChannelPayoutsActivity payouts;

    ChannelDisbursement(ChannelPayoutsActivity payouts) {
        this.payouts = payouts;
    }

    @Override
    public PayoutResult disburse(PayoutOrder order) {
        return result(payouts.sendPayout(order));
    }

    @Override
    public PayoutResult lookUpPayout(PayoutOrder order) {
        return result(payouts.resolvePayoutInDoubt(order));
    }

    private static PayoutResult result(PayoutAttempt attempt) {
        return switch (attempt.state()) {
            case SUCCEEDED -> new PayoutResult(PayoutStatus.SUCCEEDED, attempt.channel(), attempt.channelReference(),
                    null);
            case DECLINED -> new PayoutResult(PayoutStatus.DECLINED, attempt.channel(), attempt.channelReference(),
                    attempt.declineReason());
            case PROVEN_NOT_SENT -> throw ApplicationFailure.newFailure(attempt.channel() + " did not take payout "
                    + attempt.idempotencyKey() + " (" + attempt.declineReason() + ")",
                    Failures.CHANNEL_UNAVAILABLE.name());
            case CLAIMED, SENT_UNCONFIRMED, PENDING_AT_CHANNEL -> throw ApplicationFailure.newFailure("payout "
                    + attempt.idempotencyKey() + " at " + attempt.channel() + " is " + attempt.state(),
                    Failures.PAYOUT_IN_DOUBT.name());
        };
    }
}
