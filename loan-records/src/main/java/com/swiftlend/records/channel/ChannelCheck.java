package com.swiftlend.records.channel;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What one health check found and decided for a channel.
 *
 * @param state the state the check decided (never DISABLED: only an operator disables)
 * @param reason why it is DEGRADED; null when HEALTHY
 * @param reportedBalance the balance the channel reported, or the one stored when it did not answer
 */
public record ChannelCheck(ChannelState state, String reason, int consecutiveHealthy, BigDecimal reportedBalance,
        double successRate, Long p95LatencyMs, Instant checkedAt) {
}
