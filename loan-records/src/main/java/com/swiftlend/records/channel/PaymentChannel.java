package com.swiftlend.records.channel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * One row of the channel registry with what is derived from our own payouts: the amount our
 * payouts in flight hold on its balance and what it paid out today.
 *
 * @param reportedBalance the channel's own answer at the last check; null until it was first checked
 * @param heldAmount the active holds of our payout attempts on this channel (state HELD)
 * @param dailyUsed today's (Asia/Shanghai) payouts on this channel that succeeded or may have
 */
public record PaymentChannel(
        String name,
        String kind,
        String currency,
        BigDecimal fixedFee,
        BigDecimal feeRate,
        BigDecimal minAmount,
        BigDecimal maxAmount,
        BigDecimal dailyLimit,
        LocalTime opensAt,
        LocalTime closesAt,
        int expectedSecondsToFunds,
        int inDoubtWindowSeconds,
        ChannelState state,
        String stateReason,
        int consecutiveHealthy,
        BigDecimal reportedBalance,
        double successRate,
        Long p95LatencyMs,
        Instant lastCheckedAt,
        BigDecimal heldAmount,
        BigDecimal dailyUsed) {

    /** What the channel can still pay: its reported balance less our holds; null while unknown. */
    public BigDecimal availableBalance() {
        return reportedBalance == null ? null : reportedBalance.subtract(heldAmount);
    }

    /** What the channel charges for a payout of this amount, in its currency. */
    public BigDecimal fee(BigDecimal amount) {
        return fixedFee.add(feeRate.multiply(amount)).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * Whether the channel takes payouts at this local time. Hours that wrap midnight (22:00 to
     * 06:00) are open across it; a missing bound is the start or end of the day.
     */
    public boolean isOpenAt(ZonedDateTime local) {
        if (opensAt == null && closesAt == null) {
            return true;
        }
        LocalTime now = local.toLocalTime();
        LocalTime opens = opensAt == null ? LocalTime.MIN : opensAt;
        if (closesAt == null) {
            return !now.isBefore(opens);
        }
        return opens.isBefore(closesAt)
                ? !now.isBefore(opens) && now.isBefore(closesAt)
                : !now.isBefore(opens) || now.isBefore(closesAt);
    }
}
