package com.swiftlend.records.ledger;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Proves the books: every entry's postings sum to zero, and each channel's clearing account holds
 * exactly the payouts we believe went through it (posted principal = SUCCEEDED payouts, pending
 * principal = payouts still open: CLAIMED or in doubt). Read in one repeatable-read snapshot so a
 * payout settling meanwhile cannot make the two sides disagree.
 */
@Component
public class TrialBalance {

    private static final String ACCOUNTS = """
            select a.name, a.type,
                   coalesce(sum(p.amount) filter (where e.state = 'POSTED' and p.amount > 0), 0) posted_debits,
                   coalesce(-sum(p.amount) filter (where e.state = 'POSTED' and p.amount < 0), 0) posted_credits,
                   coalesce(sum(p.amount) filter (where e.state = 'PENDING' and p.amount > 0), 0) pending_debits,
                   coalesce(-sum(p.amount) filter (where e.state = 'PENDING' and p.amount < 0), 0) pending_credits
              from ledger_account a
              left join journal_posting p on p.account = a.name
              left join journal_entry e on e.id = p.entry_id
             group by a.name, a.type
             order by a.name""";

    // An entry without two postings records no movement; it is as wrong as one that does not sum to zero.
    private static final String UNBALANCED = """
            select e.entry_key from journal_entry e left join journal_posting p on p.entry_id = e.id
             group by e.id, e.entry_key
            having coalesce(sum(p.amount), 0) <> 0 or count(p.entry_id) < 2
             order by e.id""";

    private static final String CHANNELS = """
            with principal as (
                select substr(p.account, length('channel-clearing:') + 1) channel, e.state, -p.amount amount
                  from journal_entry e join journal_posting p on p.entry_id = e.id
                 where e.kind = 'PRINCIPAL' and p.account like 'channel-clearing:%'),
            channel as (select channel from payout union select channel from principal)
            select c.channel,
                   (select coalesce(sum(amount), 0) from principal where channel = c.channel and state = 'POSTED') posted,
                   (select coalesce(sum(amount), 0) from payout where channel = c.channel and status = 'SUCCEEDED') succeeded,
                   (select coalesce(sum(amount), 0) from principal where channel = c.channel and state = 'PENDING') pending,
                   (select coalesce(sum(amount), 0) from payout where channel = c.channel
                       and status in ('CLAIMED', 'SENT_UNCONFIRMED', 'PENDING_AT_CHANNEL')) open
              from channel c
             order by c.channel""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    TrialBalance(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    public Report compute() {
        return snapshot.execute(status -> {
            List<AccountBalance> accounts = jdbc.query(ACCOUNTS, (rs, row) -> {
                BigDecimal postedDebits = rs.getBigDecimal("posted_debits");
                BigDecimal postedCredits = rs.getBigDecimal("posted_credits");
                return new AccountBalance(rs.getString("name"), rs.getString("type"), postedDebits, postedCredits,
                        rs.getBigDecimal("pending_debits"), rs.getBigDecimal("pending_credits"),
                        postedDebits.subtract(postedCredits));
            });
            List<String> unbalanced = jdbc.queryForList(UNBALANCED, String.class);
            List<ChannelClearing> channels = jdbc.query(CHANNELS, (rs, row) -> new ChannelClearing(
                    rs.getString("channel"), rs.getBigDecimal("posted"), rs.getBigDecimal("succeeded"),
                    rs.getBigDecimal("pending"), rs.getBigDecimal("open")));
            return new Report(accounts, unbalanced, channels, unbalanced.isEmpty(),
                    unbalanced.isEmpty() && channels.stream().allMatch(ChannelClearing::matches));
        });
    }

    /**
     * @param balance posted debits minus posted credits
     */
    public record AccountBalance(String account, String type, BigDecimal postedDebits, BigDecimal postedCredits,
            BigDecimal pendingDebits, BigDecimal pendingCredits, BigDecimal balance) {
    }

    /**
     * @param postedPrincipal principal credited to channel-clearing:channel and posted
     * @param succeededPayouts the sum of the channel's SUCCEEDED payouts
     * @param pendingPrincipal principal credited to it and still pending
     * @param openPayouts the sum of its CLAIMED, SENT_UNCONFIRMED and PENDING_AT_CHANNEL payouts
     */
    public record ChannelClearing(String channel, BigDecimal postedPrincipal, BigDecimal succeededPayouts,
            BigDecimal pendingPrincipal, BigDecimal openPayouts) {

        public boolean matches() {
            return postedPrincipal.compareTo(succeededPayouts) == 0 && pendingPrincipal.compareTo(openPayouts) == 0;
        }
    }

    /**
     * @param entriesBalance every entry's postings sum to zero
     * @param balanced the entries balance and every channel's clearing matches its payouts
     */
    public record Report(List<AccountBalance> accounts, List<String> unbalancedEntries, List<ChannelClearing> channels,
            boolean entriesBalance, boolean balanced) {
    }
}
