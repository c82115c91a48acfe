package com.swiftlend.records.channel;

/**
 * A channel's recent final payouts, as measured from our own payout rows.
 *
 * @param finalPayouts the payouts counted: succeeded, declined by the channel, or proven not sent
 *     (a beneficiary-side decline, such as a blocked card, says nothing about the channel)
 * @param succeeded how many of them succeeded
 * @param p95LatencyMs the 95th percentile of settled_at - sent_at; null when none has both
 */
public record PayoutStatistics(int finalPayouts, int succeeded, Long p95LatencyMs) {

    public double successRate() {
        return finalPayouts == 0 ? 1.0 : (double) succeeded / finalPayouts;
    }
}
