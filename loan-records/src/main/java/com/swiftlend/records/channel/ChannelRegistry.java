package com.swiftlend.records.channel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The payment channels we can pay out through (table payment_channel): their terms, their health
 * as the checks and the operators left it, and what our own payouts hold and used on each.
 */
@Component
public class ChannelRegistry {

    /** Daily limits are per business day, and the business runs on Beijing time. */
    public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    // A CLAIMED payout is counted with the in-doubt ones: it is about to be sent, and counting it
    // keeps two payouts claimed at once from both fitting under the limit.
    private static final String SELECT = """
            select c.*,
                   coalesce((select sum(h.amount) from channel_balance_hold h
                              where h.channel = c.name and h.state = 'HELD'), 0) as held_amount,
                   coalesce((select sum(p.amount) from payout p
                              where p.channel = c.name and p.created_at >= ?
                                and p.status in ('SUCCEEDED', 'CLAIMED', 'SENT_UNCONFIRMED', 'PENDING_AT_CHANNEL')),
                            0) as daily_used
              from payment_channel c
            """;

    private final JdbcTemplate jdbc;

    ChannelRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every registered channel, by name. */
    public List<PaymentChannel> all(Instant now) {
        return jdbc.query(SELECT + " order by c.name", ChannelRegistry::channel, startOfBusinessDay(now));
    }

    public Optional<PaymentChannel> find(String name, Instant now) {
        return jdbc.query(SELECT + " where c.name = ?", ChannelRegistry::channel, startOfBusinessDay(now), name)
                .stream().findFirst();
    }

    /**
     * The channel's last {@code limit} final payouts settled within {@code window} before
     * {@code now}: how often it paid, and how long its answers took.
     */
    public PayoutStatistics measure(String channel, Instant now, Duration window, int limit) {
        return jdbc.queryForObject("""
                with recent as (
                    select status, sent_at, settled_at from payout
                     where channel = ? and coalesce(settled_at, updated_at) >= ?
                       and (status in ('SUCCEEDED', 'PROVEN_NOT_SENT')
                            or (status = 'DECLINED' and not beneficiary_decline))
                     order by coalesce(settled_at, updated_at) desc
                     limit ?)
                select count(*) as final_payouts,
                       count(*) filter (where status = 'SUCCEEDED') as succeeded,
                       percentile_cont(0.95) within group (
                           order by extract(epoch from settled_at - sent_at) * 1000)
                           filter (where sent_at is not null and settled_at is not null) as p95
                  from recent""",
                (rs, row) -> {
                    double p95 = rs.getDouble("p95");
                    return new PayoutStatistics(rs.getInt("final_payouts"), rs.getInt("succeeded"),
                            rs.wasNull() ? null : Math.round(p95));
                },
                channel, Timestamp.from(now.minus(window)), limit);
    }

    /**
     * Records a check's measurements and, unless the channel is DISABLED, the state it decided.
     * The state is written only if it is still the one the check read: an operator's override
     * made while the check ran wins over the check.
     *
     * @return whether the state was written (false: disabled, or changed meanwhile)
     */
    public boolean recordCheck(String name, ChannelState readState, ChannelCheck check) {
        if (check.state() == ChannelState.DISABLED) {
            throw new IllegalArgumentException("a health check never disables a channel");
        }
        int changed = jdbc.update("""
                update payment_channel
                   set state = ?, state_reason = ?, consecutive_healthy = ?, reported_balance = ?,
                       success_rate = ?, p95_latency_ms = ?, last_checked_at = ?, updated_at = ?
                 where name = ? and state = ? and state <> 'DISABLED'""",
                check.state().name(), check.reason(), check.consecutiveHealthy(), check.reportedBalance(),
                check.successRate(), check.p95LatencyMs(), Timestamp.from(check.checkedAt()),
                Timestamp.from(check.checkedAt()), name, readState.name());
        if (changed == 1) {
            return true;
        }
        jdbc.update("""
                update payment_channel
                   set reported_balance = ?, success_rate = ?, p95_latency_ms = ?, last_checked_at = ?
                 where name = ?""",
                check.reportedBalance(), check.successRate(), check.p95LatencyMs(), Timestamp.from(check.checkedAt()),
                name);
        return false;
    }

    /**
     * An operator's override: DISABLED (forced down) or HEALTHY (vouched for, at once). The
     * checks start counting afresh from here.
     *
     * @return the channel as it is now, or empty when no channel has this name
     */
    public Optional<PaymentChannel> force(String name, ChannelState state, String reason, Instant now) {
        int changed = jdbc.update("""
                update payment_channel set state = ?, state_reason = ?, consecutive_healthy = 0, updated_at = ?
                 where name = ?""", state.name(), reason, Timestamp.from(now), name);
        return changed == 0 ? Optional.empty() : find(name, now);
    }

    static Timestamp startOfBusinessDay(Instant now) {
        return Timestamp.from(LocalDate.ofInstant(now, BUSINESS_ZONE).atStartOfDay(BUSINESS_ZONE).toInstant());
    }

    private static PaymentChannel channel(ResultSet rs, int row) throws SQLException {
        long p95 = rs.getLong("p95_latency_ms");
        Long p95LatencyMs = rs.wasNull() ? null : p95;
        Timestamp checked = rs.getTimestamp("last_checked_at");
        return new PaymentChannel(rs.getString("name"), rs.getString("kind"), rs.getString("currency"),
                rs.getBigDecimal("fixed_fee"), rs.getBigDecimal("fee_rate"), rs.getBigDecimal("min_amount"),
                rs.getBigDecimal("max_amount"), rs.getBigDecimal("daily_limit"), time(rs, "opens_at"),
                time(rs, "closes_at"), rs.getInt("expected_seconds_to_funds"), rs.getInt("in_doubt_window_seconds"),
                ChannelState.valueOf(rs.getString("state")), rs.getString("state_reason"),
                rs.getInt("consecutive_healthy"), rs.getBigDecimal("reported_balance"), rs.getDouble("success_rate"),
                p95LatencyMs, checked == null ? null : checked.toInstant(), rs.getBigDecimal("held_amount"),
                rs.getBigDecimal("daily_used"));
    }

    private static LocalTime time(ResultSet rs, String column) throws SQLException {
        java.sql.Time time = rs.getTime(column);
        return time == null ? null : time.toLocalTime();
    }
}
