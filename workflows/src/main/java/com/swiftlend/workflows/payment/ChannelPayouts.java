package com.swiftlend.workflows.payment;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * Payouts through payment channels, one idempotency key per attempt, every state explicit and
 * every money movement in the ledger in the same transaction as the state it records. None of
 * these methods fails because a channel is slow or down: that is a state ({@link
 * PayoutState#SENT_UNCONFIRMED}, {@link PayoutState#PROVEN_NOT_SENT}), not an exception, so the
 * workflow decides what to do with it. They fail only when our own database is unreachable
 * (retried) or the order contradicts an earlier one under the same key (PAYOUT_CONFLICT).
 */
@ActivityInterface
public interface ChannelPayouts {

    /**
     * Claims the attempt (payout row, balance hold, pending ledger entry), marks it sent, and
     * sends it. Repeating it for the same order resends the same key or answers what is known.
     */
    @ActivityMethod(name = "SendPayout")
    PayoutAttempt sendPayout(PayoutOrder order);

    /**
     * Settles an attempt in doubt by asking the same channel about the same key, resending the
     * same key when the channel does not know it. It never concludes "not paid" from silence.
     */
    @ActivityMethod(name = "ResolvePayoutInDoubt")
    PayoutAttempt resolvePayoutInDoubt(PayoutOrder order);

    /** Every attempt recorded for the application, oldest first: where a resumed payout stands. */
    @ActivityMethod(name = "RecordedPayoutAttempts")
    List<PayoutAttempt> recordedPayoutAttempts(String applicationId);
}
