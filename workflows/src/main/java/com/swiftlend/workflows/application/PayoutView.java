package com.swiftlend.workflows.application;

import com.swiftlend.workflows.payment.PayoutAttempt;
import com.swiftlend.workflows.payment.PayoutState;

/**
 * The payout attempt in progress or the last one made.
 *
 * @param state null while the attempt is being prepared
 * @param note why the disbursement failed, when it did
 */
public record PayoutView(int attempt, String channel, PayoutState state, String channelReference, String note) {

    public static PayoutView of(PayoutAttempt attempt, String note) {
        return new PayoutView(attempt.attempt(), attempt.channel(), attempt.state(), attempt.channelReference(),
                note);
    }
}
