package com.swiftlend.reconciliation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.batch.item.ItemProcessor;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Matches one statement line against our payout with the same idempotency key. */
class StatementLineReconciler implements ItemProcessor<StatementLine, ReconciledLine> {

    // Looked up by key alone (the primary key) so that a payout booked on another channel is
    // named in the discrepancy instead of looking like it does not exist at all.
    private static final String FIND_PAYOUT =
            "select channel, amount, status from payout where idempotency_key = :key";

    private final ReconciliationRun run;
    private final NamedParameterJdbcTemplate jdbc;

    StatementLineReconciler(ReconciliationRun run, NamedParameterJdbcTemplate jdbc) {
        this.run = run;
        this.jdbc = jdbc;
    }

    /** Never returns null: a matching line still has to be staged for step 2. */
    @Override
    public ReconciledLine process(StatementLine line) {
        List<Map<String, Object>> rows = jdbc.queryForList(FIND_PAYOUT, Map.of("key", line.idempotencyKey()));
        if (rows.isEmpty()) {
            return new ReconciledLine(line, List.of(statementOnly(line, "no payout with this key")));
        }
        Map<String, Object> payout = rows.get(0);
        String channel = (String) payout.get("channel");
        if (!run.channel().equals(channel)) {
            return new ReconciledLine(line, List.of(statementOnly(line, "the payout with this key was sent via " + channel)));
        }
        BigDecimal ledgerAmount = (BigDecimal) payout.get("amount");
        String ledgerStatus = (String) payout.get("status");
        List<Discrepancy> discrepancies = new ArrayList<>(2);
        // compareTo, not equals: 100.0 on the statement is the same money as our 100.00.
        if (line.amount().compareTo(ledgerAmount) != 0) {
            discrepancies.add(both(DiscrepancyKind.AMOUNT_MISMATCH, line, ledgerAmount, ledgerStatus,
                    "statement amount " + line.amount().toPlainString() + " " + line.currency()
                            + ", ledger amount " + ledgerAmount.toPlainString()));
        }
        if (statusesDisagree(line.status(), ledgerStatus)) {
            discrepancies.add(both(DiscrepancyKind.STATUS_MISMATCH, line, ledgerAmount, ledgerStatus,
                    "channel says " + line.status() + ", ledger says " + ledgerStatus));
        }
        return new ReconciledLine(line, discrepancies);
    }

    /**
     * Money left according to the channel but not according to us (DECLINED, PROVEN_NOT_SENT, or
     * still in doubt: SENT_UNCONFIRMED, PENDING_AT_CHANNEL), or the reverse. A DECLINED line for a
     * payout still in doubt is no disagreement: the payment workflow will learn the decline when
     * it asks the channel about the key.
     */
    private static boolean statusesDisagree(StatementStatus statement, String ledger) {
        return switch (statement) {
            case SUCCEEDED -> !"SUCCEEDED".equals(ledger);
            case DECLINED -> "SUCCEEDED".equals(ledger);
        };
    }

    private static Discrepancy statementOnly(StatementLine line, String detail) {
        return new Discrepancy(DiscrepancyKind.MISSING_IN_LEDGER, line.idempotencyKey(), line.lineNumber(),
                line.amount(), null, line.status().name(), null,
                line.payoutId() == null ? detail : detail + " (channel payout id " + line.payoutId() + ")");
    }

    private static Discrepancy both(DiscrepancyKind kind, StatementLine line, BigDecimal ledgerAmount,
            String ledgerStatus, String detail) {
        return new Discrepancy(kind, line.idempotencyKey(), line.lineNumber(), line.amount(), ledgerAmount,
                line.status().name(), ledgerStatus, detail);
    }
}
