package com.swiftlend.activities.payment;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How payouts are settled.
 *
 * @param beneficiaryDeclineCodes the channels' decline codes that the borrower's account causes
 *     (any channel would decline it too, so failover is pointless); every other decline is the
 *     channel's own (its limits, risk controls, balance)
 * @param staleClaimAge a payout still CLAIMED this long after its claim was never sent (its
 *     activity died between claiming and marking it sent) and is swept to PROVEN_NOT_SENT; far
 *     longer than an activity's start-to-close timeout, so the sweep never races a live attempt
 *     (and the conditional mark-sent makes even that race harmless)
 * @param staleClaimSweepInterval how often the sweep runs in a process that runs payouts
 */
@ConfigurationProperties("swiftlend.payments.payouts")
public record PayoutProperties(
        @DefaultValue({"CARD_BLOCKED", "ACCOUNT_CLOSED", "NAME_MISMATCH"}) Set<String> beneficiaryDeclineCodes,
        @DefaultValue("10m") Duration staleClaimAge,
        @DefaultValue("1m") Duration staleClaimSweepInterval) {
}
