package com.swiftlend.records.ledger;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The double-entry ledger of payouts. Each operation joins the caller's transaction, so an entry
 * is written with the payout state it records or not at all, and is idempotent by its entry key:
 * a retried activity adds nothing. Principals are two-phase, as TigerBeetle's transfers: PENDING
 * while the payout is in doubt, then POSTED or VOIDED, and never moved again (the V8 trigger
 * refuses it too).
 *
 * <p>Entries for payout key K: {@code K} (PRINCIPAL: Dr loans-receivable:F, Cr channel-clearing:C),
 * {@code K:fee} (FEE: Dr fees:C, Cr channel-clearing:C) and {@code K:funding} (FUNDING: Dr
 * channel-clearing:C, Cr funder-payable:F), the last two posted when the payout succeeds.
 */
@Component
public class Ledger {

    static final String UNASSIGNED = "unassigned";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Ledger(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Holds the principal as a PENDING entry, creating its accounts if missing. Repeating it for the
     * same payout adds nothing; another amount or channel under the same key is refused.
     */
    public void holdPrincipal(PrincipalHold hold) {
        String funder = hold.funder() == null ? UNASSIGNED : hold.funder();
        String currency = hold.currency() == null ? "CNY" : hold.currency();
        String receivable = "loans-receivable:" + funder;
        String clearing = "channel-clearing:" + hold.channel();
        Long id = insertEntry(hold.idempotencyKey(), "PRINCIPAL", hold, "PENDING", currency);
        if (id == null) {
            Map<String, BigDecimal> postings = postingsOf(hold.idempotencyKey());
            BigDecimal debit = postings.get(receivable);
            BigDecimal credit = postings.get(clearing);
            if (debit == null || credit == null || debit.compareTo(hold.amount()) != 0
                    || credit.compareTo(hold.amount().negate()) != 0) {
                throw new LedgerConflict("entry " + hold.idempotencyKey() + " holds " + postings
                        + ", not " + hold.amount() + " from " + receivable + " to " + clearing);
            }
            return;
        }
        post(id, receivable, "LOANS_RECEIVABLE", hold.amount());
        post(id, clearing, "CHANNEL_CLEARING", hold.amount().negate());
    }

    /**
     * The payout succeeded: its principal becomes POSTED, and its fee (when there is one) and the
     * funding it drew are posted. Repeating it adds nothing; a voided principal is refused.
     */
    public void postPayout(String idempotencyKey, BigDecimal fee) {
        Principal principal = principal(idempotencyKey);
        if ("VOIDED".equals(principal.state())) {
            throw new LedgerConflict("entry " + idempotencyKey + " is VOIDED and can never be posted");
        }
        jdbc.update("update journal_entry set state = 'POSTED', updated_at = ? where id = ? and state = 'PENDING'",
                now(), principal.id());
        PrincipalHold cause = new PrincipalHold(principal.applicationId(), idempotencyKey, null, principal.channel(),
                principal.amount(), principal.currency());
        if (fee != null && fee.signum() > 0) {
            Long feeEntry = insertEntry(idempotencyKey + ":fee", "FEE", cause, "POSTED", principal.currency());
            if (feeEntry != null) {
                post(feeEntry, "fees:" + principal.channel(), "FEES", fee);
                post(feeEntry, "channel-clearing:" + principal.channel(), "CHANNEL_CLEARING", fee.negate());
            }
        }
        Long funding = insertEntry(idempotencyKey + ":funding", "FUNDING", cause, "POSTED", principal.currency());
        if (funding != null) {
            post(funding, "channel-clearing:" + principal.channel(), "CHANNEL_CLEARING", principal.amount());
            post(funding, "funder-payable:" + principal.funder(), "FUNDER_PAYABLE", principal.amount().negate());
        }
    }

    /**
     * The payout certainly did not pay: its principal becomes VOIDED. Repeating it adds nothing; a
     * posted principal is refused.
     */
    public void voidPayout(String idempotencyKey) {
        Principal principal = principal(idempotencyKey);
        if ("POSTED".equals(principal.state())) {
            throw new LedgerConflict("entry " + idempotencyKey + " is POSTED and can never be voided");
        }
        jdbc.update("update journal_entry set state = 'VOIDED', updated_at = ? where id = ? and state = 'PENDING'",
                now(), principal.id());
    }

    /** PENDING, POSTED or VOIDED; null when there is no such entry. */
    public String stateOf(String entryKey) {
        return jdbc.query("select state from journal_entry where entry_key = ?",
                rs -> rs.next() ? rs.getString(1) : null, entryKey);
    }

    private Long insertEntry(String entryKey, String kind, PrincipalHold cause, String state, String currency) {
        Timestamp now = now();
        List<Long> ids = jdbc.queryForList("""
                insert into journal_entry (entry_key, kind, application_id, idempotency_key, state, currency,
                                           created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (entry_key) do nothing
                returning id""", Long.class,
                entryKey, kind, cause.applicationId(), cause.idempotencyKey(), state, currency, now, now);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private void post(long entryId, String account, String type, BigDecimal amount) {
        jdbc.update("insert into ledger_account (name, type) values (?, ?) on conflict (name) do nothing", account,
                type);
        jdbc.update("insert into journal_posting (entry_id, account, amount) values (?, ?, ?)", entryId, account,
                amount);
    }

    private Map<String, BigDecimal> postingsOf(String entryKey) {
        Map<String, BigDecimal> postings = new TreeMap<>();
        jdbc.query("""
                select p.account, p.amount from journal_posting p join journal_entry e on e.id = p.entry_id
                 where e.entry_key = ?""", rs -> {
            postings.put(rs.getString(1), rs.getBigDecimal(2));
        }, entryKey);
        return postings;
    }

    /** The principal entry, locked until the transaction ends, with its funder and channel. */
    private Principal principal(String idempotencyKey) {
        List<Principal> found = jdbc.query("""
                select id, state, application_id, currency from journal_entry
                 where entry_key = ? and kind = 'PRINCIPAL' for update""",
                (rs, row) -> new Principal(rs.getLong("id"), rs.getString("state"),
                        rs.getObject("application_id", UUID.class), rs.getString("currency"), null, null, null),
                idempotencyKey);
        if (found.isEmpty()) {
            throw new LedgerConflict("no principal entry " + idempotencyKey + " to settle");
        }
        Principal entry = found.get(0);
        String funder = null;
        String channel = null;
        BigDecimal amount = null;
        for (Map.Entry<String, BigDecimal> posting : postingsOf(idempotencyKey).entrySet()) {
            if (posting.getValue().signum() > 0) {
                funder = posting.getKey().substring("loans-receivable:".length());
                amount = posting.getValue();
            } else {
                channel = posting.getKey().substring("channel-clearing:".length());
            }
        }
        return new Principal(entry.id(), entry.state(), entry.applicationId(), entry.currency(), funder, channel,
                amount);
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }

    private record Principal(long id, String state, UUID applicationId, String currency, String funder,
            String channel, BigDecimal amount) {
    }

    /** An operation that contradicts what the ledger already holds for the same key. */
    public static class LedgerConflict extends IllegalStateException {

        LedgerConflict(String message) {
            super(message);
        }
    }
}
