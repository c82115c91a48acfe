package com.swiftlend.workflows.payment;

import io.temporal.activity.ActivityInterface;

/** Sends money to the borrower through a payment channel, at most once per idempotency key. */
@ActivityInterface
public interface Disbursement {

    /**
     * Sends the payout, or returns what an earlier attempt with the same key already achieved.
     * Fails with {@code CHANNEL_UNAVAILABLE} only when the channel certainly did not accept it.
     */
    PayoutResult disburse(PayoutOrder order);

    /** Asks the channel what became of a payout whose sending ended in doubt (a timeout). */
    PayoutResult lookUpPayout(PayoutOrder order);
}
