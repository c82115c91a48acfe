package com.swiftlend.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;

/** One validated line of a channel statement; {@code lineNumber} counts the header as line 1. */
record StatementLine(
        int lineNumber,
        String payoutId,
        String idempotencyKey,
        BigDecimal amount,
        String currency,
        StatementStatus status,
        Instant processedAt) {
}
