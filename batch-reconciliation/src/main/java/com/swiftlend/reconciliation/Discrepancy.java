package com.swiftlend.reconciliation;

import java.math.BigDecimal;

/**
 * A discrepancy of the run being executed; channel and statement date come from the run, so
 * they are not repeated here. Either side's values are null where that side has none.
 */
record Discrepancy(
        DiscrepancyKind kind,
        String idempotencyKey,
        Integer statementLine,
        BigDecimal statementAmount,
        BigDecimal ledgerAmount,
        String statementStatus,
        String ledgerStatus,
        String detail) {
}
