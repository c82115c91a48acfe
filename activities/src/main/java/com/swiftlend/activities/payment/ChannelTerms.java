package com.swiftlend.activities.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A channel's terms in the registry (payment_channel) that settle a payout: its fee and how long
 * it may still process a request it has not yet acknowledged.
 */
record ChannelTerms(String channel, BigDecimal fixedFee, BigDecimal feeRate, Duration inDoubtWindow) {

    /** Fixed fee plus the rate on the amount, to the fen (HALF_UP, as the channels bill). */
    BigDecimal feeFor(BigDecimal amount) {
        return fixedFee.add(feeRate.multiply(amount)).setScale(2, RoundingMode.HALF_UP);
    }

    /** Null when the registry does not know the channel. */
    static ChannelTerms of(JdbcTemplate jdbc, String channel) {
        List<ChannelTerms> terms = jdbc.query(
                "select fixed_fee, fee_rate, in_doubt_window_seconds from payment_channel where name = ?",
                (rs, row) -> new ChannelTerms(channel, rs.getBigDecimal(1), rs.getBigDecimal(2),
                        Duration.ofSeconds(rs.getLong(3))), channel);
        return terms.isEmpty() ? null : terms.get(0);
    }
}
