package com.swiftlend.records.ledger;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The principal of one payout attempt, held while its outcome is open.
 *
 * @param funder the capital partner whose money it is; null books it on {@code unassigned}
 * @param currency ISO 4217; null is read as CNY
 */
public record PrincipalHold(UUID applicationId, String idempotencyKey, String funder, String channel,
        BigDecimal amount, String currency) {
}
