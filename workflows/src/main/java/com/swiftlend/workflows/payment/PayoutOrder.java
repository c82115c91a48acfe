package com.swiftlend.workflows.payment;

import java.math.BigDecimal;

/**
 * One payout attempt through one channel. The idempotency key names the attempt, not the
 * workflow run, so a resumed or retried workflow sends the same key and the channel (and our own
 * payout table) recognise a payout they have already seen.
 *
 * @param funder the capital partner whose money this is: the ledger books the loan on its account
 *     (null only in orders recorded before funders existed)
 * @param currency ISO 4217; null is read as CNY
 */
public record PayoutOrder(
        String applicationId,
        int attempt,
        String idempotencyKey,
        String channel,
        BigDecimal amount,
        String bankCard,
        String accountName,
        String funder,
        String currency) {

    public PayoutOrder(String applicationId, int attempt, String idempotencyKey, String channel, BigDecimal amount,
            String bankCard, String accountName) {
        this(applicationId, attempt, idempotencyKey, channel, amount, bankCard, accountName, null, null);
    }

    public static String idempotencyKey(String applicationId, int attempt) {
        return applicationId + ":payout:" + attempt;
    }
}
