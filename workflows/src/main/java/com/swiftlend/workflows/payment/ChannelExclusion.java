package com.swiftlend.workflows.payment;

/** A channel that was not considered for a payout, and why (DEGRADED, OVER_LIMIT, CLOSED, ...). */
public record ChannelExclusion(String channel, String reason) {
}
