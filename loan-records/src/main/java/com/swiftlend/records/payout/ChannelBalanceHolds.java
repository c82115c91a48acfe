package com.swiftlend.records.payout;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What each payout attempt holds on its channel's balance, from its claim until it settles, so
 * routing sees the balance our in-flight payouts have not yet drawn. Each change is conditional
 * on the hold still being HELD, so repeating one adds nothing, and joins the caller's transaction
 * (the payout's state change).
 */
@Component
public class ChannelBalanceHolds {

    private final JdbcTemplate jdbc;

    ChannelBalanceHolds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void hold(String idempotencyKey, String channel, BigDecimal amount, Instant now) {
        jdbc.update("""
                insert into channel_balance_hold (idempotency_key, channel, amount, state, created_at, updated_at)
                values (?, ?, ?, 'HELD', ?, ?)
                on conflict (idempotency_key) do nothing""",
                idempotencyKey, channel, amount, Timestamp.from(now), Timestamp.from(now));
    }

    /** The channel paid: its own balance now includes the amount. */
    public void consume(String idempotencyKey, Instant now) {
        settle(idempotencyKey, "CONSUMED", now);
    }

    /** The channel did not pay: the amount is available again. */
    public void release(String idempotencyKey, Instant now) {
        settle(idempotencyKey, "RELEASED", now);
    }

    /** HELD, CONSUMED or RELEASED; null when the attempt holds nothing. */
    public String stateOf(String idempotencyKey) {
        return jdbc.query("select state from channel_balance_hold where idempotency_key = ?",
                rs -> rs.next() ? rs.getString(1) : null, idempotencyKey);
    }

    private void settle(String idempotencyKey, String state, Instant now) {
        jdbc.update("update channel_balance_hold set state = ?, updated_at = ? where idempotency_key = ? and state = 'HELD'",
                state, Timestamp.from(now), idempotencyKey);
    }
}
