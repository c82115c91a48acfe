package com.swiftlend.workflows.payment;

import java.math.BigDecimal;

/**
 * One payout attempt through one channel. The idempotency key names the attempt, not the
 * workflow run, so a resumed or retried workflow sends the same key and the channel (and our own
 * payout table) recognise a payout they have already seen.
 */
public record PayoutOrder(
        String applicationId,
        int attempt,
        String idempotencyKey,
        String channel,
        BigDecimal amount,
        String bankCard,
        String accountName) {

    public static String idempotencyKey(String applicationId, int attempt) {
        return applicationId + ":payout:" + attempt;
    }
}
