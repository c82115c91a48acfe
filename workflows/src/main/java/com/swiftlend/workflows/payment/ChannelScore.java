package com.swiftlend.workflows.payment;

import java.math.BigDecimal;

/**
 * One channel that can take a payout, with the terms of the routing cost function (see
 * docs/architecture.md, "Routing"): lower {@code cost} is better.
 *
 * @param successProbability the channel's measured rolling success rate
 * @param expectedSecondsToFunds how long the borrower waits for the money through it
 */
public record ChannelScore(
        String channel,
        String kind,
        BigDecimal fee,
        double successProbability,
        long expectedSecondsToFunds,
        BigDecimal cost) {
}
