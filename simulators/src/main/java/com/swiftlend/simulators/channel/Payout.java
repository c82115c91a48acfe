package com.swiftlend.simulators.channel;

import java.math.BigDecimal;
import java.time.Instant;

record Payout(
        String payoutId,
        String idempotencyKey,
        PayoutStatus status,
        String declineReason,
        BigDecimal amount,
        String currency,
        Instant processedAt) {

    Payout settled() {
        return new Payout(payoutId, idempotencyKey, PayoutStatus.SUCCEEDED, null, amount, currency, processedAt);
    }
}
