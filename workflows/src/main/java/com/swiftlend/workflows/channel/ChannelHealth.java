package com.swiftlend.workflows.channel;

import java.math.BigDecimal;

/**
 * One channel after a check.
 *
 * @param state HEALTHY, DEGRADED or DISABLED (forced down by an operator)
 * @param reason why it is not HEALTHY (HEALTH_CHECK_FAILED, BALANCE_LOW, SUCCESS_RATE_LOW, FORCED_DOWN)
 */
public record ChannelHealth(String channel, String state, String reason, BigDecimal availableBalance,
        double successRate, Long p95LatencyMillis) {
}
