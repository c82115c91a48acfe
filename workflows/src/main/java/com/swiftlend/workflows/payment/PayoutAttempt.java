package com.swiftlend.workflows.payment;

import java.math.BigDecimal;

/**
 * What is known of one payout attempt after an activity touched it.
 *
 * @param declineReason the channel's code when DECLINED, or why it was PROVEN_NOT_SENT
 * @param beneficiaryDecline the decline concerns the borrower's account (a blocked card), so any
 *     other channel would decline it too; false for a decline of the channel's own (its limits, its
 *     risk controls, its balance), after which another channel may pay
 * @param funder the capital partner whose money the attempt pays out (null only in attempts
 *     recorded before funders existed): a resumed disbursement settles with it
 */
public record PayoutAttempt(
        String idempotencyKey,
        int attempt,
        String channel,
        BigDecimal amount,
        PayoutState state,
        String channelReference,
        String declineReason,
        boolean beneficiaryDecline,
        String funder) {
}
